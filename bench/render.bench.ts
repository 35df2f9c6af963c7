// Isolated rendering (WorkerPool: a child process, href neutralization, entity
// checks, IPC) against resvg-js called directly in this process, on the same
// 1,000 lucide-static icons at 200 px, measured side by side. Neither loads
// system fonts per render (the icons have no text; the worker passes fonts
// only to documents that do).
import { Resvg } from '@resvg/resvg-js';
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../src/core/render/pool';
import type { BenchRow } from './types';
import { loadIcons, median } from './svgCorpus';

const SIZE = 200;
const COUNT = 1000;

function inProcess(svgs: string[]): number {
  const t0 = performance.now();
  for (const svg of svgs) new Resvg(svg, { fitTo: { mode: 'width', value: SIZE }, font: { loadSystemFonts: false }, logLevel: 'off' }).render().asPng();
  return performance.now() - t0;
}

async function pooledThroughput(pool: WorkerPool, svgs: string[]): Promise<number> {
  const t0 = performance.now();
  const results = await Promise.all(svgs.map((svg) => pool.render(svg, { size: SIZE })));
  const ms = performance.now() - t0;
  const failed = results.filter((r) => !r.ok).length;
  if (failed) throw new Error(`${failed} pooled renders failed`);
  return ms;
}

async function pooledSequential(pool: WorkerPool, svgs: string[]): Promise<number> {
  const t0 = performance.now();
  for (const svg of svgs) {
    const r = await pool.render(svg, { size: SIZE });
    if (!r.ok) throw new Error(r.error);
  }
  return performance.now() - t0;
}

export async function run(): Promise<BenchRow[]> {
  const svgs = loadIcons().slice(0, COUNT).map((i) => i.text);
  const pool = new WorkerPool();
  const single = new WorkerPool({ size: 1 });
  try {
    // Warm-up: start the workers and JIT both paths.
    await pooledThroughput(pool, svgs.slice(0, 50));
    await pooledSequential(single, svgs.slice(0, 50));
    inProcess(svgs.slice(0, 50));
    const rounds = 3;
    const direct: number[] = [];
    const pooled: number[] = [];
    const sequential: number[] = [];
    for (let i = 0; i < rounds; i++) {
      direct.push(inProcess(svgs));
      pooled.push(await pooledThroughput(pool, svgs));
      sequential.push(await pooledSequential(single, svgs));
    }
    const d = median(direct);
    const p = median(pooled);
    const s = median(sequential);
    const cores = availableParallelism();
    return [
      {
        name: `isolated render of ${svgs.length} lucide icons at ${SIZE} px, all submitted at once (default pool on ${cores} cores)`,
        value: p, unit: 'ms', anchor: 'resvg-js in-process, same icons', anchorValue: d, ratio: p / d, goal: '≤ 1.3×', pass: p / d <= 1.3,
      },
      {
        name: `isolated render of ${svgs.length} lucide icons at ${SIZE} px, one at a time through one worker (latency incl. IPC)`,
        value: s, unit: 'ms', anchor: 'resvg-js in-process, same icons', anchorValue: d, ratio: s / d,
      },
    ];
  } finally {
    pool.dispose();
    single.dispose();
  }
}
