import * as assert from 'node:assert/strict';
import { MAX_EXPLAINED_CHARS, explainAt, explainPath, explainSegment, formatLength, formatNumber, pathAt, standaloneSegment } from '../../../src/core/svg/explain';
import { parsePathData, pathSummary } from '../../../src/core/svg/path';

const seg = (d: string, i: number) => parsePathData(d).segments[i];

describe('svg explanations', () => {
  it('formats numbers for reading with a real minus sign', () => {
    assert.equal(formatNumber(-2), '\u22122');
    assert.equal(formatNumber(3.14159), '3.14');
    assert.equal(formatNumber(2.5), '2.5');
    assert.equal(formatNumber(-0.001), '0');
    assert.equal(formatLength(19.13301904792823), '19.1');
    assert.equal(formatLength(0.012345), '0.0123');
    assert.equal(formatLength(1234.5), '1235');
  });

  it('describes a cubic with its pull direction and length', () => {
    assert.equal(explainSegment(seg('M4 4 C8 -2 16 -2 20 4', 1)), 'Cubic Bézier from (4, 4) to (20, 4), pulled up toward (8, \u22122) and (16, \u22122); length 19.1');
    assert.match(explainSegment(seg('M0 0 C0 10 10 10 10 0', 1)), /pulled down toward/);
    assert.match(explainSegment(seg('M0 0 C-5 3 -5 7 0 10', 1)), /pulled left toward/);
    assert.match(explainSegment(seg('M0 0 C5 -5 5 5 10 0', 1)), /S-shaped/);
  });

  it('describes every kind of segment', () => {
    const d = 'M1 1 L4 5 H8 V10 Q10 12 12 10 T16 10 S20 8 22 10 A3 3 0 0 1 28 10 A0 2 0 0 1 30 10 Z';
    const texts = parsePathData(d).segments.map(explainSegment);
    assert.equal(texts[0], 'Move to (1, 1), starting subpath 1');
    assert.equal(texts[1], 'Line from (1, 1) to (4, 5); length 5');
    assert.equal(texts[2], 'Horizontal line from (4, 5) to (8, 5); length 4');
    assert.equal(texts[3], 'Vertical line from (8, 5) to (8, 10); length 5');
    assert.match(texts[4], /^Quadratic Bézier from \(8, 10\) to \(12, 10\), pulled down toward \(10, 12\); length /);
    assert.match(texts[5], /^Smooth quadratic Bézier .* toward \(14, 8\) \(the control mirrors the previous curve's\)/);
    assert.match(texts[6], /^Smooth cubic Bézier from \(16, 10\) to \(22, 10\)/);
    assert.equal(texts[7], 'Circular arc from (22, 10) to (28, 10), radius 3, centered at (25, 10), turning clockwise through 180°; length 9.42');
    assert.equal(texts[8], 'Arc with a zero radius, drawn as a straight line from (28, 10) to (30, 10); length 2');
    assert.match(texts[9], /^Close path: line from \(30, 10\) back to the start \(1, 1\); length /);
  });

  it('says when arc radii were scaled up', () => {
    assert.match(explainSegment(seg('M0 0 A1 1 0 0 1 10 0', 1)), /radius 1, scaled up to 5 to reach the end point/);
    assert.match(explainSegment(seg('M0 0 A10 5 30 0 0 10 0', 1)), /^Elliptical arc .* radii 10 × 5 rotated 30°/);
  });

  it('summarizes a path: segments, subpaths, closed, direction, bbox and length', () => {
    const p = parsePathData('M0 0 H10 V10 H0 Z M20 0 V10 H30 V0 Z');
    assert.equal(explainPath(pathSummary(p), p),
      '10 segments in 2 subpaths (all closed); subpath 1: 4 segments, closed, clockwise; subpath 2: 4 segments, closed, counter-clockwise. Bounding box from (0, 0) to (30, 10) (30 × 10). Total length 80.');
    const broken = parsePathData('M0 0 L1 1 X');
    assert.match(explainPath(pathSummary(broken), broken), /Stops at an error: Expected a path command letter or a number, found "X"\.$/);
  });

  it('explains the segment and path at a position, in the CLI\'s JSON shape', () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <path d="M4 4C8 -2 16 -2 20 4"/>\n</svg>';
    const result = explainAt(text, text.indexOf('16 -2'));
    assert.equal(result.element, 'path');
    assert.equal(result.attribute, 'd');
    assert.deepEqual({ ...result.segment, length: undefined, text: undefined }, {
      index: 1, command: 'C', absolute: { from: [4, 4], to: [20, 4], controls: [[8, -2], [16, -2]] },
      bbox: { x: 4, y: -0.5, width: 16, height: 4.5 }, length: undefined, text: undefined,
    });
    assert.ok(Math.abs(result.segment!.length - 19.13301904792823) < 1e-9);
    assert.match(result.segment!.text, /^Cubic Bézier/);
    assert.deepEqual({ ...result.path, text: undefined, length: undefined }, { segments: 2, subpaths: 1, closed: false, bbox: { x: 4, y: -0.5, width: 16, height: 4.5 }, text: undefined, length: undefined });
    assert.deepEqual(Object.keys(result), ['element', 'attribute', 'segment', 'path']);
    assert.deepEqual(Object.keys(result.segment!), ['index', 'command', 'absolute', 'length', 'bbox', 'text']);
    assert.deepEqual(Object.keys(result.path!), ['segments', 'subpaths', 'closed', 'bbox', 'length', 'text']);
  });

  it('gives the path without a segment on the attribute name, and neither elsewhere', () => {
    const text = '<svg><path fill="red" d="M0 0 L1 1"/><polygon points="0,0 4,0 4,3"/></svg>';
    const onName = explainAt(text, text.indexOf(' d=') + 1);
    assert.equal(onName.attribute, 'd');
    assert.equal(onName.segment, undefined);
    assert.equal(onName.path?.segments, 2);
    assert.deepEqual(explainAt(text, text.indexOf('red')), { element: 'path', attribute: 'fill' });
    assert.deepEqual(explainAt(text, 1), { element: 'svg', attribute: null });
    assert.deepEqual(explainAt('  <svg/>', 0), { element: null, attribute: null });
    const poly = explainAt(text, text.indexOf('4,3'));
    assert.equal(poly.segment?.index, 2);
    assert.equal(poly.path?.closed, true);
    assert.equal(poly.path?.length, 12);
  });

  it('clamps offsets outside the text and never throws on odd input', () => {
    const text = '<svg><path d="M0 0 L1 1"/></svg>';
    assert.deepEqual(explainAt(text, -5), { element: 'svg', attribute: null });
    assert.deepEqual(explainAt(text, Number.NaN), { element: 'svg', attribute: null });
    assert.deepEqual(explainAt(text, 1e9), { element: null, attribute: null });
    assert.deepEqual(explainAt('', 0), { element: null, attribute: null });
    assert.deepEqual(explainAt('\u0000\uFFFF<<<&&&', 3), { element: null, attribute: null });
  });

  it('explains a path being typed at the very end of a cut document', () => {
    const text = '<svg><path d="M0 0 L3 4 q1';
    const r = explainAt(text, text.length);
    assert.equal(r.attribute, 'd');
    assert.equal(r.segment, undefined);
    const r2 = explainAt(text, text.indexOf('L3') + 1);
    assert.equal(r2.segment?.index, 1);
    assert.match(r2.path!.text, /Stops at an error/);
  });

  it('gives the hover the ranges it needs and the segment alone as path data', () => {
    const text = '<svg><path d="M1 1 c1 1 2 2 3 3 a2 2 0 0 1 4 0 q1 1 2 0 h5"/></svg>';
    const at = pathAt(text, text.indexOf('2 2 3'))!;
    assert.equal(at.element.name, 'path');
    assert.equal(text.slice(at.attribute.valueRange.start + at.segment!.range.start, at.attribute.valueRange.start + at.segment!.range.end), 'c1 1 2 2 3 3');
    assert.equal(standaloneSegment(at.segment!), 'M1 1 C2 2 3 3 4 4');
    const segs = at.analysis!.parsed.segments;
    assert.equal(standaloneSegment(segs[2]), 'M4 4 A2 2 0 0 1 8 4');
    assert.equal(standaloneSegment(segs[3]), 'M8 4 Q9 5 10 4');
    assert.equal(standaloneSegment(segs[4]), 'M10 4 L15 4');
    assert.equal(pathAt(text, 2), undefined);
  });

  it('refuses to explain a path longer than the limit, saying why, without building it', function () {
    this.timeout(60_000);
    const d = 'M0 0' + ' L1 1'.repeat(Math.ceil(MAX_EXPLAINED_CHARS / 5));
    const text = `<svg><path d="${d}"/></svg>`;
    const r = explainAt(text, text.indexOf('L1 1'));
    assert.equal(r.attribute, 'd');
    assert.equal(r.segment, undefined);
    assert.equal(r.path, undefined);
    assert.match(r.note!, /explanations stop at 4,000,000/);
  });
});
