// A VS Code language model (Copilot's, a BYOK or Ollama provider, any
// extension's) behind the loop's ChatClient interface: the loop's OpenAI-shaped
// messages become LanguageModelChatMessages (image_url data URLs become image
// LanguageModelDataParts), the AbortSignal is bridged to a CancellationToken,
// and LanguageModelErrors (no consent, quota, model gone) become ModelResult
// failures worded like the HTTP client's.
import * as vscode from 'vscode';
import type { Capabilities } from '../../core/model/capabilities';
import type { ChatClient } from '../../core/model/chatClient';
import type { CallOptions, ChatCompletion, ChatMessage, ChatRequest } from '../../core/model/chatClient';
import { cancelled, failed, type ModelResult } from '../../core/model/result';

/** The `svgCopilot.endpoint` value that selects VS Code's language models. */
export const LANGUAGE_MODEL_ENDPOINT = 'vscode-lm';

/** Shown by VS Code when it asks the user to let this extension use a model. */
export const JUSTIFICATION = 'SVG Copilot sends your prompt, the SVG source and its render to the model to generate, critique and fix the SVG.';

const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_IDLE_MS = 60_000;

/**
 * Whether the model takes image input, as VS Code reports it. The typed API
 * has no field for this on LanguageModelChat; VS Code (1.106 on) sets
 * `capabilities.supportsImageToText` on every model it hands out, from the
 * provider's `imageInput`. Undefined when the field is missing.
 */
export function acceptsImages(model: vscode.LanguageModelChat): boolean | undefined {
  const reported = (model as { capabilities?: { supportsImageToText?: unknown } }).capabilities?.supportsImageToText;
  return typeof reported === 'boolean' ? reported : undefined;
}

/** "vendor/id": how a language model is named in messages and in the endpoint key. */
export function describeLanguageModel(model: vscode.LanguageModelChat): string {
  return `${model.name} (${model.vendor}/${model.id})`;
}

export interface LanguageModelClientOptions {
  /** Longest time one call may take, start to last part (default 300 s). */
  timeoutMs?: number;
  /** Longest silence between streamed parts once the answer has started (default 60 s). */
  idleTimeoutMs?: number;
}

type AbortWhy = 'user' | 'timeout' | 'idle';

const ABANDONED = Symbol('abandoned');

export class LanguageModelClient implements ChatClient {
  readonly endpointName: string;
  readonly knownCapabilities: Capabilities;
  private readonly timeoutMs: number;
  private readonly idleTimeoutMs: number;

  constructor(private readonly model: vscode.LanguageModelChat, options: LanguageModelClientOptions = {}) {
    this.endpointName = `vscode-lm:${model.vendor}/${model.id}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
    // The LM API has no JSON schema, no `n` and no server extensions: the loop
    // parses the critic's JSON from text and asks for one draft per request.
    this.knownCapabilities = { images: acceptsImages(model) === true, jsonSchema: false, svgGrammar: false, multipleChoices: false };
  }

  resolveModel(): Promise<ModelResult<{ model: string }>> {
    return Promise.resolve({ ok: true, model: this.model.id });
  }

  async chat(request: ChatRequest, options: CallOptions = {}): Promise<ModelResult<ChatCompletion>> {
    const started = performance.now();
    if (options.signal?.aborted) return cancelled();
    const tokenSource = new vscode.CancellationTokenSource();
    let why: AbortWhy | undefined;
    // Settles when the call is abandoned, so a provider that ignores its
    // cancellation token cannot keep the loop waiting.
    let stopWaiting!: () => void;
    const abandoned = new Promise<typeof ABANDONED>((resolve) => { stopWaiting = () => resolve(ABANDONED); });
    const abort = (w: AbortWhy) => {
      why ??= w;
      tokenSource.cancel();
      stopWaiting();
    };
    const onUserAbort = () => abort('user');
    options.signal?.addEventListener('abort', onUserAbort, { once: true });
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const deadline = setTimeout(() => abort('timeout'), timeoutMs);
    let idle: NodeJS.Timeout | undefined;
    let text = '';
    let parts = 0;
    try {
      const response = await Promise.race([
        this.model.sendRequest(
          toLanguageModelMessages(request.messages),
          {
            justification: JUSTIFICATION,
            // Model-specific options; providers ignore what they do not know.
            modelOptions: {
              ...(request.temperature !== undefined && { temperature: request.temperature }),
              ...(request.topP !== undefined && { top_p: request.topP }),
            },
          },
          tokenSource.token,
        ),
        abandoned,
      ]);
      if (response === ABANDONED) return this.abortResult(why ?? 'user', timeoutMs, text);
      const stream = response.stream[Symbol.asyncIterator]();
      for (;;) {
        const next = await Promise.race([stream.next(), abandoned]);
        if (next === ABANDONED) {
          void Promise.resolve(stream.return?.()).catch(() => undefined);
          break;
        }
        if (next.done) break;
        const part: unknown = next.value;
        clearTimeout(idle);
        idle = setTimeout(() => abort('idle'), this.idleTimeoutMs);
        if (!(part instanceof vscode.LanguageModelTextPart) || !part.value) continue;
        text += part.value;
        parts++;
        try {
          options.onDelta?.(part.value, 0);
        } catch {
          // A listener's bug must not end the call.
        }
      }
      if (why) return this.abortResult(why, timeoutMs, text);
      return { ok: true, texts: [text], finishReasons: ['stop'], promptTokens: 0, completionTokens: parts, completionTokensFrom: 'stream', model: this.model.id, ms: performance.now() - started };
    } catch (err) {
      if (why) return this.abortResult(why, timeoutMs, text);
      return this.errorResult(err, text);
    } finally {
      clearTimeout(deadline);
      clearTimeout(idle);
      options.signal?.removeEventListener('abort', onUserAbort);
      tokenSource.dispose();
    }
  }

  private abortResult(why: AbortWhy, timeoutMs: number, partialText: string): ModelResult<ChatCompletion> {
    if (why === 'user') return cancelled();
    const name = describeLanguageModel(this.model);
    const extra = partialText ? { partialText } : {};
    return why === 'timeout'
      ? failed(`The language model ${name} did not finish within ${Math.round(timeoutMs / 1000)} s. Raise the request timeout or choose a faster model.`, 'timeout', extra)
      : failed(`The language model ${name} stopped sending data for ${Math.round(this.idleTimeoutMs / 1000)} s in the middle of an answer.`, 'stalled', extra);
  }

  private errorResult(err: unknown, partialText: string): ModelResult<ChatCompletion> {
    const name = describeLanguageModel(this.model);
    const extra = partialText ? { partialText } : {};
    const detail = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    if (err instanceof vscode.LanguageModelError) {
      if (err.code === vscode.LanguageModelError.NoPermissions.name) {
        return failed(`VS Code did not allow SVG Copilot to use ${name} (${detail}). Allow it when VS Code asks, or choose another model (SVG Copilot: Select Model).`, 'refused', extra);
      }
      if (err.code === vscode.LanguageModelError.Blocked.name) {
        return failed(`${name} refused the request: its quota or rate limit is used up (${detail}). Try again later or choose another model (SVG Copilot: Select Model).`, 'refused', extra);
      }
      if (err.code === vscode.LanguageModelError.NotFound.name) {
        return failed(`The language model ${name} is no longer available (${detail}). Choose another one (SVG Copilot: Select Model).`, 'refused', extra);
      }
    }
    return failed(`The language model ${name} failed: ${detail}`, 'http', extra);
  }
}

/**
 * The loop's OpenAI-shaped messages as LanguageModelChatMessages. The stable
 * API has only user and assistant roles, so system text leads the next user
 * message; image_url parts with data URLs become image data parts.
 */
export function toLanguageModelMessages(messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const out: vscode.LanguageModelChatMessage[] = [];
  let pendingSystem: string[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      pendingSystem.push(textOf(message.content));
      continue;
    }
    if (message.role === 'assistant') {
      out.push(vscode.LanguageModelChatMessage.Assistant(textOf(message.content ?? '')));
      continue;
    }
    if (message.role !== 'user') continue;
    const parts: (vscode.LanguageModelTextPart | vscode.LanguageModelDataPart)[] = pendingSystem.filter(Boolean).map((t) => new vscode.LanguageModelTextPart(t));
    pendingSystem = [];
    if (typeof message.content === 'string') parts.push(new vscode.LanguageModelTextPart(message.content));
    else {
      for (const part of message.content) {
        if (part.type === 'text') parts.push(new vscode.LanguageModelTextPart(part.text));
        else if (part.type === 'image_url') {
          const image = decodeDataUrl(part.image_url.url);
          parts.push(image ? vscode.LanguageModelDataPart.image(image.data, image.mimeType) : new vscode.LanguageModelTextPart(`[image: ${part.image_url.url}]`));
        }
      }
    }
    out.push(vscode.LanguageModelChatMessage.User(parts));
  }
  if (pendingSystem.some(Boolean)) out.push(vscode.LanguageModelChatMessage.User(pendingSystem.join('\n\n')));
  return out;
}

function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content.map((p) => ('text' in p && typeof p.text === 'string' ? p.text : '')).join('');
}

function decodeDataUrl(url: string): { data: Uint8Array; mimeType: string } | undefined {
  const m = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
  return m ? { mimeType: m[1], data: Buffer.from(m[2], 'base64') } : undefined;
}
