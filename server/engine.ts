// The contract between the HTTP layer and an inference engine. The HTTP layer
// validates requests, schedules them onto the engine's slots and speaks the
// OpenAI protocol; an engine only turns one normalized request into one
// completion. A new engine (another binding, a remote backend) implements
// `Engine` and is constructed by the CLI; nothing else changes.
import type { DeviceChoice } from './llamacpp/device';

export type ChatRole = 'system' | 'user' | 'assistant';

export type ChatPart =
  | { type: 'text'; text: string }
  /** `url` is a `data:image/…;base64,` URL (the HTTP layer reads allowed local files into one). */
  | { type: 'image_url'; image_url: { url: string } };

export interface ChatMessage {
  role: ChatRole;
  content: string | ChatPart[];
}

/** Output constraint applied while sampling. */
export type Constraint =
  | { kind: 'none' }
  | { kind: 'json_schema'; schema: Record<string, unknown> }
  | { kind: 'json_object' }
  /** A GBNF grammar (llama.cpp syntax); the built-in SVG grammar is one. */
  | { kind: 'grammar'; gbnf: string };

export interface GenerateRequest {
  messages: ChatMessage[];
  /** May exceed the window: the engine cuts it to the room left after the prompt (finishReason "length"). */
  maxTokens: number;
  temperature: number;
  topP: number;
  seed?: number;
  /** Generation ends before the first occurrence of any of these; they are not part of the text. */
  stop: string[];
  constraint: Constraint;
  /** Aborting stops generation and frees the slot; the promise then resolves with finishReason "cancelled". */
  signal: AbortSignal;
  /** Pieces of the final text as they are decided; their concatenation equals `GenerateResult.text`. */
  onText?: (piece: string) => void;
}

export type FinishReason = 'stop' | 'length' | 'cancelled';

export interface GenerateResult {
  /** Final text, stop strings already removed. */
  text: string;
  promptTokens: number;
  completionTokens: number;
  finishReason: FinishReason;
  /** Wall time from start of decode to the last token, for tokens/s metrics. */
  decodeMs: number;
}

export interface EngineInfo {
  /** Engine kind, e.g. "llamacpp". */
  engine: string;
  /** Model name served under /v1/models. */
  model: string;
  /** Number of requests the engine decodes concurrently. */
  slots: number;
  /** Context window per slot, in tokens. */
  contextSize: number;
  /** Whether image_url parts are accepted. */
  vision: boolean;
  /** The device the model runs on, e.g. "Vulkan0: NVIDIA H200" (engines that know it). */
  device?: string;
}

export interface Engine {
  readonly info: EngineInfo;
  /** Runs one completion on a free slot. The caller never runs more than `info.slots` at once. */
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Frees the model; pending generations are cancelled. */
  close(): Promise<void>;
}

/** Options every engine loader understands (from the CLI or `startServer`). */
export interface EngineOptions {
  modelPath: string;
  mmprojPath?: string;
  /** Served model name; defaults to the file name without extension. */
  modelName?: string;
  contextSize: number;
  threads: number;
  parallel: number;
  gpuLayers: number;
  /** Native build to use: "cpu", "cuda", "vulkan", or "auto" (a CUDA build that loads, else a Vulkan GPU, else the CPU). */
  backend?: 'auto' | 'cpu' | 'cuda' | 'vulkan';
  /** The build and device already chosen (the CLI checks it before resolving the model); else chosen from `backend` at load. */
  device?: DeviceChoice;
  /** Flash attention: "auto" (llama.cpp decides per device), "on" or "off". */
  flashAttn?: 'auto' | 'on' | 'off';
  /** Physical batch size (tokens per native decode call), at most the logical batch of 512. */
  ubatch?: number;
  log: (line: string) => void;
}

/** The prompt alone does not fit in the context window; the HTTP layer answers 400. */
export class PromptTooLongError extends Error {
  constructor(readonly promptTokens: number, readonly contextSize: number) {
    super(`the prompt takes ${promptTokens} tokens but the context window is ${contextSize} tokens: shorten the messages or start the server with a larger --ctx`);
  }
}
