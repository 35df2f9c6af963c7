// Bigger random-weight GGUF models for inference benchmarks, made by the
// fixture script's size flags and cached (with a stamp) under .cache/bench/.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';

export const repoRoot = join(__dirname, '..', '..');

export interface RandomModelSize {
  dim: number;
  layers: number;
  vocabExtra: number;
}

export function randomModel({ dim, layers, vocabExtra }: RandomModelSize): string {
  const out = join(repoRoot, '.cache', 'bench', `random-d${dim}-l${layers}-v${vocabExtra}.gguf`);
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'make-fixtures.mjs'), '--dim', String(dim), '--layers', String(layers), '--vocab-extra', String(vocabExtra), '--out', out], { stdio: ['ignore', 2, 2] });
  return out;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Threads for CPU benchmarks: explicit, never more than the cores we have. */
export const benchThreads = (): number => Math.max(1, Math.min(4, availableParallelism()));
