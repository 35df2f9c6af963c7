// What a model session offers the editor features, and the shape of the module
// that implements it (dist/loopSession.js, loaded on first use). Both the
// loader (session.ts) and the implementation (loopSession.ts) import only
// these types, so neither imports the other.
import type { LoopRenderer } from '../../core/loop/types';
import type { ChatClient } from '../../core/model/chatClient';
import type { Outcome } from '../../shared/outcome';

/** The bundled server or any OpenAI-compatible server. */
export interface HttpEndpoint {
  kind: 'http';
  baseURL: string;
  apiKey: string;
  /** Model name to request. */
  model: string;
  bundled: boolean;
}

/** One of VS Code's language models (svgCopilot.endpoint "vscode-lm"): no server, no key; the client is built in the extension bundle. */
export interface LanguageModelEndpoint {
  kind: 'vscode-lm';
  client: ChatClient;
  /** For messages: "name (vendor/id)". */
  label: string;
  bundled: false;
}

export type ResolvedEndpoint = HttpEndpoint | LanguageModelEndpoint;

export interface LoopSettings {
  /** Undefined: the prompt profile's default (the user set none). */
  rounds?: number;
  /** Undefined: the prompt profile's default (the user set none). */
  threshold?: number;
  /** Which prompt texts and sampling to speak (auto: by the model id). */
  prompts: 'auto' | 'introsvg' | 'generic';
  candidates: number;
  renderSize: number;
  timeoutMs: number;
  /** Keep scripts, handlers and outside references the model writes (svgCopilot.allowActiveContent). */
  allowActiveContent: boolean;
}

export interface CritiqueFindings {
  score?: number;
  critique: string;
  suggestions: string[];
  /** Which critic ran: the vision critic saw the render, the text critic read the code. */
  critic?: 'vision' | 'text';
  /** The critic's critique and suggestions exactly as it wrote them: Apply Fix passes these to the refiner unchanged. */
  verbatim?: { critique: string; suggestions: string };
}

export type GenerationEvent =
  /** `of`: the most rounds this run allows. */
  | { type: 'round'; round: number; of: number }
  /** The streamed text of the first draft so far (whole text, not a delta). */
  | { type: 'stream'; text: string; tokensPerSecond?: number }
  /** `blank`: it renders but nothing is visible, so it was refused. */
  | { type: 'candidate'; round: number; index: number; svg: string; valid: boolean; blank?: boolean; pngBase64?: string }
  | { type: 'critique'; round: number; index: number; findings: CritiqueFindings; svg?: string };

export interface RoundSummary {
  round: number;
  index: number;
  svg?: string;
  score?: number;
  pngBase64?: string;
}

export interface Generated {
  svg: string;
  score?: number;
  rationale?: string;
  history: RoundSummary[];
  tokensPerSecond?: number;
  /** Set when the loop ended early but still has a usable SVG (e.g. a server error in round 2). */
  warning?: string;
  /** What was taken out of the model's answer (scripts, handlers, outside references), in one line for a notice. */
  removedActiveContent?: string;
}

export interface Refined {
  svg: string;
  rationale?: string;
  /** Set when the fix removes most of the drawing (every shape, or half the visible ink or more), in words. */
  removes?: string;
  /** Active content the fix added and that was taken out again, in one line for a notice. */
  removedActiveContent?: string;
}

/** One endpoint's model operations: generate, critique, refine, ask. */
export interface ModelSession {
  generate(prompt: string, settings: LoopSettings, onEvent: (e: GenerationEvent) => void, signal: AbortSignal): Promise<Outcome<Generated>>;
  critique(svg: string, goal: string, settings: LoopSettings, signal: AbortSignal): Promise<Outcome<{ findings: CritiqueFindings; pngBase64?: string }>>;
  refine(svg: string, goal: string, findings: CritiqueFindings, settings: LoopSettings, signal: AbortSignal): Promise<Outcome<Refined>>;
  /** One plain chat answer (e.g. hover's "Explain with model"), through the same lazily loaded client. */
  ask(request: { system?: string; prompt: string; maxTokens?: number; temperature?: number }, signal: AbortSignal): Promise<Outcome<{ text: string }>>;
}

/** What dist/loopSession.js exports. */
export interface LoopSessionModule {
  createLoopSession(endpoint: ResolvedEndpoint, renderer: LoopRenderer, requestTimeoutMs: number): ModelSession;
  /** A bare chat client for an HTTP endpoint (the local server's chat model provider forwards through it). */
  createHttpClient(endpoint: HttpEndpoint, requestTimeoutMs: number): ChatClient;
}
