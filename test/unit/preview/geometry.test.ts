import * as assert from 'node:assert/strict';
import { parseSvg } from '../../../src/core/svg/parse';
import { elementAtOffset, extractGeometry } from '../../../src/features/preview/hitGeometry';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" onload="alert(1)">
  <defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>
  <script>alert(1)</script>
  <g transform="translate(2 2)" style="fill: url(#g); stroke:none" onclick="alert(2)">
    <rect x="1" y="1" width="4" height="4" fill="url(#g)" onmouseover="x()" style="background:url(https://e.invalid/x)"/>
    <a href="javascript:alert(3)"><circle cx="10" cy="10" r="2"/></a>
  </g>
  <use href="#r" x="3" y="4" width="5" height="5"/>
  <use href="#r"/>
  <image href="https://e.invalid/x.png" x="0" y="0" width="8" height="8"/>
  <text x="1" y="20" font-size="4">Hi</text>
</svg>`;

describe('preview geometry', () => {
  const doc = parseSvg(SVG);
  const g = extractGeometry(doc);

  it('keeps the drawable elements in document order with their source ranges', () => {
    assert.deepEqual(g.elements.map((e) => e.name), ['g', 'rect', 'g', 'circle', 'rect', 'rect', 'text']);
    assert.equal(SVG.slice(g.ranges[1].start, g.ranges[1].end).startsWith('<rect'), true);
    assert.equal(SVG.slice(g.ranges[3].start, g.ranges[3].end), '<circle cx="10" cy="10" r="2"/>');
    assert.deepEqual(g.elements.map((e) => e.parent), [-1, 0, 0, 2, -1, -1, -1]);
    assert.deepEqual(g.root, { width: '24', height: '24', viewBox: '0 0 24 24' });
  });

  it('passes no handler, link, style or url() on', () => {
    for (const e of g.elements) {
      for (const [name, value] of e.attrs) {
        assert.ok(!/^on|href|style|class|id$/.test(name), `${e.name} kept ${name}`);
        assert.ok(!/url\(|javascript:|https?:/.test(value), `${e.name} ${name}="${value}"`);
      }
    }
    assert.deepEqual(Object.fromEntries(g.elements[0].attrs), { transform: 'translate(2 2)', fill: '#000', stroke: 'none' });
    assert.equal(g.elements[6].text, 'Hi');
  });

  it('places <use> boxes at their x/y', () => {
    assert.deepEqual(Object.fromEntries(g.elements[4].attrs), { width: '5', height: '5', transform: 'translate(3 4)', x: '0', y: '0', fill: '#000' });
  });

  it('finds the innermost element at an offset', () => {
    const circle = SVG.indexOf('<circle');
    assert.equal(elementAtOffset(g.ranges, circle + 3), 3);
    assert.equal(elementAtOffset(g.ranges, SVG.indexOf('<a ') + 1), 2);
    assert.equal(elementAtOffset(g.ranges, SVG.indexOf('<script')), null);
    assert.equal(elementAtOffset(g.ranges, 0), null);
  });

  it('returns nothing for a document without an <svg> root', () => {
    assert.deepEqual(extractGeometry(parseSvg('<html/>')), { root: null, elements: [], ranges: [] });
  });
});
