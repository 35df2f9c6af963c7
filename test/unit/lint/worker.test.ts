import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintSvg } from '../../../src/core/lint';
import { LintWorkerClient } from '../../../src/features/diagnostics/lintWorkerClient';
import { icon } from './helpers';

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
    const client = new LintWorkerClient(join(dist, 'lint-worker.js'), 50);
    try {
      const huge = icon('<path d="M1 1h1"/>\n'.repeat(200_000));
      const slow = await client.lint(huge);
      assert.deepEqual(slow.ok ? 'finished' : slow.reason, 'timeout');
      const fast = await client.lint(icon('<path d="M1 1X"/>'));
      assert.ok(fast.ok && fast.findings.some((f) => f.code === 'invalid-path-data'));
    } finally {
      client.dispose();
    }
  });
});
