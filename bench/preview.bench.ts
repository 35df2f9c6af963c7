// Edit-to-pixels latency of the preview webview: the time from a document
// change to the webview's 'rendered' reply (the new image decoded and on
// screen), for icon-sized files. It needs the real webview, so it runs the
// measuring test (test/vscode/previewLatency.test.ts) in the offline VS Code
// harness and reads the samples it writes. Anchor, measured in the same run:
// a message round trip to the same webview that draws nothing.
import { median, percentile } from './svgCorpus';
import type { BenchRow } from './types';
import { runHarnessSample } from './vscodeHarness';
import type { PreviewLatencySamples } from '../test/vscode/previewLatency.test';

const GOAL_MS = 50;

export async function run(): Promise<BenchRow[]> {
  const s = runHarnessSample<PreviewLatencySamples>('preview latency bench');
  const ping = median(s.pingMs);
  const post = median(s.postToRenderedMs);
  const post95 = percentile(s.postToRenderedMs, 95);
  const total = median(s.editToRenderedMs);
  return [
    { name: `preview: update posted → rendered, median of ${s.postToRenderedMs.length} icon edits (after the ${s.debounceMs} ms debounce)`, value: post, unit: 'ms', anchor: 'webview message round trip, nothing drawn', anchorValue: ping, ratio: post / ping, goal: `≤ ${GOAL_MS} ms`, pass: post <= GOAL_MS },
    { name: 'preview: update posted → rendered, p95', value: post95, unit: 'ms', goal: `≤ ${GOAL_MS} ms`, pass: post95 <= GOAL_MS },
    { name: `preview: document change → rendered, median (includes the ${s.debounceMs} ms debounce)`, value: total, unit: 'ms', anchor: 'debounce', anchorValue: s.debounceMs, ratio: total / s.debounceMs },
  ];
}
