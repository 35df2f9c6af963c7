// Edit-to-pixels latency of the preview webview: the time from a document
// change to the webview's 'rendered' reply (the new image decoded and on
// screen), for icon-sized files. It needs the real webview, so it runs the
// measuring test (test/vscode/previewLatency.test.ts) in the offline VS Code
// harness and reads the samples it writes. Anchor, measured in the same run:
// a message round trip to the same webview that draws nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, percentile } from './svgCorpus';
import type { BenchRow } from './types';
import type { PreviewLatencySamples } from '../test/vscode/previewLatency.test';

const GOAL_MS = 50;

export async function run(): Promise<BenchRow[]> {
  const root = [resolve(__dirname, '..'), resolve(__dirname, '..', '..')].find((d) => existsSync(join(d, 'scripts', 'vscode-test.mjs')));
  if (!root) throw new Error('scripts/vscode-test.mjs not found');
  const dir = mkdtempSync(join(tmpdir(), 'svg-copilot-preview-bench-'));
  const out = join(dir, 'samples.json');
  try {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'vscode-test.mjs')], {
      cwd: root,
      env: { ...process.env, VSCODE_TEST_GREP: 'preview latency bench', SVG_COPILOT_BENCH_OUT: out },
      encoding: 'utf8',
      timeout: 15 * 60_000,
    });
    if (r.status !== 0 || !existsSync(out)) throw new Error(`the VS Code harness failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-2000)}${(r.stderr ?? '').slice(-2000)}`);
    const s = JSON.parse(readFileSync(out, 'utf8')) as PreviewLatencySamples;
    const ping = median(s.pingMs);
    const post = median(s.postToRenderedMs);
    const post95 = percentile(s.postToRenderedMs, 95);
    const total = median(s.editToRenderedMs);
    return [
      { name: `preview: update posted → rendered, median of ${s.postToRenderedMs.length} icon edits (after the ${s.debounceMs} ms debounce)`, value: post, unit: 'ms', anchor: 'webview message round trip, nothing drawn', anchorValue: ping, ratio: post / ping, goal: `≤ ${GOAL_MS} ms`, pass: post <= GOAL_MS },
      { name: 'preview: update posted → rendered, p95', value: post95, unit: 'ms', goal: `≤ ${GOAL_MS} ms`, pass: post95 <= GOAL_MS },
      { name: `preview: document change → rendered, median (includes the ${s.debounceMs} ms debounce)`, value: total, unit: 'ms', anchor: 'debounce', anchorValue: s.debounceMs, ratio: total / s.debounceMs },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
