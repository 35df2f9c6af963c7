import * as assert from 'node:assert/strict';
import { formatIndentation } from '../../../src/core/language';
import { parseSvg } from '../../../src/core/svg/parse';
import { apply, at, inHost } from './cursor';

/** Everything but whitespace between tags, in order: what formatting must never change. */
function meaning(text: string): string {
  return text.replace(/>\s+</g, '><');
}

describe('language: formatting', () => {
  const messy = [
    '<svg viewBox="0 0 10 10">',
    '<g>',
    '        <path d="M0 0',
    '     L 5 5"/>',
    '  <text x="1">  keep   this',
    '      spacing </text>',
    '\t<style>',
    '   .a { fill: red }',
    '</style>',
    '<g xml:space="preserve">',
    '      <rect/>',
    '</g>',
    '    </g>',
    '  <!-- note -->',
    '      </svg>',
  ].join('\n');

  it('re-indents tags by depth and leaves values, text, style and preserved space alone', () => {
    const { region } = at(messy);
    const out = apply(messy, formatIndentation(region, { indent: '  ' }));
    assert.equal(out, [
      '<svg viewBox="0 0 10 10">',
      '  <g>',
      '    <path d="M0 0',
      '     L 5 5"/>',
      '    <text x="1">  keep   this',
      '      spacing </text>',
      '    <style>',
      '   .a { fill: red }',
      '</style>',
      '    <g xml:space="preserve">',
      '      <rect/>',
      '</g>',
      '  </g>',
      '  <!-- note -->',
      '</svg>',
    ].join('\n'));
    assert.equal(meaning(out), meaning(messy));
    assert.deepEqual(formatIndentation(at(out).region, { indent: '  ' }), [], 'formatting twice changes nothing');
  });

  it('keeps the meaning of every generated document it formats', () => {
    const pieces = ['<g>', '</g>', '<rect x="1"/>', '<text> a  b </text>', '\n', '\n   ', '\t', '<!-- c -->', '<path d="M0 0\n  L1 1"/>'];
    let seed = 3;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 200; n++) {
      let text = '<svg>\n';
      for (let i = 0; i < 30; i++) text += pieces[next() % pieces.length];
      text += '\n</svg>';
      const region = at(text).region;
      const out = apply(text, formatIndentation(region, { indent: '\t' }));
      assert.equal(meaning(out), meaning(text), text);
      assert.equal(parseSvg(out).errors.length, region.document.errors.length);
    }
  });

  it('formats only the lines in a range, and a region inside a host text', () => {
    const { region } = at(messy);
    const secondLine = messy.indexOf('<g>');
    const edits = formatIndentation(region, { indent: '  ' }, { start: secondLine, end: secondLine + 3 });
    assert.equal(edits.length, 1);
    const host = inHost('<div>\n<svg>\n<g>\n<rect/>\n</g>\n</svg>\n</div>');
    assert.equal(apply(host.text, formatIndentation(host.region, { indent: '  ' })), '<div>\n<svg>\n  <g>\n    <rect/>\n  </g>\n</svg>\n</div>');
  });
});
