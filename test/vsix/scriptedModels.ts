// Scripted language models for the packaged-extension check: vendor
// "svg-copilot-test" (contributed by this folder's package.json): one model
// with image input and one without, which answer like a generator and a critic
// would from what the request holds; one whose quota is used up; and one that
// never answers until it is cancelled. Every request is recorded (text and
// data parts, and whether it was cancelled) so tests can check what SVG
// Copilot sent.
import * as vscode from 'vscode';

export const VENDOR = 'svg-copilot-test';
export const VISION_MODEL = 'scripted-vlm';
export const TEXT_MODEL = 'scripted-text';
export const QUOTA_MODEL = 'scripted-quota';
export const STALLING_MODEL = 'scripted-stall';

/** The SVG the scripted generator answers with: its fill is the mark a test looks for. */
export const SCRIPTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><title>scripted circle</title><circle cx="12" cy="12" r="9" fill="#0a7e3c"/></svg>';
export const SCRIPTED_SCORE = 9;

export type RecordedPart = { kind: 'text'; text: string } | { kind: 'data'; mimeType: string; data: Uint8Array };

export interface RecordedRequest {
  model: string;
  messages: { role: 'user' | 'assistant'; parts: RecordedPart[] }[];
  modelOptions: Record<string, unknown> | undefined;
  /** Set when the request's cancellation token fired while the model was answering. */
  cancelled: boolean;
}

const NAMES: Record<string, string> = {
  [VISION_MODEL]: 'Scripted vision model',
  [TEXT_MODEL]: 'Scripted text model',
  [QUOTA_MODEL]: 'Scripted model without quota',
  [STALLING_MODEL]: 'Scripted stalling model',
};

const info = (id: string, imageInput: boolean): vscode.LanguageModelChatInformation => ({
  id,
  name: NAMES[id],
  family: id,
  version: '1',
  maxInputTokens: 100_000,
  maxOutputTokens: 4096,
  capabilities: { imageInput, toolCalling: false },
});

export class ScriptedModels implements vscode.LanguageModelChatProvider {
  readonly requests: RecordedRequest[] = [];

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    return [info(VISION_MODEL, true), info(TEXT_MODEL, false), info(QUOTA_MODEL, false), info(STALLING_MODEL, false)];
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const recorded: RecordedRequest = {
      model: model.id,
      cancelled: false,
      modelOptions: options.modelOptions as Record<string, unknown> | undefined,
      messages: messages.map((m) => ({
        role: m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user',
        parts: m.content.flatMap((p): RecordedPart[] => {
          if (p instanceof vscode.LanguageModelTextPart) return [{ kind: 'text', text: p.value }];
          if (p instanceof vscode.LanguageModelDataPart) return [{ kind: 'data', mimeType: p.mimeType, data: p.data }];
          return [];
        }),
      })),
    };
    this.requests.push(recorded);
    if (model.id === QUOTA_MODEL) throw vscode.LanguageModelError.Blocked('Monthly quota exhausted.');
    if (model.id === STALLING_MODEL) {
      progress.report(new vscode.LanguageModelTextPart('{"score": '));
      await new Promise<void>((resolve) => {
        if (token.isCancellationRequested) resolve();
        token.onCancellationRequested(() => resolve());
      });
      recorded.cancelled = true;
      return;
    }
    const parts = recorded.messages.flatMap((m) => m.parts);
    const critic = parts.some((p) => p.kind === 'data') || parts.some((p) => p.kind === 'text' && p.text.includes('"score"'));
    const answer = critic
      ? JSON.stringify({ score: SCRIPTED_SCORE, critique: `Scripted verdict from ${model.id}.`, suggestions: 'No change needed.' })
      : SCRIPTED_SVG;
    // Streamed in pieces, as a real provider would.
    for (let i = 0; i < answer.length; i += 40) {
      progress.report(new vscode.LanguageModelTextPart(answer.slice(i, i + 40)));
      await new Promise((r) => setImmediate(r));
    }
  }

  provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return Promise.resolve(typeof text === 'string' ? Math.ceil(text.length / 4) : 100);
  }
}
