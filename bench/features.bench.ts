// Editor-feature latencies, measured on the extension's own code in plain Node
// (activation loads dist/extension.js against the vscode stand-in in fakeVscode.ts; hover and diagnostics run their pure content builders, so VS Code's own IPC is
// not included):
//   activation: load dist/extension.js + activate(), in fresh processes, against
//     loading the openai client alone (what lazy loading keeps off activation);
//   diagnostics: an edit on a ~100 KB SVG until its diagnostics are set, against
//     parsing the same text alone;
//   hover: on a path segment of icon-sized files, text only and with the
//     thumbnail, against parsing the icon alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { providerRows } from './featureProviders';
import type { BenchRow } from './types';

const root = join(__dirname, '..', '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function probe(args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, [join(__dirname, 'activationProbe.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`activation probe failed: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
}

async function activationRows(): Promise<BenchRow[]> {
  if (!existsSync(join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run node esbuild.mjs');
  const runs = 7;
  const ext: Record<string, number>[] = [];
  const openai: number[] = [];
  for (let i = 0; i < runs; i++) {
    ext.push(probe([]));
    openai.push(probe(['openai']).loadMs);
  }
  const total = median(ext.map((r) => r.totalMs));
  const anchor = median(openai);
  return [
    {
      name: 'activation: load dist/extension.js + activate() (median of 7 fresh processes)',
      value: round(total), unit: 'ms',
      anchor: 'require("openai") alone', anchorValue: round(anchor), ratio: round(total / anchor),
      goal: '≤ 50 ms', pass: total <= 50,
    },
    { name: 'activation: of which activate()', value: round(median(ext.map((r) => r.activateMs))), unit: 'ms' },
  ];
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export async function run(): Promise<BenchRow[]> {
  const rows = await activationRows();
  rows.push(...(await providerRows()));
  return rows;
}
