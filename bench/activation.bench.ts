// What activation costs and what it loads. In fresh Node processes, with the
// `vscode` module replaced by the stand-in in fakeVscode.ts: require
// dist/extension.js and call activate(), recording every package the bundle
// requires and every native addon it loads on the way. The heavy parts (the
// resvg renderer, llama.cpp, svgo, the openai client) must stay off this path:
// they load on first use. Anchor: requiring an empty module in the same kind
// of fresh process (the floor for any activation).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Uri, installFakeVscode } from './fakeVscode';
import type { BenchRow } from './types';

const root = join(__dirname, '..', '..');
const RUNS = 7;
const requireModule = Module.createRequire(__filename);
/** Packages that must never load during activation. */
const HEAVY = ['@resvg/resvg-js', '@fugood/llama.node', 'node-llama-cpp', 'svgo', 'openai'];

interface ProbeResult { ms: number; requireMs: number; packages: string[]; addons: string[] }

function fakeContext(): Record<string, unknown> {
  const memento = { get: (_k: string, d?: unknown) => d, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined };
  return {
    subscriptions: [],
    extensionPath: root,
    extensionUri: Uri.file(root),
    globalState: memento,
    workspaceState: memento,
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    asAbsolutePath: (p: string) => join(root, p),
    storageUri: undefined,
    globalStorageUri: Uri.file(join(root, '.cache', 'bench', 'storage')),
    logUri: Uri.file(join(root, '.cache', 'bench', 'logs')),
    extensionMode: 1,
  };
}

/** Child process: load and activate the extension, report time, packages and addons as one JSON line. */
async function probeExtension(): Promise<void> {
  installFakeVscode();
  const packages = new Set<string>();
  const addons: string[] = [];
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    const bare = !request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:') && !Module.isBuiltin(request);
    if (bare && request !== 'vscode') packages.add(request);
    return load.call(this, request, ...rest);
  };
  const dlopen = process.dlopen;
  process.dlopen = function (this: unknown, ...args: Parameters<typeof process.dlopen>) {
    addons.push(String(args[1]));
    return dlopen.apply(this, args);
  } as typeof process.dlopen;

  const t0 = performance.now();
  const ext = requireModule(join(root, 'dist', 'extension.js')) as { activate(c: unknown): unknown };
  const requireMs = performance.now() - t0;
  await ext.activate(fakeContext());
  const ms = performance.now() - t0;
  const result: ProbeResult = { ms, requireMs, packages: [...packages].sort(), addons };
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Child process: the anchor, requiring an empty module. */
function probeAnchor(file: string): void {
  const t0 = performance.now();
  requireModule(file);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, requireMs: ms, packages: [], addons: [] }) + '\n');
}

function spawnProbe(args: string[]): ProbeResult {
  const r = spawnSync(process.execPath, [__filename, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`activation probe failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  return JSON.parse(last) as ProbeResult;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (v: number) => Math.round(v * 100) / 100;

export async function run(): Promise<BenchRow[]> {
  const trivial = join(root, '.cache', 'bench', 'empty-module.js');
  mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
  writeFileSync(trivial, 'module.exports = {};\n');

  const ext: ProbeResult[] = [];
  const anchor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ext.push(spawnProbe(['--probe']));
    anchor.push(spawnProbe(['--anchor', trivial]).ms);
  }
  const ms = median(ext.map((r) => r.ms));
  const anchorMs = median(anchor);
  const { packages, addons } = ext[0];
  const heavy = packages.filter((p) => HEAVY.some((h) => p === h || p.startsWith(`${h}/`)));
  return [
    {
      name: `require dist/extension.js + activate() (median of ${RUNS} fresh processes)`,
      value: round(ms), unit: 'ms',
      anchor: 'require of an empty module', anchorValue: round(anchorMs), ratio: round(ms / anchorMs),
      goal: '≤ 50 ms', pass: ms <= 50,
    },
    { name: 'of which require (parse and evaluate the bundle)', value: round(median(ext.map((r) => r.requireMs))), unit: 'ms' },
    {
      name: `heavy packages required during activation${heavy.length ? `: ${heavy.join(', ')}` : ' (none)'}`,
      value: heavy.length, unit: 'packages', goal: '0: renderer, llama.cpp, svgo, openai load on first use', pass: heavy.length === 0,
    },
    {
      name: `native addons loaded during activation${addons.length ? `: ${addons.join(', ')}` : ' (none)'}`,
      value: addons.length, unit: 'addons', goal: '0', pass: addons.length === 0,
    },
  ];
}

if (require.main === module) {
  const mode = process.argv[2];
  const done = mode === '--anchor' ? Promise.resolve(probeAnchor(process.argv[3])) : probeExtension();
  // Exit at once: activation may have started timers or watchers the fake cannot stop.
  done.then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
}
