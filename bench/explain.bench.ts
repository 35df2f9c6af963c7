// Explain-at-position latency, as the hover asks it: many positions in the
// same document. p99 over random positions inside the path, the first (cold)
// call included. Anchor: svgpath parsing and absolutizing the same path once,
// the least a lookup without a cache would pay per call.
import svgpath from 'svgpath';
import { explainAt } from '../src/core/svg/explain';
import type { BenchRow } from './types';
import { generatedPath, loadIcons, median, pathData, percentile } from './svgCorpus';
import { seededRandom } from '../src/util/random';

function explainLatencies(text: string, valueStart: number, valueLength: number, samples: number): number[] {
  const r = seededRandom(99);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const offset = valueStart + Math.floor(r() * valueLength);
    const start = performance.now();
    const result = explainAt(text, offset);
    out.push(performance.now() - start);
    if (!result.path) throw new Error(`no path explained at ${offset}`);
  }
  return out;
}

function anchorTime(d: string, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    svgpath(d).abs();
    times.push(performance.now() - start);
  }
  return median(times);
}

function document(d: string): { text: string; start: number } {
  const head = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <path fill="none" stroke="currentColor" d="';
  return { text: `${head}${d}"/>\n</svg>\n`, start: head.length };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const largest = pathData(loadIcons()).reduce((a, b) => (b.length > a.length ? b : a));
  const small = document(largest);
  const smallTimes = explainLatencies(small.text, small.start, largest.length, 2000);
  const smallAnchor = anchorTime(largest, 200);
  const smallP99 = percentile(smallTimes, 99);
  rows.push({
    name: `explain at position p99, largest lucide path (${largest.length} chars)`, value: smallP99, unit: 'ms',
    anchor: 'svgpath parse + abs of that path', anchorValue: smallAnchor, ratio: smallAnchor / smallP99, goal: '≤ 2 ms', pass: smallP99 <= 2,
  });

  const big = generatedPath(1 << 20);
  const large = document(big);
  const bigTimes = explainLatencies(large.text, large.start, big.length, 1000);
  const bigAnchor = anchorTime(big, 5);
  const bigP99 = percentile(bigTimes, 99);
  rows.push({
    name: 'explain at position p99, generated 1 MB path', value: bigP99, unit: 'ms',
    anchor: 'svgpath parse + abs of that path', anchorValue: bigAnchor, ratio: bigAnchor / bigP99, goal: '≤ 16 ms', pass: bigP99 <= 16,
  });
  rows.push({ name: 'explain at position, first (cold) call on the 1 MB path', value: bigTimes[0], unit: 'ms' });
  return rows;
}
