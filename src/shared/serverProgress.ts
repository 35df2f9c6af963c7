// What the bundled server tells whoever launched it while it gets ready, and
// how that reads to a user. Alongside its free-form log, the server writes one
// stderr line per step, "svg-copilot-progress {json}"; the extension turns
// these into the words of its progress notification. Everything else on stderr
// (the engine's own chatter included) goes to the log only.
// Browser-safe and dependency-free: both the server and the extension import it.

export const PROGRESS_PREFIX = 'svg-copilot-progress ';

export type ServerProgress =
  /** Checking a model file already on disk against its checksum. */
  | { stage: 'verify'; file: string }
  /** Downloading a model file; total is undefined when the server did not say. */
  | { stage: 'download'; file: string; received: number; total?: number }
  /** Loading the model into memory (the engine's own log follows, to the log only). */
  | { stage: 'load'; model: string }
  /** Opening the HTTP port. */
  | { stage: 'listen' };

export function formatProgressLine(p: ServerProgress): string {
  return `${PROGRESS_PREFIX}${JSON.stringify(p)}`;
}

/** The progress event of a stderr line, or undefined for any other line (or a malformed one). */
export function parseProgressLine(line: string): ServerProgress | undefined {
  if (!line.startsWith(PROGRESS_PREFIX)) return undefined;
  let v: unknown;
  try { v = JSON.parse(line.slice(PROGRESS_PREFIX.length)); } catch { return undefined; }
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const text = (x: unknown): x is string => typeof x === 'string' && x.length <= 500;
  const count = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  switch (o.stage) {
    case 'verify': return text(o.file) ? { stage: 'verify', file: o.file } : undefined;
    case 'download':
      if (!text(o.file) || !count(o.received) || (o.total !== undefined && !count(o.total))) return undefined;
      return { stage: 'download', file: o.file, received: o.received, ...(o.total !== undefined ? { total: o.total as number } : {}) };
    case 'load': return text(o.model) ? { stage: 'load', model: o.model } : undefined;
    case 'listen': return { stage: 'listen' };
    default: return undefined;
  }
}

function megabytes(n: number): string {
  return `${Math.round(n / 1e6).toLocaleString('en-US')} MB`;
}

/** The step in a user's words, for a progress notification. */
export function describeProgress(p: ServerProgress): string {
  switch (p.stage) {
    case 'verify': return `Checking ${p.file}…`;
    case 'download':
      return p.total
        ? `Downloading ${p.file}: ${megabytes(p.received)} of ${megabytes(p.total)} (${Math.floor((p.received / p.total) * 100)}%)`
        : `Downloading ${p.file}: ${megabytes(p.received)}`;
    case 'load': return `Loading ${p.model}…`;
    case 'listen': return 'Opening the local port…';
  }
}

/** Percent done of a download step, for progress bars that take increments. */
export function downloadFraction(p: ServerProgress): number | undefined {
  return p.stage === 'download' && p.total ? Math.min(1, p.received / p.total) : undefined;
}
