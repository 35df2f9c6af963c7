import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LintContext } from '../../../src/core/lint/context';
import { lintSvg } from '../../../src/core/lint';
import { RULES } from '../../../src/core/lint/registry';
import { parseSvg } from '../../../src/core/svg/parse';
import { NS } from './helpers';

/** A full garbage collection: global.gc under --expose-gc, otherwise the same function enabled now. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Heap still used after a full collection by what `build` returns, in bytes:
 * deterministic for one Node version, unlike a peak, so it can be bounded in a test.
 */
function retainedBytes(build: () => unknown): number {
  const gc = collector();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  assert.ok(kept);
  return after - before;
}

/** Everything one lint run keeps while its rules work: the document, the shared context and its caches. */
function lintAndKeep(text: string): object {
  const doc = parseSvg(text);
  const ctx = new LintContext(doc);
  const codes: string[] = [];
  for (const rule of RULES) rule.check(ctx, (code) => { codes.push(code); });
  return { doc, ctx, codes };
}

function flat(text: string): string {
  // A string built by concatenation is flattened on first read; do that before measuring.
  text.charCodeAt(text.length >> 1);
  return text;
}

describe('lint of huge inputs', function () {
  this.timeout(60_000);

  it('keeps no per-segment objects for a 4 MB path (a full parse kept 100 MB)', () => {
    const text = flat(`<svg ${NS} viewBox="0 0 10 10"><path d="M0 0${' L1.5 2.5'.repeat(450_000)}"/></svg>`);
    lintAndKeep(text);
    const bytes = retainedBytes(() => lintAndKeep(text));
    assert.ok(bytes < 1_000_000, `${(bytes / 1e6).toFixed(1)} MB kept`);
  });

  it('keeps under 560 bytes per element for 100,000 elements (the tree, the context and the caches of every rule)', () => {
    const count = 100_000;
    const text = flat(`<svg ${NS} viewBox="0 0 1000 1000">${'<circle r="1"/>'.repeat(count)}</svg>`);
    const perElement = retainedBytes(() => lintAndKeep(text)) / count;
    // 750 bytes before the document model was made compact; about 430 since.
    assert.ok(perElement < 560, `${perElement.toFixed(0)} bytes per element`);
  });

  it('finds the same things at the same places in a 4 MB path as in a small one', () => {
    const body = ' L1.23456 2'.repeat(370_000);
    const head = `<svg ${NS} viewBox="0 0 10 10"><path d="M0 0`;
    const broken = `${head}${body} L1 x"/><path d="M50 50${body.replace(/ L1/g, ' L51')}"/></svg>`;
    const findings = lintSvg(broken);
    const bad = findings.find((f) => f.code === 'invalid-path-data')!;
    assert.equal(broken.slice(bad.range.start, bad.range.end), 'x');
    assert.match(bad.message, /Only the first 370001 segments are drawn\./);
    const precision = findings.filter((f) => f.code === 'excessive-precision');
    // The broken path is not rounded (its fix could not be checked); the other one is, whole.
    assert.equal(precision.length, 1);
    assert.match(precision[0].message, /^d: 370000 numbers have more than 3 decimals/);
    assert.equal(precision[0].fix!.edits[0].newText, `M50 50${' L51.235 2'.repeat(370_000)}`);
    const outside = findings.find((f) => f.code === 'outside-viewbox')!;
    assert.match(outside.message, /x 50…51\.23, y 2…50/);
  });
});
