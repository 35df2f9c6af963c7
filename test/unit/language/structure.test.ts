import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../src/core/svg/lineIndex';
import { documentSymbols, foldingRanges, selectionRanges } from '../../../src/core/language';
import { at, inHost } from './cursor';

describe('language: symbols, folding, selection ranges', () => {
  const text = [
    '<svg viewBox="0 0 10 10">', //                 0
    '  <defs>', //                                  1
    '    <linearGradient id="sky">', //             2
    '      <stop offset="0"/>', //                  3
    '    </linearGradient>', //                     4
    '  </defs>', //                                 5
    '  <g id="layer" class="a b">', //              6
    '    <path d="M0 0"/>', //                      7
    '    <path class="x" d="M1 1"/>', //            8
    '  </g>', //                                    9
    '  <!--', //                                    10
    '   note', //                                   11
    '  -->', //                                     12
    '</svg>', //                                    13
  ].join('\n');

  it('lists grouping elements and elements with an id or class, nested', () => {
    const symbols = documentSymbols(at(text).region);
    assert.equal(symbols.length, 1);
    const svg = symbols[0];
    assert.equal(svg.name, '<svg>');
    assert.deepEqual(svg.children.map((s) => s.name), ['<defs>', '<g> #layer .a .b']);
    assert.deepEqual(svg.children[0].children.map((s) => s.name), ['<linearGradient> #sky']);
    assert.deepEqual(svg.children[1].children.map((s) => s.name), ['<path> .x']);
    const sky = svg.children[0].children[0];
    assert.equal(text.slice(sky.selectionRange.start, sky.selectionRange.end), 'sky');
    assert.ok(text.slice(sky.range.start, sky.range.end).startsWith('<linearGradient') && text.slice(sky.range.start, sky.range.end).endsWith('</linearGradient>'));
  });

  it('handles any nesting depth without recursion', () => {
    const depth = 100_000;
    const deep = '<svg>' + '<g>'.repeat(depth) + '</g>'.repeat(depth) + '</svg>';
    let s = documentSymbols(at(deep).region)[0];
    let n = 0;
    while (s.children.length) { s = s.children[0]; n++; }
    assert.equal(n, depth);
  });

  it('folds elements and comments that span lines', () => {
    const lines = new LineIndex(text);
    const ranges = foldingRanges(at(text).region, (o) => lines.positionAt(o).line);
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 12 },
      { startLine: 1, endLine: 4 },
      { startLine: 2, endLine: 3 },
      { startLine: 6, endLine: 8 },
      { startLine: 10, endLine: 12, kind: 'comment' },
    ]);
  });

  it('expands the selection from a value out to the root', () => {
    const { text: t, region, offset } = at('<svg><g><path fill="url(#a)" d="M0 0"/></g></svg>'.replace('url(#a)', 'ur|l(#a)'));
    const ranges = selectionRanges(region, offset).map((r) => t.slice(r.start, r.end));
    assert.deepEqual(ranges, [
      'url',
      'url(#a)',
      'fill="url(#a)"',
      '<path fill="url(#a)" d="M0 0"/>',
      '<g><path fill="url(#a)" d="M0 0"/></g>',
      '<svg><g><path fill="url(#a)" d="M0 0"/></g></svg>',
    ]);
  });

  it('works on a region with host offsets', () => {
    const { text: t, region, offset } = inHost('<div>\n<svg>\n<g id="x">\n<ci|rcle/>\n</g>\n</svg>\n</div>');
    const ranges = selectionRanges(region, offset).map((r) => t.slice(r.start, r.end));
    assert.equal(ranges[0], 'circle');
    assert.equal(ranges[ranges.length - 1], t.slice(t.indexOf('<svg>'), t.indexOf('</svg>') + 6));
    const sym = documentSymbols(region)[0].children[0];
    assert.equal(t.slice(sym.selectionRange.start, sym.selectionRange.end), 'x');
    const lines = new LineIndex(t);
    assert.deepEqual(foldingRanges(region, (o) => lines.positionAt(o).line), [{ startLine: 1, endLine: 4 }, { startLine: 2, endLine: 3 }]);
  });
});
