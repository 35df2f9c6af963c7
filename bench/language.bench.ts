// Completion and document symbols on a 1 MB SVG: warm (from the cached parse,
// what the editor does on every keystroke once the document is parsed) and
// cold (the parse included), each against parsing the same text alone,
// measured side by side in this run, in process CPU time.
import { complete, documentSymbols, wholeDocument } from '../src/core/language';
import { collectIdElements } from '../src/core/language/ids';
import { makeSymbols } from '../src/core/language/symbols';
import { parseSvg } from '../src/core/svg/parse';
import { generatedSvg } from './parse.bench';
import { median } from './svgCorpus';
import type { BenchRow } from './types';
import { cpuTime as time, sideBySide } from './timing';

// Process-CPU milliseconds (timing.ts); below its resolution (about a microsecond) a call is timed in a batch.

/** Milliseconds per call of a fast fn, timed over a batch of calls. */
function batched(fn: () => void, calls: number): () => void {
  return () => { for (let i = 0; i < calls; i++) fn(); };
}

/** Median milliseconds of fn over rounds (after a warm-up). */
function medianOf(fn: () => void, rounds: number): number {
  for (let i = 0; i < 5; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < rounds; i++) xs.push(time(fn));
  return median(xs);
}

/** Cold (parse + op) and parse alone, interleaved so machine noise hits both alike. */
function coldAgainstParse(text: string, op: (doc: ReturnType<typeof parseSvg>) => void, rounds: number): { cold: number; parse: number } {
  const r = sideBySide(() => op(parseSvg(text)), () => { parseSvg(text); }, rounds, time);
  return { cold: r.ours, parse: r.anchor };
}

export async function run(): Promise<BenchRow[]> {
  const base = generatedSvg(1 << 20);
  // The user is typing in the middle of the file: an element prefix, an attribute, an href.
  const middle = base.indexOf('<g id="icon-', base.length >> 1);
  const insert = '<circle cx="1" />\n  <use href="#" />\n  <ci\n  ';
  const text = base.slice(0, middle) + insert + base.slice(middle);
  const elementAt = middle + insert.indexOf('<ci') + 3;
  const attributeAt = middle + insert.indexOf('cx="1" ') + 7;
  const hrefAt = middle + insert.indexOf('"#"') + 2;
  const kib = Math.round(text.length / 1024);

  const doc = parseSvg(text);
  const region = wholeDocument(doc);
  const check = complete(region, elementAt);
  if (!check.some((i) => i.label === 'circle')) throw new Error('element completion found no <circle>');
  const ids = complete(region, hrefAt).length;
  if (ids < 1000) throw new Error(`href completion found only ${ids} ids`);
  const symbols = documentSymbols(region);
  if (!symbols.length || symbols[0].children.length < 1000) throw new Error('symbols missing');

  const rows: BenchRow[] = [];
  const parseAlone = medianOf(() => { parseSvg(text); }, 21);
  // The ids and the symbols are collected once per parse and kept with it: the first
  // request after a parse pays for the walk (the *first request* rows), later ones do not.
  const warm: [string, () => void][] = [
    ['completion of an element prefix', () => { complete(region, elementAt); }],
    ['completion of attributes', () => { complete(region, attributeAt); }],
    [`completion of #ids in href (${ids} ids)`, () => { complete(region, hrefAt); }],
    [`completion of #ids in href, first request (ids collected)`, () => { collectIdElements(doc); complete(region, hrefAt); }],
    ['document symbols', () => { documentSymbols(region); }],
    ['document symbols, first request (symbols made)', () => { makeSymbols(region); }],
  ];
  for (const [what, fn] of warm) {
    // Time one call; a call too quick for the clock is timed 1,000 at a time.
    const single = medianOf(fn, 11);
    const ms = single >= 1 ? medianOf(fn, 41) : medianOf(batched(fn, 1000), 11) / 1000;
    rows.push({
      name: `${what}, 1 MB SVG (${kib} KiB), warm (cached parse)`, value: ms, unit: 'ms',
      anchor: 'parse of the same text alone', anchorValue: parseAlone, ratio: ms / parseAlone, goal: '≤ 2 ms', pass: ms <= 2,
    });
  }
  const cold: [string, (d: ReturnType<typeof parseSvg>) => void][] = [
    ['completion of an element prefix', (d) => { complete(wholeDocument(d), elementAt); }],
    ['completion of attributes', (d) => { complete(wholeDocument(d), attributeAt); }],
    [`completion of #ids in href`, (d) => { complete(wholeDocument(d), hrefAt); }],
    ['document symbols', (d) => { documentSymbols(wholeDocument(d)); }],
  ];
  for (const [what, op] of cold) {
    const m = coldAgainstParse(text, op, 21);
    const ratio = m.cold / m.parse;
    rows.push({
      name: `${what}, 1 MB SVG, cold (parse included)`, value: m.cold, unit: 'ms',
      anchor: 'parse of the same text alone', anchorValue: m.parse, ratio, goal: 'ratio ≤ 1.5', pass: ratio <= 1.5,
    });
  }
  return rows;
}
