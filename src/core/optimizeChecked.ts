// Optimize, then check the picture: svgo's safe preset rounds numbers and
// rewrites paths, which can move or drop what is drawn (a precision too low
// for a small viewBox, a plugin meeting markup it misreads). Both steps run
// in the isolated pool; the caller gets the new text, the bytes saved and
// how many pixels changed.
import { isVisibleChange } from './render/compare';
import type { WorkerPool } from './render/pool';
import type { CompareResult, JobFailure, OptimizeOptions } from './render/types';

export interface CheckedOptimization {
  ok: true;
  svg: string;
  bytesBefore: number;
  bytesAfter: number;
  /** The before/after comparison, or why it could not be made. */
  comparison: CompareResult;
  ms: number;
}

export async function optimizeChecked(pool: Pick<WorkerPool, 'optimize' | 'compare'>, svg: string, options: OptimizeOptions = {}, signal?: AbortSignal): Promise<CheckedOptimization | JobFailure> {
  const t0 = performance.now();
  const optimized = await pool.optimize(svg, options, signal);
  if (!optimized.ok) return optimized;
  const comparison = await pool.compare(svg, optimized.svg, {}, signal);
  return { ok: true, svg: optimized.svg, bytesBefore: optimized.bytesBefore, bytesAfter: optimized.bytesAfter, comparison, ms: performance.now() - t0 };
}

/** "1,234 → 987 bytes (20.0% smaller)". */
export function bytesSavedText(before: number, after: number): string {
  const pct = before ? ((1 - after / before) * 100).toFixed(1) : '0.0';
  return `${before.toLocaleString('en-US')} → ${after.toLocaleString('en-US')} bytes (${pct}% smaller)`;
}

/** A warning when the optimized picture differs from the original, or undefined when it is the same. */
export function pictureChangeWarning(c: CompareResult): string | undefined {
  if (!c.ok) return c.kind === 'cancelled' ? undefined : `The picture could not be compared: ${c.error}.`;
  if (c.sizeChanged) return 'The optimized SVG has a different size or aspect ratio than the original.';
  if (!isVisibleChange(c)) return undefined;
  const pct = (c.differing / c.total) * 100;
  return `The optimized SVG draws differently: ${c.differing.toLocaleString('en-US')} of ${c.total.toLocaleString('en-US')} pixels changed (${pct < 0.1 ? '<0.1' : pct.toFixed(1)}%) at ${c.width}×${c.height}.`;
}
