// Runs one measuring test inside the real VS Code (the offline code-server
// harness, scripts/vscode-test.mjs) and returns the JSON sample it wrote to the
// file named by SVG_COPILOT_BENCH_OUT. The benchmarks that need a real
// extension host or webview (preview latency, activation) share it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function runHarnessSample<T>(grep: string, timeoutMs = 15 * 60_000): T {
  const root = [resolve(__dirname, '..'), resolve(__dirname, '..', '..')].find((d) => existsSync(join(d, 'scripts', 'vscode-test.mjs')));
  if (!root) throw new Error('scripts/vscode-test.mjs not found');
  const dir = mkdtempSync(join(tmpdir(), 'svg-copilot-bench-'));
  const out = join(dir, 'sample.json');
  try {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'vscode-test.mjs')], {
      cwd: root,
      env: { ...process.env, VSCODE_TEST_GREP: grep, SVG_COPILOT_BENCH_OUT: out },
      encoding: 'utf8',
      timeout: timeoutMs,
    });
    if (r.status !== 0 || !existsSync(out)) throw new Error(`the VS Code harness failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-2000)}${(r.stderr ?? '').slice(-2000)}`);
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
