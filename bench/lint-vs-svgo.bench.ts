// Deterministic lint of 1,000 real icons against svgo's default-preset
// optimize of the same icons, both in this process, interleaved so machine
// noise hits both alike.
import { optimize } from 'svgo';
import { lintSvg } from '../src/core/lint/index';
import type { BenchRow } from './types';
import { loadIcons, median } from './svgCorpus';

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function run(): Promise<BenchRow[]> {
  const svgs = loadIcons().slice(0, 1000).map((i) => i.text);
  const lint = () => {
    for (const s of svgs) lintSvg(s);
  };
  const svgo = () => {
    for (const s of svgs) optimize(s);
  };
  lint();
  svgo();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 7; i++) {
    if (i % 2) {
      a.push(time(lint));
      b.push(time(svgo));
    } else {
      b.push(time(svgo));
      a.push(time(lint));
    }
  }
  const ours = median(a);
  const anchor = median(b);
  return [{
    name: `lint of ${svgs.length} lucide icons`, value: ours, unit: 'ms', anchor: 'svgo optimize (default preset), same icons', anchorValue: anchor,
    ratio: anchor / ours, goal: 'lint ≥ 3× faster', pass: anchor / ours >= 3,
  }];
}
