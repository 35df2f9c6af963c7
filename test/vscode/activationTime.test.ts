// Activation time in the real extension host, for bench/activation-host.bench.ts.
// Runs only when SVG_COPILOT_BENCH_OUT names the file to write to (the bench sets
// it and greps for this suite alone, so nothing has activated the extension yet);
// a plain test run skips it.
//
// `Extension.activate()` called from inside the extension host is the host's own
// activation path: it loads the bundle, calls activate() and resolves when the
// returned value resolves, so the time measured here is "the host starts
// activating → activate() resolved". The anchor is a built-in VS Code extension
// activated the same way in the same host, right after ours.
import * as assert from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { extension } from './util';

/** Built-in extensions that are inactive in a fresh window; the first one found is the anchor. */
const ANCHORS = ['vscode.media-preview', 'vscode.merge-conflict', 'vscode.references-view', 'vscode.emmet'];

/** Modules that must stay off the activation path: they load on first use. */
const HEAVY = ['@resvg/resvg-js', '@fugood/llama.node', 'node-llama-cpp', 'svgo', 'openai', 'loopSession.js', 'render-worker.js'];

export interface ActivationSample {
  oursMs: number;
  /** Heavy modules of this extension found loaded right after activation (should be none). */
  heavyLoaded: string[];
  anchorId: string;
  anchorMs: number;
}

describe('activation time bench', function () {
  this.timeout(120_000);
  before(function () { if (!process.env.SVG_COPILOT_BENCH_OUT) this.skip(); });

  it('times activation of this extension and of a built-in one in the same host', async () => {
    const ours = extension();
    assert.strictEqual(ours.isActive, false, 'the extension was already active: the measurement needs a fresh window');
    const t0 = performance.now();
    await ours.activate();
    const oursMs = performance.now() - t0;
    const extensionRoot = ours.extensionPath;
    const heavyLoaded = HEAVY.filter((name) => Object.keys(require.cache).some((file) => file.startsWith(extensionRoot) && file.includes(name)));

    const anchor = ANCHORS.map((id) => vscode.extensions.getExtension(id)).find((e) => e && !e.isActive);
    assert.ok(anchor, `none of ${ANCHORS.join(', ')} is installed and inactive`);
    const t1 = performance.now();
    await anchor.activate();
    const anchorMs = performance.now() - t1;

    const sample: ActivationSample = { oursMs, heavyLoaded, anchorId: anchor.id, anchorMs };
    writeFileSync(process.env.SVG_COPILOT_BENCH_OUT!, JSON.stringify(sample));
  });
});
