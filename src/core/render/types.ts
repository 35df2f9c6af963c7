// Shapes shared by the render/optimize pool, its worker process and callers.
import type { ExplainResult } from '../svg/explain';
import type { Highlight } from './highlight';
import type { Ink } from './ink';

export type { Highlight } from './highlight';
export type { Ink } from './ink';

/**
 * Why a job produced no result. crash: the worker process died (e.g. a native
 * abort inside resvg); timeout / memory: it went past a limit and was killed;
 * invalid: the input was refused or could not be parsed; cancelled: the
 * caller's AbortSignal fired.
 */
export type FailureKind = 'crash' | 'timeout' | 'memory' | 'invalid' | 'cancelled';

export interface JobFailure {
  ok: false;
  kind: FailureKind;
  /** One line, fit to show a user. */
  error: string;
  ms: number;
}

export interface RenderOptions {
  /** Longest side of the output in pixels (aspect ratio kept). Wins over width/height. */
  size?: number;
  /** Output width in pixels; with height too, the image fits inside width × height. */
  width?: number;
  height?: number;
  /** "transparent" (default), "white", or any CSS color. */
  background?: string;
  /** Dim everything but one element, optionally tracing one of its path segments. */
  highlight?: Highlight;
  /** Also count the pixels that differ from the background (see ink.ts). */
  measureInk?: boolean;
  /** Output exactly size × size (or width × height) pixels: the drawing fitted and centred, the rest background. */
  letterbox?: boolean;
}

export interface RenderSuccess {
  ok: true;
  png: Uint8Array;
  width: number;
  height: number;
  /** Time spent in the worker (preparing + rendering + encoding). */
  ms: number;
  /** External references blanked out before rendering. */
  blockedReferences: number;
  /** With measureInk: the pixels that differ from the background. */
  ink?: Ink;
}

export type RenderResult = RenderSuccess | JobFailure;

export interface OptimizeOptions {
  /** Digits after the decimal point kept in numbers (svgo floatPrecision). Default 3. */
  floatPrecision?: number;
  /** Repeat svgo passes until the output stops shrinking. Default true. */
  multipass?: boolean;
}

export interface OptimizeSuccess {
  ok: true;
  svg: string;
  /** UTF-8 sizes. */
  bytesBefore: number;
  bytesAfter: number;
  ms: number;
}

export type OptimizeResult = OptimizeSuccess | JobFailure;

export interface AnalyzeOptions {
  /** Offsets at which to run explainAt. */
  offsets: number[];
}

export interface AnalyzeSuccess {
  ok: true;
  /** Lint findings by severity. */
  findings: { error: number; warning: number; info: number; hint: number };
  lintMs: number;
  /** Slowest single explainAt call. */
  explainMaxMs: number;
  explained: number;
  /** Offsets that landed on a path segment. */
  segments: number;
  ms: number;
}

export type AnalyzeResult = AnalyzeSuccess | JobFailure;

export type ExplainJobResult = { ok: true; explanation: ExplainResult; ms: number } | JobFailure;

/** Largest output side accepted, in pixels; also the cap when no size is asked for. */
export const MAX_OUTPUT_SIDE = 8192;

export type WorkerRequest =
  | { id: number; job: 'render'; svg: string; options: RenderOptions }
  | { id: number; job: 'optimize'; svg: string; options: OptimizeOptions }
  | { id: number; job: 'analyze'; svg: string; options: AnalyzeOptions }
  | { id: number; job: 'explain'; svg: string; options: { offset: number } };

export interface WorkerReply {
  id: number;
  result: JobResult;
}

export type JobResult = RenderResult | OptimizeResult | AnalyzeResult | ExplainJobResult;
