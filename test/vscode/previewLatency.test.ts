// Edit-to-pixels latency of the preview, measured inside the real VS Code for
// bench/preview.bench.ts. Runs only when SVG_COPILOT_BENCH_OUT names the file
// to write the samples to (the bench sets it); a plain test run skips it.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { loadIcons } from '../../bench/svgCorpus';
import { closeAllEditors, extension, openSvg } from './util';

const TEST = 'svgCopilot.test.preview';
const hook = <T>(args: Record<string, unknown>): Thenable<T> => vscode.commands.executeCommand<T>(TEST, args);

interface Rendered { seq: number; version: number; ok: boolean; roundTripMs: number }

export interface PreviewLatencySamples {
  icons: number;
  /** Document change → 'rendered' reply, debounce included. */
  editToRenderedMs: number[];
  /** Update posted (after the debounce) → 'rendered' reply: decode + both message hops. */
  postToRenderedMs: number[];
  /** Anchor: a message round trip to the same webview that draws nothing (the probe request). */
  pingMs: number[];
  debounceMs: number;
}

describe('preview latency bench', function () {
  this.timeout(300_000);
  before(function () { if (!process.env.SVG_COPILOT_BENCH_OUT) this.skip(); });
  after(closeAllEditors);

  it('measures edit → rendered for icon-sized files', async () => {
    await extension().activate();
    const icons = loadIcons().filter((_, i) => i % 20 === 0).slice(0, 100);
    const editor = await openSvg(icons[0].text, 'bench-latency.svg');
    const doc = editor.document;
    await vscode.commands.executeCommand('svgCopilot.openPreview', doc.uri);
    let last = await hook<Rendered>({ action: 'waitRender', uri: doc.uri.toString(), minVersion: doc.version, timeoutMs: 20_000 });
    const samples: PreviewLatencySamples = { icons: 0, editToRenderedMs: [], postToRenderedMs: [], pingMs: [], debounceMs: 50 };
    for (let round = 0; round < 2; round++) {
      for (const icon of icons) {
        const t0 = performance.now();
        await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), icon.text));
        last = await hook<Rendered>({ action: 'waitRender', uri: doc.uri.toString(), minVersion: doc.version, afterSeq: last.seq, timeoutMs: 10_000 });
        const total = performance.now() - t0;
        const p0 = performance.now();
        await hook({ action: 'probe' });
        const ping = performance.now() - p0;
        if (round === 0) continue; // first pass warms caches and the JIT
        samples.editToRenderedMs.push(total);
        samples.postToRenderedMs.push(last.roundTripMs);
        samples.pingMs.push(ping);
      }
    }
    samples.icons = icons.length;
    writeFileSync(process.env.SVG_COPILOT_BENCH_OUT!, JSON.stringify(samples));
  });
});
