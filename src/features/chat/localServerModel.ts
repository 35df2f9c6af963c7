// The bundled local server as a VS Code language model: while it runs, its
// model appears in VS Code's model picker (vendor "svg-copilot") and any chat
// or extension can use it. Requests are forwarded to the server's
// OpenAI-compatible API; text and image parts are passed on as they are.
import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/model/chatClient';
import { DEFAULT_PRESET, PRESETS } from '../../shared/presets';
import { getSetting } from '../config';
import type { Endpoints } from '../model/endpoints';
import { OWN_LANGUAGE_MODEL_VENDOR } from '../model/languageModels';
import type { ModelSessions } from '../model/session';
import type { Services } from '../services';

/** Output limit advertised to VS Code; the server cuts max_tokens to its context anyway. */
const MAX_OUTPUT_TOKENS = 4096;

export class LocalServerModelProvider implements vscode.LanguageModelChatProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly endpoints: Endpoints, private readonly sessions: ModelSessions) {
    this.subscription = endpoints.server.onDidChangeState(() => this.changed.fire());
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    const connection = this.endpoints.server.connection;
    if (!connection) return [];
    const context = getSetting('serverContextSize');
    return [{
      id: connection.model,
      name: `${connection.model} (SVG Copilot local server)`,
      family: 'svg-copilot-local',
      version: '1',
      detail: 'SVG Copilot',
      tooltip: `The model the SVG Copilot local server runs at ${connection.url}.`,
      maxInputTokens: Math.max(1, context - MAX_OUTPUT_TOKENS),
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      capabilities: { imageInput: hasVisionProjector(), toolCalling: false },
    }];
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const connection = this.endpoints.server.connection;
    if (!connection) throw new Error('The SVG Copilot local server is not running. Start it with "SVG Copilot: Start Local Server".');
    const client = this.sessions.httpClient({ kind: 'http', baseURL: connection.url, apiKey: connection.token, model: model.id, bundled: true });
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const temperature = options.modelOptions?.temperature;
      const maxTokens = options.modelOptions?.max_tokens;
      const r = await client.chat(
        {
          messages: toOpenAiMessages(messages),
          stream: true,
          ...(typeof temperature === 'number' && { temperature }),
          ...(typeof maxTokens === 'number' && { maxTokens }),
        },
        { signal: controller.signal, onDelta: (delta) => progress.report(new vscode.LanguageModelTextPart(delta)) },
      );
      if (!r.ok && r.kind === 'cancelled') return;
      if (!r.ok) throw new Error(r.message);
    } finally {
      sub.dispose();
    }
  }

  provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    // An estimate (about four characters a token, an image as a few hundred):
    // asking the server to tokenize would cost a round trip for every count.
    const parts = typeof text === 'string' ? [text] : text.content;
    let count = 0;
    for (const p of parts) {
      if (typeof p === 'string') count += Math.ceil(p.length / 4);
      else if (p instanceof vscode.LanguageModelTextPart) count += Math.ceil(p.value.length / 4);
      else if (p instanceof vscode.LanguageModelDataPart) count += p.mimeType.startsWith('image/') ? 300 : Math.ceil(p.data.byteLength / 4);
    }
    return Promise.resolve(count);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Whether the server runs with a vision projector: one is configured, or the preset in use has one. */
function hasVisionProjector(): boolean {
  if (getSetting('serverMmproj').trim()) return true;
  const name = getSetting('serverModel').trim() || DEFAULT_PRESET;
  const preset = PRESETS.find((p) => p.name === name);
  return Boolean(preset && 'mmproj' in preset && preset.mmproj);
}

/** VS Code's messages in the OpenAI chat shape: text parts as text, image data parts as data URLs. */
export function toOpenAiMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  return messages.map((m): ChatMessage => {
    const parts: ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[] = [];
    for (const p of m.content) {
      if (p instanceof vscode.LanguageModelTextPart) parts.push({ type: 'text', text: p.value });
      else if (p instanceof vscode.LanguageModelDataPart && p.mimeType.startsWith('image/')) {
        parts.push({ type: 'image_url', image_url: { url: `data:${p.mimeType};base64,${Buffer.from(p.data).toString('base64')}` } });
      } else if (p instanceof vscode.LanguageModelToolResultPart) {
        const text = p.content.map((c) => (c instanceof vscode.LanguageModelTextPart ? c.value : '')).join('');
        if (text) parts.push({ type: 'text', text });
      }
    }
    if (m.role === vscode.LanguageModelChatMessageRole.Assistant) {
      return { role: 'assistant', content: parts.map((p) => (p.type === 'text' ? p.text : '')).join('') };
    }
    const onlyText = parts.every((p) => p.type === 'text');
    return { role: 'user', content: onlyText ? parts.map((p) => (p as { text: string }).text).join('') : parts };
  });
}

export function registerLocalServerModel(services: Pick<Services, 'endpoints' | 'sessions'>): vscode.Disposable {
  const provider = new LocalServerModelProvider(services.endpoints, services.sessions);
  const registration = vscode.lm.registerLanguageModelChatProvider(OWN_LANGUAGE_MODEL_VENDOR, provider);
  return { dispose: () => { registration.dispose(); provider.dispose(); } };
}
