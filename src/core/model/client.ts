// OpenAI-compatible chat client for any endpoint (the bundled server, vLLM,
// lmdeploy, Ollama, OpenAI). Every call takes an AbortSignal, has its own
// deadline plus a no-data limit for streams, retries exactly once when the
// connection is reset, and returns a ModelResult instead of throwing.
import OpenAI from 'openai';
import type { CallOptions, ChatClient, ChatCompletion, ChatRequest } from './chatClient';
import { cancelled, failed, type ModelResult } from './result';

// The request and answer shapes live with the ChatClient interface; they are re-exported here for existing importers.
export type { CallOptions, ChatCompletion, ChatMessage, ChatRequest } from './chatClient';

export interface EndpointConfig {
  /** Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8080/v1 (a bare host gets /v1). */
  baseURL: string;
  apiKey?: string;
  /** Empty or absent: the first model the endpoint lists under /v1/models. */
  model?: string;
  /** Longest time one call may take, start to last byte (default 300 s). */
  timeoutMs?: number;
  /** Longest silence between chunks of a streamed answer, once it has started, before it is abandoned (default 60 s). */
  idleTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_IDLE_MS = 60_000;

/** Adds /v1 to a bare host URL and drops trailing slashes. */
export function normalizeBaseURL(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/v1';
  return u.toString().replace(/\/+$/, '');
}

type AbortWhy = 'user' | 'timeout' | 'idle';

export class ModelClient implements ChatClient {
  readonly baseURL: string;
  private readonly openai: OpenAI;
  private readonly timeoutMs: number;
  private readonly idleTimeoutMs: number;
  private model: string | undefined;

  constructor(config: EndpointConfig) {
    this.baseURL = normalizeBaseURL(config.baseURL);
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.idleTimeoutMs = config.idleTimeoutMs ?? DEFAULT_IDLE_MS;
    this.model = config.model?.trim() || undefined;
    // Retries are ours (exactly one, on a reset), so the SDK's own are off.
    this.openai = new OpenAI({ baseURL: this.baseURL, apiKey: config.apiKey || 'none', maxRetries: 0, timeout: this.timeoutMs });
  }

  get endpointName(): string {
    return this.baseURL;
  }

  /** The configured model, or the first one the endpoint lists. */
  async resolveModel(signal?: AbortSignal): Promise<ModelResult<{ model: string }>> {
    if (this.model) return { ok: true, model: this.model };
    const listed = await this.listModels(signal);
    if (!listed.ok) return listed;
    if (!listed.models.length) return failed(`The endpoint ${this.baseURL} lists no models under /v1/models. Load a model on the server or set the model name explicitly.`, 'invalid');
    this.model = listed.models[0];
    return { ok: true, model: this.model };
  }

  async listModels(signal?: AbortSignal): Promise<ModelResult<{ models: string[] }>> {
    return this.withDeadline(signal, this.timeoutMs, async (s) => {
      const page = await this.openai.models.list({ signal: s });
      return { ok: true as const, models: page.data.map((m) => m.id) };
    });
  }

  /** One chat completion; streamed when `request.stream` or `options.onDelta` is set. */
  async chat(request: ChatRequest, options: CallOptions = {}): Promise<ModelResult<ChatCompletion>> {
    const model = await this.resolveModel(options.signal);
    if (!model.ok) return model;
    const first = await this.chatOnce(model.model, request, options);
    if (first.ok || first.kind === 'cancelled' || !first.reset) return strip(first);
    options.onRestart?.();
    return strip(await this.chatOnce(model.model, request, options));
  }

  private async chatOnce(model: string, request: ChatRequest, options: CallOptions): Promise<ModelResult<ChatCompletion> & { reset?: boolean }> {
    const started = performance.now();
    const streamed = Boolean(request.stream || options.onDelta);
    const body: Record<string, unknown> = {
      model,
      messages: request.messages,
      ...(request.temperature !== undefined && { temperature: request.temperature }),
      ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
      ...(request.topP !== undefined && { top_p: request.topP }),
      ...(request.seed !== undefined && { seed: request.seed }),
      ...(request.n !== undefined && request.n > 1 && { n: request.n }),
      ...(request.stop?.length && { stop: request.stop }),
      ...(request.jsonSchema && {
        response_format: { type: 'json_schema', json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: true } },
      }),
      ...request.extraBody,
    };
    const texts: string[] = [];
    const finish: (string | null)[] = [];
    let promptTokens = 0;
    let completionTokens = 0;
    let usageReported = false;
    let chunks = 0;
    let servedModel = model;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    let why: AbortWhy | undefined;
    const abort = (w: AbortWhy) => {
      why ??= w;
      controller.abort();
    };
    const onUserAbort = () => abort('user');
    if (options.signal?.aborted) return cancelled();
    options.signal?.addEventListener('abort', onUserAbort, { once: true });
    const deadline = setTimeout(() => abort('timeout'), timeoutMs);
    let idle: NodeJS.Timeout | undefined;
    const touch = () => {
      if (!streamed) return;
      clearTimeout(idle);
      idle = setTimeout(() => abort('idle'), this.idleTimeoutMs);
    };
    try {
      if (streamed) {
        // The silence limit starts with the first chunk: reading a long prompt
        // on a slow machine may rightly take longer; the deadline covers that.
        const stream = await this.openai.chat.completions.create(
          { ...body, stream: true, stream_options: { include_usage: true } } as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming,
          { signal: controller.signal, timeout: timeoutMs },
        );
        for await (const chunk of stream) {
          touch();
          servedModel = chunk.model || servedModel;
          for (const choice of chunk.choices ?? []) {
            const i = choice.index ?? 0;
            const delta = choice.delta?.content ?? '';
            if (delta) {
              texts[i] = (texts[i] ?? '') + delta;
              chunks++;
              try {
                options.onDelta?.(delta, i);
              } catch {
                // A listener's bug must not end the call.
              }
            }
            if (choice.finish_reason) finish[i] = choice.finish_reason;
          }
          if (chunk.usage) {
            promptTokens = chunk.usage.prompt_tokens ?? promptTokens;
            completionTokens = chunk.usage.completion_tokens ?? completionTokens;
            usageReported ||= typeof chunk.usage.completion_tokens === 'number';
          }
        }
        if (why) return this.abortResult(why, timeoutMs, texts[0]);
      } else {
        const res = await this.openai.chat.completions.create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, {
          signal: controller.signal,
          timeout: timeoutMs,
        });
        servedModel = res.model || servedModel;
        for (const choice of res.choices ?? []) {
          texts[choice.index ?? 0] = choice.message?.content ?? '';
          finish[choice.index ?? 0] = choice.finish_reason ?? null;
        }
        promptTokens = res.usage?.prompt_tokens ?? 0;
        completionTokens = res.usage?.completion_tokens ?? 0;
        usageReported = typeof res.usage?.completion_tokens === 'number';
      }
      const count = Math.max(texts.length, finish.length, 1);
      return {
        ok: true,
        texts: Array.from({ length: count }, (_, i) => texts[i] ?? ''),
        finishReasons: Array.from({ length: count }, (_, i) => finish[i] ?? null),
        promptTokens,
        completionTokens: usageReported ? completionTokens : chunks,
        completionTokensFrom: usageReported || !streamed ? 'server' : 'stream',
        model: servedModel,
        ms: performance.now() - started,
      };
    } catch (err) {
      if (why) return this.abortResult(why, timeoutMs, texts[0]);
      return this.errorResult(err, texts[0], timeoutMs);
    } finally {
      clearTimeout(deadline);
      clearTimeout(idle);
      options.signal?.removeEventListener('abort', onUserAbort);
    }
  }

  private abortResult(why: AbortWhy, timeoutMs: number, partialText: string | undefined) {
    if (why === 'user') return cancelled();
    const message =
      why === 'timeout'
        ? `The model server at ${this.baseURL} did not finish within ${Math.round(timeoutMs / 1000)} s. Raise the request timeout or use a smaller model.`
        : `The model server at ${this.baseURL} stopped sending data for ${Math.round(this.idleTimeoutMs / 1000)} s in the middle of an answer. Check the server's log; it may be overloaded or stuck.`;
    return failed(message, why === 'timeout' ? 'timeout' : 'stalled', partialText ? { partialText } : {});
  }

  private errorResult(err: unknown, partialText: string | undefined, timeoutMs: number): ModelResult<ChatCompletion> & { reset?: boolean } {
    const extra = partialText ? { partialText } : {};
    if (err instanceof OpenAI.APIConnectionTimeoutError) return this.abortResult('timeout', timeoutMs, partialText);
    if (err instanceof OpenAI.APIError && err.status !== undefined) {
      return failed(describeStatus(err.status, serverMessage(err), this.baseURL, this.model), 'http', { status: err.status, ...extra });
    }
    const detail = causeText(err);
    // Only a connection that broke after it was made is worth one more try.
    const reset = /ECONNRESET|EPIPE|socket hang up|other side closed|terminated|UND_ERR_SOCKET/i.test(detail);
    if (!reset) {
      return failed(`Cannot reach the model server at ${this.baseURL} (${detail || 'connection failed'}). Start the server (SVG Copilot: Start Local Server) or check the endpoint setting.`, 'unreachable', extra);
    }
    return {
      ...failed(`The connection to the model server at ${this.baseURL} broke (${detail || 'connection reset'}). Check that the server is still running; retry if it was restarted.`, 'reset', extra),
      reset: true,
    };
  }

  private async withDeadline<T extends object>(signal: AbortSignal | undefined, ms: number, fn: (s: AbortSignal) => Promise<{ ok: true } & T>): Promise<ModelResult<T>> {
    if (signal?.aborted) return cancelled();
    const controller = new AbortController();
    let why: AbortWhy | undefined;
    const onUser = () => {
      why ??= 'user';
      controller.abort();
    };
    signal?.addEventListener('abort', onUser, { once: true });
    const timer = setTimeout(() => {
      why ??= 'timeout';
      controller.abort();
    }, ms);
    try {
      return await fn(controller.signal);
    } catch (err) {
      if (why) return this.abortResult(why, ms, undefined);
      const r = this.errorResult(err, undefined, ms);
      return strip(r);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onUser);
    }
  }
}

function strip<T extends object>(r: ModelResult<T> & { reset?: boolean }): ModelResult<T> {
  if (!r.ok && r.kind === 'error' && 'reset' in r) {
    const { reset: _reset, ...rest } = r;
    return rest as ModelResult<T>;
  }
  return r;
}

function serverMessage(err: InstanceType<typeof OpenAI.APIError>): string {
  const e = err.error as { message?: unknown } | undefined;
  const m = typeof e?.message === 'string' ? e.message : err.message;
  return m.replace(/^\d{3}\s+/, '').slice(0, 300);
}

function describeStatus(status: number, detail: string, baseURL: string, model: string | undefined): string {
  if (status === 401 || status === 403) {
    return `The model server at ${baseURL} refused the API key (${status}). Set the key (SVG Copilot: Set API Key, or SVG_COPILOT_API_KEY for the CLI).`;
  }
  if (status === 404) {
    return `The model server at ${baseURL} has no model "${model ?? ''}" or no chat API (404: ${detail}). Check the endpoint URL and the model name (see /v1/models).`;
  }
  if (status === 413) return `The request was too large for the model server (413: ${detail}). Try a smaller SVG.`;
  if (status === 429 || status === 503) return `The model server at ${baseURL} is busy (${status}: ${detail}). Try again in a moment or lower the number of candidates.`;
  if (status >= 500) return `The model server at ${baseURL} failed (${status}: ${detail}). Check its log; retry once it is healthy.`;
  return `The model server at ${baseURL} rejected the request (${status}: ${detail}).`;
}

function causeText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      parts.push(typeof code === 'string' ? `${code}` : e.message);
      e = (e as { cause?: unknown }).cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return [...new Set(parts.filter((p) => p && p !== 'Connection error.'))].join(': ');
}
