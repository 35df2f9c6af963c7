// Outcomes of model calls cross layer boundaries as values, never as thrown
// errors, so the loop, the CLI and the editor features can each decide how to
// show a failure without wrapping every await in try/catch.

export interface Cancelled {
  ok: false;
  kind: 'cancelled';
}

export type FailureReason = 'http' | 'timeout' | 'stalled' | 'unreachable' | 'reset' | 'invalid' | 'refused';

export interface Failed {
  ok: false;
  kind: 'error';
  /** For people: what went wrong and what to do about it. */
  message: string;
  /**
   * What kind of failure: the server answered with an HTTP error; the call ran
   * past its deadline; a stream went silent; the server could not be reached;
   * the connection broke (already retried once); the server's answer was unusable;
   * the model's provider refused (no consent, quota used up, model gone).
   */
  reason: FailureReason;
  /** HTTP status when the server answered with an error. */
  status?: number;
  /** Text streamed before the failure (a cut stream may still hold a usable SVG). */
  partialText?: string;
}

export type ModelResult<T extends object> = ({ ok: true } & T) | Cancelled | Failed;

export const cancelled = (): Cancelled => ({ ok: false, kind: 'cancelled' });

export function failed(message: string, reason: FailureReason, extra: Omit<Failed, 'ok' | 'kind' | 'message' | 'reason'> = {}): Failed {
  return { ok: false, kind: 'error', message, reason, ...extra };
}

/**
 * True when a second attempt may cure the failure: server-side trouble,
 * overload, a deadline or a stalled stream. An unreachable server fails the
 * same way again at once, and a broken connection was already retried.
 */
export function isRetryable(f: Failed): boolean {
  if (f.reason === 'timeout' || f.reason === 'stalled') return true;
  if (f.reason !== 'http' || f.status === undefined) return false;
  return f.status === 408 || f.status === 429 || f.status >= 500;
}
