// What the loop needs from a model: one chat call that can stream, takes an
// AbortSignal and returns a ModelResult instead of throwing. ModelClient (any
// OpenAI-compatible HTTP server) is one; the editor's adapter over VS Code's
// language models is another. Messages use the OpenAI chat shape (text and
// image_url parts), which every client translates to its own transport.
import type { Capabilities } from './capabilities';
import type { CallOptions, ChatCompletion, ChatRequest } from './client';
import type { ModelResult } from './result';

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
