import * as assert from 'node:assert/strict';
import {
  forEachPathSegment, forEachPointsSegment, parsePathData, parsePoints, validatePoints, type PathSegment,
} from '../../../src/core/svg/path';
import { parseSvg } from '../../../src/core/svg/parse';
import type { SvgElement } from '../../../src/core/svg/types';

/** Everything a segment exposes except `closed`, which a visitor may see before its Z. */
function plain(seg: PathSegment): object {
  return {
    index: seg.index, command: seg.command, implicit: seg.implicit, type: seg.type, range: seg.range, from: seg.from, to: seg.to,
    controls: seg.controls, arc: seg.arc, subpath: seg.subpath, bbox: seg.bbox, length: seg.length,
  };
}

const PATHS = [
  'M1 2 L3 4', 'M.5.5-.5-.5l1e-3 2E2', 'M0 0 a1 1 0 00 1 1 A5 5 30 1 1 10 10', 'M0 0 C1 2 3 4 5 6 S7 8 9 10 Q1 1 2 2 T3 3 Z m1 1 h2 v2 z l4 4',
  'M0 0 H5 V5 Z L1 1', 'M1 2 L3 4 X5', 'M1 2 C1 2 3', 'M0 0 a1 1 0 2 1 3 3', 'M1,,2', 'M1 2,', 'L1 2', '', '   ', 'M1 2 z 3',
];
const POINTS = ['0,0 10,0 10,10', '1 2 3 4 5', '0,0 1;1', '1,2,', '', '5 5', '1e400 2'];

describe('streamed path segments', () => {
  it('visits exactly the segments a full parse builds, and reports the same count and error', () => {
    for (const d of PATHS) {
      const full = parsePathData(d, 7);
      const seen: object[] = [];
      const result = forEachPathSegment(d, 7, (seg) => { seen.push(plain(seg)); });
      assert.deepEqual(seen, full.segments.map(plain), d);
      assert.deepEqual(result, full.error ? { segments: full.segments.length, error: full.error } : { segments: full.segments.length }, d);
    }
  });

  it('does the same for polyline and polygon points', () => {
    for (const p of POINTS) {
      for (const closed of [false, true]) {
        const full = parsePoints(p, 3, closed);
        const expected = full.error ? { segments: full.segments.length, error: full.error } : { segments: full.segments.length };
        const seen: object[] = [];
        assert.deepEqual(forEachPointsSegment(p, 3, closed, (seg) => { seen.push(plain(seg)); }), expected, p);
        assert.deepEqual(seen, full.segments.map(plain), p);
        assert.deepEqual(validatePoints(p, 3, closed), expected, p);
      }
    }
  });

  it('stops when the visitor returns false', () => {
    const d = 'M0 0' + ' L1 1'.repeat(1000) + ' X';
    let visits = 0;
    const result = forEachPathSegment(d, 0, () => ++visits < 3);
    assert.equal(visits, 3);
    assert.deepEqual(result, { segments: 3 });
    visits = 0;
    assert.deepEqual(forEachPointsSegment('0 0 1 1 2 2 3 3', 0, true, () => ++visits < 2), { segments: 2 });
    assert.equal(visits, 2);
  });

  it('knows a closed subpath once its Z has been visited', () => {
    const kept: PathSegment[] = [];
    forEachPathSegment('M0 0 L1 1 Z', 0, (seg) => { kept.push(seg); });
    assert.deepEqual(kept.map((s) => s.closed), [true, true, true]);
  });
});

describe('compact document model', () => {
  it('gives self-closing and cut-off elements one range for the tag and the element, and open ones their own', () => {
    const doc = parseSvg('<svg><g id="a"><path d="M0 0"/></g><rect');
    const svg = doc.root!;
    const g = svg.children[0] as SvgElement;
    const path = g.children[0] as SvgElement;
    const rect = svg.children[1] as SvgElement;
    assert.deepEqual([path.range, path.startTagRange], [{ start: 15, end: 31 }, { start: 15, end: 31 }]);
    assert.deepEqual([g.range, g.startTagRange], [{ start: 5, end: 35 }, { start: 5, end: 15 }]);
    assert.deepEqual([svg.range, svg.startTagRange], [{ start: 0, end: 40 }, { start: 0, end: 5 }]);
    assert.deepEqual([rect.range, rect.startTagRange, rect.closed], [{ start: 35, end: 40 }, { start: 35, end: 40 }, false]);
  });

  it('keeps leaves without children and attribute ranges exact however many attributes a tag has', () => {
    const attrs = Array.from({ length: 40 }, (_, i) => `a${i}="${'v'.repeat(i)}"`).join(' ');
    const text = `<svg ${attrs} a3="again"><circle/></svg>`;
    const doc = parseSvg(text);
    const svg = doc.root!;
    assert.equal(svg.attributes.length, 41);
    for (const a of svg.attributes) {
      assert.equal(text.slice(a.nameRange.start, a.nameRange.end), a.name);
      assert.equal(text.slice(a.valueRange.start, a.valueRange.end), a.value);
      assert.equal(text.slice(a.range.start, a.range.end), `${a.name}="${a.value}"`);
    }
    assert.deepEqual(doc.errors.map((e) => [e.code, text.slice(e.range.start, e.range.end)]), [['duplicate-attribute', 'a3']]);
    const circle = svg.children[0] as SvgElement;
    assert.deepEqual([circle.attributes, circle.children], [[], []]);
    // The parse of one document never leaks into the next.
    assert.deepEqual(parseSvg('<svg><circle r="1"/></svg>').root!.children.map((c) => (c as SvgElement).attributes.map((a) => a.name)), [['r']]);
  });

  it('reads names right through the shared name cache, colliding and long ones included', () => {
    // "path" and "poth" share first letter, last letter and length, so they take the same cache slot.
    const doc = parseSvg('<svg><path d="1"/><poth d="2"/><path e="3"/><linearGradient gradientTransform="x"/><linearGradient/></svg>');
    assert.deepEqual((doc.root!.children as SvgElement[]).map((c) => [c.name, ...c.attributes.map((a) => `${a.name}=${a.value}`)]),
      [['path', 'd=1'], ['poth', 'd=2'], ['path', 'e=3'], ['linearGradient', 'gradientTransform=x'], ['linearGradient']]);
  });
});
