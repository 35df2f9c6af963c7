// Run in a fresh Node process by features.bench.ts: loads dist/extension.js
// against the fake `vscode` module, calls activate() and prints the times as
// one JSON line. With the argument "openai" it instead times loading the
// openai client, the heaviest module the extension must keep off activation.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Uri, installFakeVscode } from './fakeVscode';

const root = join(__dirname, '..', '..');
// A fresh require per process is the thing being timed.
const load = createRequire(__filename);

function fakeContext(): Record<string, unknown> {
  const memento = { get: (_k: string, d?: unknown) => d, update: async () => undefined, keys: () => [] };
  return {
    subscriptions: [] as { dispose(): unknown }[],
    extensionPath: root,
    extensionUri: Uri.file(root),
    globalState: { ...memento, setKeysForSync: () => undefined },
    workspaceState: memento,
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    asAbsolutePath: (p: string) => join(root, p),
    storageUri: undefined,
    globalStorageUri: Uri.file(join(root, '.cache', 'bench-storage')),
    logUri: Uri.file(join(root, '.cache', 'bench-logs')),
    extensionMode: 1,
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'openai') {
    const t0 = performance.now();
    load('openai');
    console.log(JSON.stringify({ loadMs: performance.now() - t0 }));
    return;
  }
  installFakeVscode();
  const t0 = performance.now();
  const ext = load(join(root, 'dist', 'extension.js')) as { activate(c: unknown): unknown };
  const t1 = performance.now();
  const context = fakeContext();
  ext.activate(context);
  const t2 = performance.now();
  for (const d of (context.subscriptions as { dispose(): unknown }[]).reverse()) {
    try { d.dispose(); } catch { /* the fake cannot honour every disposal */ }
  }
  console.log(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0 }));
}

void main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
