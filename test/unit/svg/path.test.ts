import * as assert from 'node:assert/strict';
import { parsePathData, parsePoints, pathSummary, segmentAt, validatePathData, type ParsedPath, type PathSegment, type Point } from '../../../src/core/svg/path';

function close(actual: number, expected: number, relative = 1e-9, message?: string): void {
  const tolerance = Math.max(1e-12, Math.abs(expected) * relative);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message ?? ''} expected ${expected}, got ${actual} (off by ${Math.abs(actual - expected)})`);
}

function pt(p: Point): [number, number] {
  return [p.x, p.y];
}

function ends(parsed: ParsedPath): Array<[number, number]> {
  return parsed.segments.map((s) => pt(s.to));
}

function ok(d: string): PathSegment[] {
  const parsed = parsePathData(d);
  assert.equal(parsed.error, undefined, `unexpected error in "${d}": ${parsed.error?.message}`);
  return parsed.segments;
}

/** Length of a curve sampled densely as a polyline: converges to the true length from below. */
function sampledLength(f: (t: number) => Point, steps = 200_000): number {
  let total = 0;
  let prev = f(0);
  for (let i = 1; i <= steps; i++) {
    const p = f(i / steps);
    total += Math.hypot(p.x - prev.x, p.y - prev.y);
    prev = p;
  }
  return total;
}

function cubic(p0: Point, c1: Point, c2: Point, p3: Point) {
  return (t: number): Point => {
    const mt = 1 - t;
    const a = mt * mt * mt, b = 3 * mt * mt * t, c = 3 * mt * t * t, d = t * t * t;
    return { x: a * p0.x + b * c1.x + c * c2.x + d * p3.x, y: a * p0.y + b * c1.y + c * c2.y + d * p3.y };
  };
}

describe('svg path engine', () => {
  describe('commands', () => {
    it('parses every absolute command with absolute points', () => {
      const segs = ok('M1 2 L3 4 H5 V6 C7 8 9 10 11 12 S13 14 15 16 Q17 18 19 20 T21 22 A5 5 0 0 1 23 24 Z');
      assert.deepEqual(segs.map((s) => s.type), ['M', 'L', 'H', 'V', 'C', 'S', 'Q', 'T', 'A', 'Z']);
      assert.deepEqual(ends({ segments: segs, subpaths: [] }), [[1, 2], [3, 4], [5, 4], [5, 6], [11, 12], [15, 16], [19, 20], [21, 22], [23, 24], [1, 2]]);
      assert.deepEqual(segs[4].controls.map(pt), [[7, 8], [9, 10]]);
      assert.deepEqual(segs.map((s) => pt(s.from)).slice(1), [[1, 2], [3, 4], [5, 4], [5, 6], [11, 12], [15, 16], [19, 20], [21, 22], [23, 24]]);
    });

    it('resolves every relative command against the current point', () => {
      const segs = ok('m1 2 l3 4 h5 v6 c1 1 2 2 3 3 s1 1 2 2 q1 1 2 2 t2 2 a5 5 0 0 1 1 1 z');
      assert.deepEqual(segs.map((s) => s.command).join(''), 'mlhvcsqtaz');
      assert.deepEqual(segs.map((s) => pt(s.to)), [[1, 2], [4, 6], [9, 6], [9, 12], [12, 15], [14, 17], [16, 19], [18, 21], [19, 22], [1, 2]]);
      assert.deepEqual(segs[4].controls.map(pt), [[10, 13], [11, 14]]);
    });

    it('treats extra pairs after a moveto as linetos, absolute after M and relative after m', () => {
      const abs = ok('M1 2 3 4 5 6');
      assert.deepEqual(abs.map((s) => [s.type, s.command, s.implicit]), [['M', 'M', false], ['L', 'L', true], ['L', 'L', true]]);
      assert.deepEqual(abs.map((s) => pt(s.to)), [[1, 2], [3, 4], [5, 6]]);
      const rel = ok('m1 2 3 4 5 6');
      assert.deepEqual(rel.map((s) => s.command), ['m', 'l', 'l']);
      assert.deepEqual(rel.map((s) => pt(s.to)), [[1, 2], [4, 6], [9, 12]]);
    });

    it('repeats any command implicitly, each repeat its own segment with its own range', () => {
      const d = 'M0 0 c1 1 2 2 3 3 1 1 2 2 3 3';
      const segs = ok(d);
      assert.equal(segs.length, 3);
      assert.equal(segs[2].implicit, true);
      assert.equal(segs[2].command, 'c');
      assert.deepEqual(pt(segs[2].to), [6, 6]);
      assert.equal(d.slice(segs[1].range.start, segs[1].range.end), 'c1 1 2 2 3 3');
      assert.equal(d.slice(segs[2].range.start, segs[2].range.end), '1 1 2 2 3 3');
    });

    it('reads compact numbers: leading dots, signs as separators, exponents', () => {
      assert.deepEqual(ok('M.5.5L-.5-.5 1e-3 2E+1 3e2-4').map((s) => pt(s.to)), [[0.5, 0.5], [-0.5, -0.5], [0.001, 20], [300, -4]]);
      assert.deepEqual(ok('M0,0l1,2,3,4').map((s) => pt(s.to)), [[0, 0], [1, 2], [4, 6]]);
      assert.deepEqual(ok('M1.5.5.5.5').map((s) => pt(s.to)), [[1.5, 0.5], [0.5, 0.5]]);
    });

    it('reads arc flags without separators', () => {
      const [, a] = ok('M0 0a1 1 0 00 1 1');
      assert.equal(a.arc!.largeArc, false);
      assert.equal(a.arc!.sweep, false);
      assert.deepEqual(pt(a.to), [1, 1]);
      const [, b] = ok('M0 0A10 10 0 1110 10');
      assert.equal(b.arc!.largeArc, true);
      assert.equal(b.arc!.sweep, true);
      assert.deepEqual(pt(b.to), [10, 10]);
    });

    it('reflects the previous control point for S and T only after a curve of the same family', () => {
      const s = ok('M0 0 C1 1 2 1 3 0 S5 -1 6 0');
      assert.deepEqual(s[2].controls.map(pt), [[4, -1], [5, -1]]);
      const sAfterLine = ok('M0 0 L1 1 S2 2 3 3');
      assert.deepEqual(pt(sAfterLine[2].controls[0]), [1, 1]);
      const sAfterQ = ok('M0 0 Q1 1 2 0 S3 3 4 4');
      assert.deepEqual(pt(sAfterQ[2].controls[0]), [2, 0]);
      const t = ok('M0 0 Q1 1 2 0 T4 0 T6 0');
      assert.deepEqual(pt(t[2].controls[0]), [3, -1]);
      assert.deepEqual(pt(t[3].controls[0]), [5, 1]);
      const tFirst = ok('M0 0 T1 1');
      assert.deepEqual(pt(tFirst[1].controls[0]), [0, 0]);
      const tAfterC = ok('M0 0 C1 1 2 1 3 0 T5 0');
      assert.deepEqual(pt(tAfterC[2].controls[0]), [3, 0]);
    });

    it('after Z, the next command starts a new subpath at the closed subpath\'s start', () => {
      const parsed = parsePathData('M10 10 L20 10 L20 20 Z l5 5 L0 0');
      assert.equal(parsed.error, undefined);
      const [, , , z, l] = parsed.segments;
      assert.deepEqual(pt(z.to), [10, 10]);
      assert.deepEqual(pt(l.to), [15, 15]);
      assert.equal(parsed.subpaths.length, 2);
      assert.deepEqual(parsed.subpaths.map((s) => [s.firstSegment, s.lastSegment, s.closed, pt(s.start)]), [[0, 3, true, [10, 10]], [4, 5, false, [10, 10]]]);
      assert.deepEqual(parsed.segments.map((s) => [s.subpath, s.closed]), [[0, true], [0, true], [0, true], [0, true], [1, false], [1, false]]);
    });

    it('m after z is relative to the closed subpath\'s start', () => {
      const segs = ok('M10 10 h5 z m1 1 h1');
      assert.deepEqual(pt(segs[3].to), [11, 11]);
    });

    it('gives each segment its exact source range, offset by the base', () => {
      const d = ' M 1,2 L3 4  c 1 1 2 2 3 3 z';
      const segs = parsePathData(d, 100).segments;
      assert.deepEqual(segs.map((s) => d.slice(s.range.start - 100, s.range.end - 100)), ['M 1,2', 'L3 4', 'c 1 1 2 2 3 3', 'z']);
    });

    it('accepts empty and whitespace-only data as an empty path', () => {
      assert.deepEqual(parsePathData(''), { segments: [], subpaths: [] });
      assert.deepEqual(parsePathData(' \n\t'), { segments: [], subpaths: [] });
    });
  });

  describe('errors', () => {
    function err(d: string, base = 0) {
      const parsed = parsePathData(d, base);
      assert.ok(parsed.error, `expected an error in "${d}"`);
      return parsed;
    }

    it('reports the exact offending character and keeps the segments before it', () => {
      const p = err('M1 2 L3 4 X5 6');
      assert.equal(p.error!.offset, 10);
      assert.deepEqual(p.error!.range, { start: 10, end: 11 });
      assert.match(p.error!.message, /"X"/);
      assert.deepEqual(p.segments.map((s) => s.type), ['M', 'L']);
    });

    it('adds the base offset to the error', () => {
      assert.equal(err('M1 2 L3 4 X5 6', 40).error!.offset, 50);
    });

    it('drops an incomplete last segment and points at the end of the data', () => {
      const p = err('M1 2 C1 2 3');
      assert.equal(p.error!.offset, 11);
      assert.deepEqual(p.error!.range, { start: 11, end: 11 });
      assert.equal(p.segments.length, 1);
      assert.match(p.error!.message, /needs 6 numbers, got 3/);
    });

    it('requires a moveto first', () => {
      const p = err('  L1 2');
      assert.equal(p.error!.offset, 2);
      assert.equal(p.segments.length, 0);
    });

    it('rejects a second comma, a comma right after the letter, numbers after Z, bad flags and a dangling exponent', () => {
      assert.equal(err('M1,,2').error!.offset, 3);
      assert.equal(err('M,1 2').error!.offset, 1);
      const z = err('M1 2 L3 4 Z 5');
      assert.equal(z.error!.offset, 12);
      assert.equal(z.segments.length, 3);
      const flag = err('M0 0 a1 1 0 2 1 3 3');
      assert.equal(flag.error!.offset, 12);
      assert.match(flag.error!.message, /large-arc flag/);
      assert.equal(err('M0 0 a1 1 0 0 .5 3 3').error!.offset, 14);
      assert.equal(err('M1e 2').error!.offset, 2);
      assert.equal(err('M1 2 L1e999 2').error!.offset, 6);
    });

    it('points at the start of an astral character as one character of two code units', () => {
      const p = err('M1 2 😀');
      assert.deepEqual(p.error!.range, { start: 5, end: 7 });
    });

    it('never throws on garbage', () => {
      let seed = 7;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const alphabet = 'MmLlHhVvCcSsQqTtAaZz0123456789.,-+eE \n\t#x😀';
      for (let n = 0; n < 2000; n++) {
        let d = '';
        const len = Math.floor(rand() * 40);
        for (let i = 0; i < len; i++) d += alphabet[Math.floor(rand() * alphabet.length)];
        const p = parsePathData(d);
        for (const s of p.segments) {
          assert.ok(Number.isFinite(s.length) && s.length >= 0, `length of ${d}`);
          assert.ok(Number.isFinite(s.bbox.minX + s.bbox.maxY), `bbox of ${d}`);
        }
        pathSummary(p);
      }
    });
  });

  describe('bounding boxes', () => {
    it('includes the extrema of a cubic, not its control points', () => {
      const [, c] = ok('M4 4 C8 -2 16 -2 20 4');
      assert.deepEqual(c.bbox, { minX: 4, minY: -0.5, maxX: 20, maxY: 4 });
    });

    it('finds both extrema of an S-shaped cubic', () => {
      // x(t) = 3t(1−t)² · 10 − 3t²(1−t) · 10 + … : compare against dense sampling.
      const [, c] = ok('M0 0 C10 10 -10 10 0 20');
      const f = cubic({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: -10, y: 10 }, { x: 0, y: 20 });
      let minX = Infinity, maxX = -Infinity;
      for (let i = 0; i <= 100000; i++) { const p = f(i / 100000); minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); }
      close(c.bbox.maxX, maxX, 1e-8);
      close(c.bbox.minX, minX, 1e-8);
      close(c.bbox.maxX, 10 * Math.sqrt(3) / 6 * 1, 1e-9);
    });

    it('includes the apex of a quadratic', () => {
      const [, q] = ok('M0 0 Q5 10 10 0');
      assert.deepEqual(q.bbox, { minX: 0, minY: 0, maxX: 10, maxY: 5 });
    });

    it('includes the extreme points an arc sweeps through', () => {
      const [, a] = ok('M20 4 A5 5 0 0 1 20 14');
      assert.deepEqual(a.arc!.center, { x: 20, y: 9 });
      close(a.bbox.maxX, 25);
      assert.equal(a.bbox.minX, 20);
      assert.deepEqual([a.bbox.minY, a.bbox.maxY], [4, 14]);
      const [, b] = ok('M20 4 A5 5 0 0 0 20 14');
      close(b.bbox.minX, 15);
      assert.equal(b.bbox.maxX, 20);
    });

    it('handles a rotated ellipse', () => {
      // Ellipse rx=10, ry=5 rotated 45° centered at the origin: half-widths sqrt((100+25)/2).
      const [, a, b] = ok('M-7.0710678118654755 -7.0710678118654755 A10 5 45 0 1 7.0710678118654755 7.0710678118654755 A10 5 45 0 1 -7.0710678118654755 -7.0710678118654755');
      const h = Math.sqrt(62.5);
      close(Math.max(a.bbox.maxX, b.bbox.maxX), h, 1e-9);
      close(Math.min(a.bbox.minX, b.bbox.minX), -h, 1e-9);
      close(Math.max(a.bbox.maxY, b.bbox.maxY), h, 1e-9);
    });
  });

  describe('arcs', () => {
    it('scales radii that are too small to reach the end point', () => {
      const [, a] = ok('M0 0 A1 1 0 0 1 10 0');
      assert.equal(a.arc!.corrected, true);
      close(a.arc!.radiusX, 5);
      close(a.arc!.center.x, 5);
      close(a.arc!.center.y, 0, 1, 'center y');
      close(a.length, 5 * Math.PI);
      // Clockwise on screen from left to right passes over the top.
      close(a.bbox.minY, -5);
      assert.ok(Math.abs(a.bbox.maxY) < 1e-12);
    });

    it('draws a straight line when a radius is zero', () => {
      const [, a] = ok('M0 0 A0 5 0 0 1 3 4');
      assert.equal(a.arc!.kind, 'line');
      assert.equal(a.length, 5);
      assert.deepEqual(a.bbox, { minX: 0, minY: 0, maxX: 3, maxY: 4 });
    });

    it('omits an arc whose end is its start', () => {
      const [, a] = ok('M3 3 A5 5 0 0 1 3 3');
      assert.equal(a.arc!.kind, 'omitted');
      assert.equal(a.length, 0);
    });

    it('uses negative radii as their absolute values', () => {
      const [, a] = ok('M0 0 A-5 -5 0 0 1 10 0');
      close(a.length, 5 * Math.PI);
    });

    it('picks the large arc by flag', () => {
      const [, small] = ok('M0 0 A10 10 0 0 1 10 10');
      const [, large] = ok('M0 0 A10 10 0 1 1 10 10');
      close(small.length, 10 * Math.PI / 2);
      close(large.length, 10 * 3 * Math.PI / 2);
    });

    it('measures an elliptical arc to 1e-6 against dense sampling', () => {
      const [, a] = ok('M0 0 A20 8 30 1 0 15 5');
      const arc = a.arc!;
      const phi = (arc.rotation * Math.PI) / 180;
      const f = (t: number): Point => {
        const th = arc.startAngle + arc.deltaAngle * t;
        const ex = arc.radiusX * Math.cos(th), ey = arc.radiusY * Math.sin(th);
        return { x: arc.center.x + Math.cos(phi) * ex - Math.sin(phi) * ey, y: arc.center.y + Math.sin(phi) * ex + Math.cos(phi) * ey };
      };
      const end = f(1);
      close(end.x, 15, 1e-9);
      close(end.y, 5, 1e-9);
      close(a.length, sampledLength(f), 1e-6);
    });
  });

  describe('lengths', () => {
    it('lines, H, V and Z are exact', () => {
      const segs = ok('M0 0 L3 4 H0 V-4 Z');
      assert.deepEqual(segs.map((s) => s.length), [0, 5, 3, 8, 4]);
    });

    it('a quadratic matches the closed form for y = x² on [0, 1]', () => {
      const [, q] = ok('M0 0 Q0.5 0 1 1');
      close(q.length, (2 * Math.sqrt(5) + Math.asinh(2)) / 4, 1e-9);
    });

    it('a straight cubic equals its chord; one that doubles back counts every pass', () => {
      close(ok('M0 0 C1 1 2 2 3 3')[1].length, Math.hypot(3, 3), 1e-9);
      // x(t) = 9t − 24t² + 16t³ for controls 3, −2, 1: travel = sum of |Δx| between extrema.
      const [, c] = ok('M0 0 C3 0 -2 0 1 0');
      const x = (t: number) => 9 * t - 24 * t * t + 16 * t * t * t;
      const roots = [(48 - Math.sqrt(48 * 48 - 4 * 48 * 9)) / 96, (48 + Math.sqrt(48 * 48 - 4 * 48 * 9)) / 96];
      const travel = Math.abs(x(roots[0])) + Math.abs(x(roots[1]) - x(roots[0])) + Math.abs(1 - x(roots[1]));
      close(c.length, travel, 1e-9);
    });

    it('a cubic with a cusp matches dense sampling to 1e-6', () => {
      const [, c] = ok('M0 0 C10 10 0 10 10 0');
      close(c.length, sampledLength(cubic({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 })), 1e-6);
      const [, cusp] = ok('M0 0 C10 10 -10 10 0 0');
      close(cusp.length, sampledLength(cubic({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: -10, y: 10 }, { x: 0, y: 0 })), 1e-6);
    });

    it('the cubic of the explanation example', () => {
      const [, c] = ok('M4 4 C8 -2 16 -2 20 4');
      close(c.length, sampledLength(cubic({ x: 4, y: 4 }, { x: 8, y: -2 }, { x: 16, y: -2 }, { x: 20, y: 4 })), 1e-6);
    });
  });

  describe('summary', () => {
    it('counts subpaths, closed ones, and finds each one\'s direction by signed area', () => {
      const s = pathSummary(parsePathData('M0 0 H10 V10 H0 Z M20 0 V10 H30 V0 Z M40 0 L50 0'));
      assert.equal(s.subpaths, 3);
      assert.equal(s.closedSubpaths, 2);
      assert.equal(s.closed, false);
      assert.deepEqual(s.subpathDetails.map((d) => d.direction), ['clockwise', 'counterclockwise', 'none']);
      assert.deepEqual(s.subpathDetails.map((d) => d.area), [100, -100, 0]);
      assert.deepEqual(s.bbox, { minX: 0, minY: 0, maxX: 50, maxY: 10 });
      assert.equal(s.length, 40 + 40 + 10);
    });

    it('computes the exact area of curved subpaths', () => {
      const circle = pathSummary(parsePathData('M0 5 A5 5 0 0 1 10 5 A5 5 0 0 1 0 5 Z'));
      close(circle.subpathDetails[0].area, 25 * Math.PI);
      assert.equal(circle.subpathDetails[0].direction, 'clockwise');
      close(circle.length, 10 * Math.PI);
      const ccw = pathSummary(parsePathData('M0 5 A5 5 0 0 0 10 5 A5 5 0 0 0 0 5 Z'));
      assert.equal(ccw.subpathDetails[0].direction, 'counterclockwise');
      // A parabola segment closed by its chord: area 2/3 · base · height = 2/3 · 10 · 5.
      const lens = pathSummary(parsePathData('M0 0 Q5 10 10 0 Z'));
      close(Math.abs(lens.subpathDetails[0].area), (2 / 3) * 10 * 5);
    });

    it('ignores movetos in the bounding box and in lengths', () => {
      const s = pathSummary(parsePathData('M100 100 M0 0 L1 0'));
      assert.deepEqual(s.bbox, { minX: 0, minY: 0, maxX: 1, maxY: 0 });
      assert.equal(s.length, 1);
    });
  });

  describe('segmentAt', () => {
    it('finds the segment under an offset, including its trailing separators', () => {
      const d = 'M0 0 L10 0  C1 1 2 2 3 3 z ';
      const p = parsePathData(d);
      assert.equal(segmentAt(p, d.indexOf('L')), p.segments[1]);
      assert.equal(segmentAt(p, d.indexOf('C') - 1), p.segments[1]);
      assert.equal(segmentAt(p, d.indexOf('2 2')), p.segments[2]);
      assert.equal(segmentAt(p, d.indexOf('z')), p.segments[3]);
      assert.equal(segmentAt(p, d.length, { text: d, base: 0 }), p.segments[3]);
    });

    it('finds nothing at or after an error', () => {
      const d = 'M0 0 L10 0 X 5';
      const p = parsePathData(d);
      assert.equal(segmentAt(p, d.indexOf('X')), undefined);
      assert.equal(segmentAt(p, d.length), undefined);
    });
  });

  describe('points', () => {
    it('parses a polyline as a moveto and linetos with ranges', () => {
      const s = '0,0 10,0  10 10';
      const p = parsePoints(s, 5);
      assert.equal(p.error, undefined);
      assert.deepEqual(p.segments.map((x) => x.type), ['M', 'L', 'L']);
      assert.deepEqual(p.segments.map((x) => s.slice(x.range.start - 5, x.range.end - 5)), ['0,0', '10,0', '10 10']);
      assert.equal(pathSummary(p).length, 20);
    });

    it('closes a polygon', () => {
      const p = parsePoints('0,0 10,0 10,10', 0, true);
      assert.deepEqual(p.segments.map((x) => x.type), ['M', 'L', 'L', 'Z']);
      const s = pathSummary(p);
      assert.equal(s.closed, true);
      close(s.length, 20 + Math.hypot(10, 10));
      assert.equal(s.subpathDetails[0].direction, 'clockwise');
    });

    it('reports an unpaired coordinate and a bad character exactly', () => {
      const odd = parsePoints('0,0 10,0 10', 0);
      assert.equal(odd.error!.offset, 9);
      assert.equal(odd.segments.length, 2);
      const bad = parsePoints('0,0 1;1', 0);
      assert.equal(bad.error!.offset, 5);
    });
  });

  describe('hostile sizes', function () {
    this.timeout(60_000);

    it('validates a 40 MB path without building it, with the same error as a full parse', () => {
      const d = 'M0 0' + ' L1 1'.repeat(8_000_000);
      assert.deepEqual(validatePathData(d), { segments: 8_000_001 });
      const broken = validatePathData(d + ' L2 x', 5);
      assert.equal(broken.segments, 8_000_001);
      assert.equal(broken.error!.offset, d.length + 4 + 5);
      for (const small of ['M1 2 L3 4 X5', 'M1 2 C1 2 3', 'M0 0 a1 1 0 2 1 3 3', 'M1,,2', '']) {
        const full = parsePathData(small, 3);
        assert.deepEqual(validatePathData(small, 3), full.error ? { segments: full.segments.length, error: full.error } : { segments: full.segments.length });
      }
    });
    it('parses a path of 100,000 segments', () => {
      const d = 'M0 0' + ' l1 1 c1 2 3 4 5 6'.repeat(50_000);
      const p = parsePathData(d);
      assert.equal(p.error, undefined);
      assert.equal(p.segments.length, 100_001);
      const s = pathSummary(p);
      assert.ok(s.length > 0);
    });
  });
});
