// How the plain-Node benchmarks time work: wall or process-CPU milliseconds,
// and a side-by-side run of a measured function against its anchor,
// interleaved so that machine noise hits both alike.
import { median } from './svgCorpus';

export type Timer = (fn: () => void) => number;

export const wallTime: Timer = (fn) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/**
 * Milliseconds of CPU used by the whole process (all threads, so concurrent
 * GC counts too): unlike wall time, not inflated when other work shares the cores.
 */
export const cpuTime: Timer = (fn) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** Median milliseconds per round of `ours` and of `anchor`, run alternately after a warm-up. */
export function sideBySide(ours: () => void, anchor: () => void, rounds: number, time: Timer = wallTime): { ours: number; anchor: number } {
  for (let i = 0; i < 3; i++) { ours(); anchor(); }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2) { a.push(time(ours)); b.push(time(anchor)); } else { b.push(time(anchor)); a.push(time(ours)); }
  }
  return { ours: median(a), anchor: median(b) };
}
