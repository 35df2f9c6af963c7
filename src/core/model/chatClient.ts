// What the loop needs from a model: one chat call that can stream, takes an
// AbortSignal and returns a ModelResult instead of throwing. ModelClient (any
// OpenAI-compatible HTTP server) is one; the editor's adapter over VS Code's
// language models is another. Messages use the OpenAI chat shape (text and
// image_url parts), which every client translates to its own transport.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ModelResult } from './result';

/** One chat message in the OpenAI shape (text, and image_url parts for vision). */
export type ChatMessage = ChatCompletionMessageParam;

/** What an endpoint can do, probed once per endpoint and model (see capabilities.ts) or known up front. */
export interface Capabilities {
  /** Accepts image_url parts (a vision critic can run). */
  images: boolean;
  /** Honours response_format json_schema. */
  jsonSchema: boolean;
  /** Honours the bundled server's SVG grammar extension. */
  svgGrammar: boolean;
  /** Returns several choices for `n` > 1. */
  multipleChoices: boolean;
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Nucleus sampling (top_p); sent only when set. */
  topP?: number;
  seed?: number;
  /** Several completions from one request (only where the endpoint supports it). */
  n?: number;
  stop?: string[];
  /** Constrain the answer to this JSON schema (response_format json_schema). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  /** Extra body fields for server extensions (e.g. the bundled server's SVG grammar). */
  extraBody?: Record<string, unknown>;
  /** Stream the answer (needed for onDelta; also guards against stalled answers). */
  stream?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the endpoint's per-call deadline. */
  timeoutMs?: number;
  /** Streamed text as it arrives, per choice. */
  onDelta?: (delta: string, choice: number) => void;
  /** The connection was reset and the call starts over: drop text received so far. */
  onRestart?: () => void;
}

export interface ChatCompletion {
  /** One text per choice, in choice order. */
  texts: string[];
  /** Per choice: "stop", "length", … or null when the stream ended without saying. */
  finishReasons: (string | null)[];
  promptTokens: number;
  /** Completion tokens over all choices (counted from stream chunks when the server sends no usage). */
  completionTokens: number;
  /** Where completionTokens comes from: the server's usage report, or one per streamed chunk. */
  completionTokensFrom: 'server' | 'stream';
  model: string;
  ms: number;
}

export interface ChatClient {
  /** Names the endpoint in messages and keys the capability cache: a base URL, or e.g. "vscode-lm:copilot/gpt-4o". */
  readonly endpointName: string;
  /**
   * What the endpoint can do, when the client knows it without asking (a VS Code
   * language model reports image input itself); absent: probe with tiny requests.
   */
  readonly knownCapabilities?: Capabilities;
  /** The model requests go to (the configured one, or the endpoint's first). */
  resolveModel(signal?: AbortSignal): Promise<ModelResult<{ model: string }>>;
  /** One chat completion; streamed when `request.stream` or `options.onDelta` is set. */
  chat(request: ChatRequest, options?: CallOptions): Promise<ModelResult<ChatCompletion>>;
}
