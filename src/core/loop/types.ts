// Public shapes of the introspective loop: options, progress events and the
// result with its full history. The editor features, the preview and the CLI
// are built on these.
import type { Finding } from '../lint/types';
import type { RenderResult } from '../render/types';
import type { Capabilities, CapabilityCache } from '../model/capabilities';
import type { ChatClient } from '../model/chatClient';
import type { PromptProfileChoice, PromptProfileName, SamplingSettings } from '../model/prompts';
import type { SvgSource } from '../model/extract';
import type { Removal } from '../svg/sanitize';

/** What the loop needs from a renderer; the isolated WorkerPool fits. */
export interface LoopRenderer {
  render(svg: string, options: { size?: number; background?: string; measureInk?: boolean; letterbox?: boolean }, signal?: AbortSignal): Promise<RenderResult>;
}

/** vision: saw the 200 px render; text: read the code and lint findings; none: no critique ran. */
export type CriticKind = 'vision' | 'text' | 'none';

export interface LoopOptions {
  /** What the SVG should show. */
  prompt: string;
  client: ChatClient;
  renderer: LoopRenderer;
  /** Most generate/refine rounds, the draft included (default: the prompt profile's, 3 generic, 4 introsvg). Round 1 generates, later rounds refine the best draft. */
  rounds?: number;
  /** Stop once the best score is at or above this (default: the prompt profile's, 8 generic, 9.5 introsvg). */
  threshold?: number;
  /** Which model family's prompts and settings (default auto: introsvg when the model id names IntroSVG). */
  prompts?: PromptProfileChoice;
  /** Drafts in round 1, best-of-N (default 1). */
  candidates?: number;
  /** Model requests in flight at once for candidates and their critiques (default min(candidates, 4)). */
  concurrency?: number;
  /** Makes the run repeatable: every request gets a seed derived from it. */
  seed?: number;
  /** auto (default): vision when the endpoint takes images, else text. */
  critic?: 'auto' | 'vision' | 'text';
  /** Known endpoint capabilities; skips probing. */
  capabilities?: Capabilities;
  capabilityCache?: CapabilityCache;
  /** Render size for the critic (default 200, the IntroSVG critic's training view). */
  renderSize?: number;
  /** Overrides of the profile's sampling settings. */
  sampling?: { generator?: Partial<SamplingSettings>; critic?: Partial<SamplingSettings>; refiner?: Partial<SamplingSettings> };
  /** Keep scripts, event handlers and outside references in drafts (default: removed before judging). */
  allowActiveContent?: boolean;
}

export interface LoopCandidate {
  round: number;
  /** 0-based within its round. */
  index: number;
  /** The model's whole answer (for a failed request, what arrived before it failed). */
  raw: string;
  /** Well-formed, rendering SVG (possibly repaired); absent when invalid. */
  svg?: string;
  valid: boolean;
  /** 0–10; null when the critic failed. Invalid drafts score 0. */
  score: number | null;
  critique: string;
  suggestions: string;
  critic: CriticKind;
  /** Why the critic gave no score. */
  criticError?: string;
  /** Why the draft is unusable (no SVG, not well-formed, does not render, draws nothing, request failed). */
  error?: string;
  /** Well-formed and rendering, but nothing is visible: refused like a broken draft. */
  blank?: boolean;
  source: SvgSource;
  /** Repairs applied to get well-formed SVG, in words. */
  repairs: string[];
  /** Reasoning the model wrote besides the SVG. */
  rationale?: string;
  /** Active content removed from `svg` (scripts, handlers, outside references). */
  removed?: Removal[];
  /** Deterministic lint findings on the SVG (or on the broken text). */
  findings: Finding[];
  /** Completion tokens of the draft. */
  tokens: number;
  /** The server reported `tokens`, or they were counted one per streamed chunk. */
  tokensFrom?: 'server' | 'stream';
  /** Wall time for this candidate: its generation, render and critique. */
  ms: number;
  /** Of `ms`, time spent waiting for the model. */
  modelMs: number;
}

export interface LoopRound {
  round: number;
  kind: 'generate' | 'refine';
  candidates: LoopCandidate[];
  ms: number;
  /** Of `ms`, wall time spent waiting for the model (generation plus critique). */
  modelMs: number;
}

export type StopReason = 'threshold' | 'rounds' | 'cancelled' | 'error';

export interface LoopResult {
  prompt: string;
  /** The best-scoring valid SVG seen in any round (not simply the last). */
  svg?: string;
  best?: { round: number; index: number; score: number | null };
  /** The best draft's rationale, if its model wrote one. */
  rationale?: string;
  /**
   * Active content removed from the best draft's answer. Refine rounds start from an
   * already sanitized draft, so this is what the model wrote into the answer that won.
   */
  removed?: Removal[];
  rounds: LoopRound[];
  stopReason: StopReason;
  /** For people, when the loop ended on an error or cancellation, or produced no valid SVG. */
  message?: string;
  critic: CriticKind;
  /** The prompt profile the loop spoke (absent when it ended before choosing one). */
  prompts?: PromptProfileName;
  capabilities?: Capabilities;
  /** Drafts refused because they draw nothing. */
  blankDrafts: number;
  /** Completion tokens over every request. */
  tokens: number;
  ms: number;
}

export type LoopEvent =
  /** `rounds`: the most rounds this run allows (the caller's, or the prompt profile's default). */
  | { type: 'roundStarted'; round: number; rounds: number; kind: 'generate' | 'refine'; candidates: number }
  /** Streamed text of the round's first candidate; `text` is everything so far (it restarts after a retry). */
  | { type: 'token'; round: number; index: number; delta: string; text: string }
  | { type: 'candidateRendered'; round: number; index: number; svg: string; png: Uint8Array; width: number; height: number }
  | { type: 'critiqueReady'; round: number; index: number; score: number | null; critique: string; suggestions: string; critic: CriticKind; error?: string }
  /** Everything known about one candidate, once it is final (valid or not). */
  | { type: 'candidateDone'; candidate: LoopCandidate }
  /** Something worth telling the user that does not end the loop (a retry, a critic fallback). */
  | { type: 'notice'; message: string }
  | { type: 'done'; result: LoopResult };

export type LoopListener = (event: LoopEvent) => void;
