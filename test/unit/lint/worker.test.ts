import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintSvg } from '../../../src/core/lint';
import { LintWorkerClient } from '../../../src/features/diagnostics/lintWorkerClient';
import { icon } from './helpers';
import { HOLD_FOREVER } from './holdingLintWorker';

const dist = join(__dirname, '..', '..', '..', '..', 'dist');

describe('lint worker thread', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(join(dist, 'lint-worker.js'))) throw new Error('dist/lint-worker.js is missing: run node esbuild.mjs');
  });

  it('gives the same findings as lintSvg in process', async () => {
    const client = LintWorkerClient.beside(dist)!;
    try {
      const text = icon('<path d="M1 1L2" fill="bleu"/><g/>');
      const r = await client.lint(text);
      assert.ok(r.ok);
      assert.deepEqual(r.findings, lintSvg(text));
    } finally {
      client.dispose();
    }
  });

  it('a lint past the time limit is stopped, reported, and the next request still works', async () => {
    // The held lint never ends, so only the limit can stop it; the limit itself is generous because it also
    // covers starting a fresh worker thread for the next request, which takes seconds on a loaded machine.
    const limitMs = 3000;
    const client = new LintWorkerClient(join(__dirname, 'holdingLintWorker.js'), limitMs);
    try {
      const t0 = performance.now();
      const slow = await client.lint(icon(`<path d="M1 1h1"/>${HOLD_FOREVER}`));
      assert.deepEqual(slow.ok ? 'finished' : slow.reason, 'timeout');
      assert.match(!slow.ok ? slow.message : '', /longer than 3 s/);
      assert.ok(performance.now() - t0 >= limitMs - 1, 'stopped before its limit');
      const fast = await client.lint(icon('<path d="M1 1X"/>'));
      assert.ok(fast.ok && fast.findings.some((f) => f.code === 'invalid-path-data'));
    } finally {
      client.dispose();
    }
  });
});
