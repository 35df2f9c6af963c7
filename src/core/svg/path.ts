// The path engine: SVG path data (and polyline/polygon points) parsed into
// absolute segments with source ranges, exact bounding boxes, lengths,
// subpaths and winding direction. Follows the SVG 2 path grammar; like a
// renderer, it keeps every segment before the first error.
import type { Range } from './types';
import {
  arcAreaTerm, arcBox, arcGeometry, arcLength, cubicAreaTerm, cubicBox, cubicLength, lineAreaTerm, lineLength, pointBox,
  quadAreaTerm, quadBox, quadLength,
  type ArcGeometry, type BBox, type Point,
} from './geometry';

export type { ArcGeometry, BBox, Point } from './geometry';

/** Absolute command kind. */
export type SegmentType = 'M' | 'L' | 'H' | 'V' | 'C' | 'S' | 'Q' | 'T' | 'A' | 'Z';

export interface PathSegment {
  /** 0-based position among all segments of the path. */
  readonly index: number;
  /** The command letter as written, e.g. "c"; for an implicit repeat, the letter it repeats ("l"/"L" after a moveto). */
  readonly command: string;
  /** True when no letter was written for this segment (an implicit repeat, or a point of `points`). */
  readonly implicit: boolean;
  readonly type: SegmentType;
  /** Absolute source offsets: from the command letter (or first number when implicit) to the end of the last number. */
  readonly range: Range;
  readonly from: Point;
  readonly to: Point;
  /** Absolute control points: two for C/S (the first of S reflected), one for Q/T, none otherwise. */
  readonly controls: readonly Point[];
  /** Arc parameters and center form; only for A. */
  readonly arc?: ArcGeometry;
  /** 0-based index of the subpath the segment belongs to. */
  readonly subpath: number;
  /** Whether that subpath is closed by a Z. */
  readonly closed: boolean;
  /** Exact bounding box (a moveto's is its point). */
  readonly bbox: BBox;
  /** Arc length; 0 for a moveto. */
  readonly length: number;
}

export interface Subpath {
  index: number;
  /** The point where it starts (its moveto, or the start of the closed subpath before it). */
  start: Point;
  firstSegment: number;
  lastSegment: number;
  closed: boolean;
}

export interface PathError {
  message: string;
  /** Absolute offset of the offending character (the end of the data when it ended too early). */
  offset: number;
  range: Range;
}

export interface ParsedPath {
  segments: PathSegment[];
  subpaths: Subpath[];
  error?: PathError;
}

const EMPTY: readonly Point[] = Object.freeze([]);

/** Arc arguments as written: rx, ry, rotation, large-arc flag, sweep flag. */
type ArcArgs = [number, number, number, boolean, boolean];

// Parsing stays cheap by deferring everything derived (range objects, arc
// center form, boxes, lengths) until someone asks; hover asks for one segment.
class Segment implements PathSegment {
  private cachedRange: Range | undefined;
  private cachedArc: ArcGeometry | undefined;
  private cachedBox: BBox | undefined;
  private cachedLength = -1;

  constructor(
    readonly index: number,
    readonly command: string,
    readonly implicit: boolean,
    readonly type: SegmentType,
    private readonly start: number,
    private readonly end: number,
    readonly from: Point,
    readonly to: Point,
    readonly controls: readonly Point[],
    private readonly owner: Subpath,
    private readonly arcArgs?: ArcArgs,
  ) {}

  get range(): Range {
    return (this.cachedRange ??= { start: this.start, end: this.end });
  }

  get subpath(): number {
    return this.owner.index;
  }

  get closed(): boolean {
    return this.owner.closed;
  }

  get arc(): ArcGeometry | undefined {
    const a = this.arcArgs;
    if (!a) return undefined;
    return (this.cachedArc ??= arcGeometry(this.from, this.to, a[0], a[1], a[2], a[3], a[4]));
  }

  get bbox(): BBox {
    if (this.cachedBox) return this.cachedBox;
    const { from, to, controls } = this;
    let box: BBox;
    switch (this.type) {
      case 'M': box = pointBox(to); break;
      case 'C': case 'S': box = cubicBox(from, controls[0], controls[1], to); break;
      case 'Q': case 'T': box = quadBox(from, controls[0], to); break;
      case 'A': box = arcBox(this.arc!, from, to); break;
      default: box = { minX: Math.min(from.x, to.x), minY: Math.min(from.y, to.y), maxX: Math.max(from.x, to.x), maxY: Math.max(from.y, to.y) };
    }
    return (this.cachedBox = box);
  }

  get length(): number {
    if (this.cachedLength >= 0) return this.cachedLength;
    const { from, to, controls } = this;
    let length: number;
    switch (this.type) {
      case 'M': length = 0; break;
      case 'C': case 'S': length = cubicLength(from, controls[0], controls[1], to); break;
      case 'Q': case 'T': length = quadLength(from, controls[0], to); break;
      case 'A': length = arcLength(this.arc!, from, to); break;
      default: length = lineLength(from, to);
    }
    return (this.cachedLength = length);
  }

  /** Twice the signed area this segment adds to its subpath (Green's theorem); positive is clockwise on screen. */
  areaTerm(): number {
    const { from, to, controls } = this;
    switch (this.type) {
      case 'M': return 0;
      case 'C': case 'S': return cubicAreaTerm(from, controls[0], controls[1], to);
      case 'Q': case 'T': return quadAreaTerm(from, controls[0], to);
      case 'A': return arcAreaTerm(this.arc!, from, to);
      default: return lineAreaTerm(from, to);
    }
  }

  toJSON(): object {
    return {
      index: this.index, command: this.command, implicit: this.implicit, type: this.type, range: this.range,
      from: this.from, to: this.to, controls: this.controls, arc: this.arc, subpath: this.subpath, closed: this.closed,
      bbox: this.bbox, length: this.length,
    };
  }
}

const COMMAND_NAMES: Record<string, string> = {
  M: 'moveto', L: 'lineto', H: 'horizontal lineto', V: 'vertical lineto', C: 'curveto', S: 'smooth curveto',
  Q: 'quadratic curveto', T: 'smooth quadratic curveto', A: 'arc', Z: 'closepath',
};

/** Number of arguments of an upper-case command letter's char code; -1 when it is not a path command. */
function argCount(upper: number): number {
  switch (upper) {
    case 77: case 76: case 84: return 2; // M L T
    case 72: case 86: return 1; // H V
    case 67: return 6; // C
    case 83: case 81: return 4; // S Q
    case 65: return 7; // A
    case 90: return 0; // Z
    default: return -1;
  }
}

function isWsp(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether c can begin a number: a digit, a sign or a decimal point. */
function startsNumber(c: number): boolean {
  return isDigit(c) || c === 45 || c === 43 || c === 46;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Set by readNumber: index after the number read, or -1 when no number starts there. */
let numberEnd = -1;

/**
 * Reads the number at i per the SVG grammar (sign, digits, optional fraction,
 * an exponent only when digits follow the "e"). Exact: an integer mantissa
 * below 2^53 times or divided by an exactly representable power of ten is one
 * correctly rounded operation, the same double Number() gives; anything else
 * goes through Number().
 */
function readNumber(s: string, i: number): number {
  let p = i;
  let c = s.charCodeAt(p);
  let negative = false;
  if (c === 45) { negative = true; c = s.charCodeAt(++p); } else if (c === 43) c = s.charCodeAt(++p);
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  while (c >= 48 && c <= 57) { mantissa = mantissa * 10 + (c - 48); digits++; c = s.charCodeAt(++p); }
  if (c === 46) {
    c = s.charCodeAt(++p);
    while (c >= 48 && c <= 57) { mantissa = mantissa * 10 + (c - 48); digits++; fraction++; c = s.charCodeAt(++p); }
  }
  if (!digits) { numberEnd = -1; return NaN; }
  let exponent = 0;
  if (c === 101 || c === 69) {
    let q = p + 1;
    let e = s.charCodeAt(q);
    let negativeExponent = false;
    if (e === 43 || e === 45) { negativeExponent = e === 45; e = s.charCodeAt(++q); }
    if (e >= 48 && e <= 57) {
      while (e >= 48 && e <= 57) { if (exponent < 100000) exponent = exponent * 10 + (e - 48); e = s.charCodeAt(++q); }
      if (negativeExponent) exponent = -exponent;
      p = q;
    }
  }
  numberEnd = p;
  const scale = exponent - fraction;
  let v: number;
  if (mantissa > Number.MAX_SAFE_INTEGER || scale > 22 || scale < -22) return Number(s.slice(i, p));
  else if (scale === 0) v = mantissa;
  else if (scale > 0) v = mantissa * POW10[scale];
  else v = mantissa / POW10[-scale];
  return negative ? -v : v;
}

/** End index of the number starting at i, or -1 when none starts there. */
function scanNumber(s: string, i: number): number {
  readNumber(s, i);
  return numberEnd;
}

function describeChar(s: string, i: number): string {
  if (i >= s.length) return 'the end of the data';
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  return ch === '"' ? "'\"'" : `"${ch}"`;
}

/** Parses SVG path data; offsets in the result are base + index into d. Never throws. */
export function parsePathData(d: string, base = 0): ParsedPath {
  const { segments, subpaths, error } = scanPath(d, base, true);
  return error ? { segments, subpaths, error } : { segments, subpaths };
}

export interface PathValidation {
  /** Segments before the first error (or in all). */
  segments: number;
  error?: PathError;
}

/**
 * Checks path data against the grammar without building segments: constant
 * memory, so lint can afford it on a 40 MB path. Reports exactly the error
 * parsePathData would.
 */
export function validatePathData(d: string, base = 0): PathValidation {
  const { count, error } = scanPath(d, base, false);
  return error ? { segments: count, error } : { segments: count };
}

/**
 * Called with each segment in order; return false to stop. A segment's
 * `closed` may still read false during the call: its subpath is known to be
 * closed only when the Z comes.
 */
export type SegmentVisitor = (segment: PathSegment) => boolean | void;

/**
 * Walks the segments of path data without keeping them, so memory stays
 * constant however long the path is. Returns the segments visited and, when
 * the walk was not stopped, exactly what validatePathData returns.
 */
export function forEachPathSegment(d: string, base: number, visit: SegmentVisitor): PathValidation {
  const { count, error } = scanPath(d, base, false, visit);
  return error ? { segments: count, error } : { segments: count };
}

/**
 * The grammar, once for every use: with collect the segments and subpaths are
 * kept; with a visitor each segment is built, handed over and dropped; with
 * neither nothing is built and only the count and the error come back.
 */
function scanPath(d: string, base: number, collect: boolean, visit?: SegmentVisitor): ParsedPath & { count: number } {
  const s = String(d ?? '');
  const n = s.length;
  const segments: Segment[] = [];
  const subpaths: Subpath[] = [];
  const build = collect || visit !== undefined;
  let count = 0; // segments so far (segments.length when collecting)
  let subpathCount = 0;
  let error: PathError | undefined;
  const fail = (i: number, message: string) => {
    error = { message, offset: base + i, range: { start: base + i, end: base + Math.min(n, i + (s.codePointAt(i)! > 0xffff ? 2 : 1)) } };
  };

  let cur: Point = { x: 0, y: 0 }; // current point
  let start: Point = cur; // start of the current subpath
  let subpath: Subpath | undefined;
  let needNewSubpath = true; // after Z, the next drawing command implicitly starts a subpath at `start`
  let prevType = 0; // char code of the previous absolute command
  let prevCtrl: Point = cur;
  let command = 0; // char code of the last command letter, for implicit repeats
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0;

  const startSubpath = (at: Point) => {
    if (subpath) subpath.lastSegment = count - 1;
    subpath = { index: subpathCount++, start: at, firstSegment: count, lastSegment: count, closed: false };
    if (collect) subpaths.push(subpath);
    needNewSubpath = false;
  };

  let i = 0;
  while (i < n && isWsp(s.charCodeAt(i))) i++;
  if (i < n && (s.charCodeAt(i) | 32) !== 109 /* m */) {
    fail(i, `Path data must start with a moveto ("M" or "m"), found ${describeChar(s, i)}.`);
  }

  while (error === undefined && i < n) {
    const c = s.charCodeAt(i);
    const segStart = i;
    let implicit = false;
    let code: number;
    let argc = argCount(c & ~32);
    if (argc >= 0 && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      code = c;
      i++;
    } else if (command !== 0 && (command | 32) !== 122 /* z */ && startsNumber(c)) {
      implicit = true;
      code = command === 77 ? 76 : command === 109 ? 108 : command;
      argc = argCount(code & ~32);
    } else {
      fail(i, command !== 0 && (command | 32) === 122 && startsNumber(c)
        ? `A closepath ("${String.fromCharCode(command)}") takes no numbers; found ${describeChar(s, i)}.`
        : `Expected a path command letter or a number, found ${describeChar(s, i)}.`);
      break;
    }
    const upper = code & ~32;
    const relative = code !== upper;

    // Arguments: whitespace may follow the letter; commas only separate numbers.
    let end = i;
    for (let k = 0; k < argc; k++) {
      let ch = s.charCodeAt(i);
      if (k > 0 || !implicit) while (isWsp(ch)) ch = s.charCodeAt(++i);
      if (k > 0 && ch === 44) {
        ch = s.charCodeAt(++i);
        while (isWsp(ch)) ch = s.charCodeAt(++i);
      }
      let v: number;
      if (upper === 65 && (k === 3 || k === 4)) {
        if (ch !== 48 && ch !== 49) {
          const flag = k === 3 ? 'large-arc' : 'sweep';
          fail(i, i >= n ? `Path data ends inside an arc; expected the ${flag} flag (0 or 1).` : `The ${flag} flag of an arc must be 0 or 1, found ${describeChar(s, i)}.`);
          break;
        }
        v = ch - 48;
        i++;
      } else {
        v = readNumber(s, i);
        if (numberEnd === -1) {
          const letter = String.fromCharCode(code);
          fail(i, i >= n
            ? `Path data ends inside a ${COMMAND_NAMES[String.fromCharCode(upper)]} ("${letter}"): it needs ${argc} numbers, got ${k}.`
            : `Expected a number for ${COMMAND_NAMES[String.fromCharCode(upper)]} ("${letter}"), found ${describeChar(s, i)}.`);
          break;
        }
        if (v === Infinity || v === -Infinity) {
          fail(i, `The number ${s.slice(i, numberEnd)} is out of range.`);
          break;
        }
        i = numberEnd;
      }
      switch (k) {
        case 0: a0 = v; break;
        case 1: a1 = v; break;
        case 2: a2 = v; break;
        case 3: a3 = v; break;
        case 4: a4 = v; break;
        case 5: a5 = v; break;
        default: a6 = v;
      }
      end = i;
    }
    if (error !== undefined) break;
    if (upper === 90) end = segStart + 1;
    if (!build) {
      count++;
      prevType = upper;
      command = code;
      let ch = s.charCodeAt(i);
      while (isWsp(ch)) ch = s.charCodeAt(++i);
      if (upper !== 90 && ch === 44) {
        ch = s.charCodeAt(++i);
        while (isWsp(ch)) ch = s.charCodeAt(++i);
        if (i >= n) fail(i, 'Path data ends with a comma.');
      }
      continue;
    }

    const from = cur;
    const ox = relative ? cur.x : 0;
    const oy = relative ? cur.y : 0;
    if (upper !== 77 && needNewSubpath) startSubpath(start);
    const letter = String.fromCharCode(code);
    const index = count;
    let seg: Segment;
    switch (upper) {
      case 77: // M
        cur = { x: ox + a0, y: oy + a1 };
        start = cur;
        startSubpath(cur);
        seg = new Segment(index, letter, implicit, 'M', base + segStart, base + end, from, cur, EMPTY, subpath!);
        break;
      case 76: // L
        cur = { x: ox + a0, y: oy + a1 };
        seg = new Segment(index, letter, implicit, 'L', base + segStart, base + end, from, cur, EMPTY, subpath!);
        break;
      case 72: // H
        cur = { x: ox + a0, y: from.y };
        seg = new Segment(index, letter, implicit, 'H', base + segStart, base + end, from, cur, EMPTY, subpath!);
        break;
      case 86: // V
        cur = { x: from.x, y: oy + a0 };
        seg = new Segment(index, letter, implicit, 'V', base + segStart, base + end, from, cur, EMPTY, subpath!);
        break;
      case 67: case 83: { // C S
        let c1: Point;
        let c2: Point;
        if (upper === 67) {
          c1 = { x: ox + a0, y: oy + a1 };
          c2 = { x: ox + a2, y: oy + a3 };
          cur = { x: ox + a4, y: oy + a5 };
        } else {
          c1 = prevType === 67 || prevType === 83 ? { x: 2 * from.x - prevCtrl.x, y: 2 * from.y - prevCtrl.y } : from;
          c2 = { x: ox + a0, y: oy + a1 };
          cur = { x: ox + a2, y: oy + a3 };
        }
        prevCtrl = c2;
        seg = new Segment(index, letter, implicit, upper === 67 ? 'C' : 'S', base + segStart, base + end, from, cur, [c1, c2], subpath!);
        break;
      }
      case 81: case 84: { // Q T
        let c1: Point;
        if (upper === 81) {
          c1 = { x: ox + a0, y: oy + a1 };
          cur = { x: ox + a2, y: oy + a3 };
        } else {
          c1 = prevType === 81 || prevType === 84 ? { x: 2 * from.x - prevCtrl.x, y: 2 * from.y - prevCtrl.y } : from;
          cur = { x: ox + a0, y: oy + a1 };
        }
        prevCtrl = c1;
        seg = new Segment(index, letter, implicit, upper === 81 ? 'Q' : 'T', base + segStart, base + end, from, cur, [c1], subpath!);
        break;
      }
      case 65: // A
        cur = { x: ox + a5, y: oy + a6 };
        seg = new Segment(index, letter, implicit, 'A', base + segStart, base + end, from, cur, EMPTY, subpath!, [a0, a1, a2, a3 === 1, a4 === 1]);
        break;
      default: // Z
        cur = start;
        seg = new Segment(index, letter, implicit, 'Z', base + segStart, base + end, from, cur, EMPTY, subpath!);
        subpath!.closed = true;
        needNewSubpath = true;
    }
    if (collect) segments.push(seg);
    count++;
    prevType = upper;
    command = code;
    if (visit && visit(seg) === false) break;

    // Separators before the next command or implicit repeat.
    let ch = s.charCodeAt(i);
    while (isWsp(ch)) ch = s.charCodeAt(++i);
    if (upper !== 90 && ch === 44) {
      ch = s.charCodeAt(++i);
      while (isWsp(ch)) ch = s.charCodeAt(++i);
      if (i >= n) fail(i, 'Path data ends with a comma.');
    }
  }
  if (subpath) subpath.lastSegment = count - 1;
  return { segments, subpaths, error, count };
}

/**
 * Parses a polyline/polygon `points` list into a moveto and linetos (plus a
 * closing segment for a polygon). An odd number of coordinates is an error at
 * the unpaired one, which is dropped.
 */
export function parsePoints(points: string, base = 0, closed = false): ParsedPath {
  const { segments, subpaths, error } = scanPoints(points, base, closed, true);
  return error ? { segments, subpaths, error } : { segments, subpaths };
}

/** Checks a points list without keeping its segments; reports exactly the error parsePoints would. */
export function validatePoints(points: string, base = 0, closed = false): PathValidation {
  const { count, error } = scanPoints(points, base, closed, false);
  return error ? { segments: count, error } : { segments: count };
}

/** forEachPathSegment for a points list: the segments parsePoints would give, one at a time, none kept. */
export function forEachPointsSegment(points: string, base: number, closed: boolean, visit: SegmentVisitor): PathValidation {
  const { count, error } = scanPoints(points, base, closed, false, visit);
  return error ? { segments: count, error } : { segments: count };
}

function scanPoints(points: string, base: number, closed: boolean, collect: boolean, visit?: SegmentVisitor): ParsedPath & { count: number } {
  const s = String(points ?? '');
  const n = s.length;
  const segments: Segment[] = [];
  const subpaths: Subpath[] = [];
  let error: PathError | undefined;
  let i = 0;
  let prev: Point | undefined;
  let first: Point | undefined;
  let owner: Subpath | undefined;
  let count = 0;
  let lastEnd = 0;
  let stopped = false;
  const skip = (allowComma: boolean) => {
    while (i < n && isWsp(s.charCodeAt(i))) i++;
    if (allowComma && s.charCodeAt(i) === 44) {
      i++;
      while (i < n && isWsp(s.charCodeAt(i))) i++;
      return true;
    }
    return false;
  };
  const fail = (at: number, message: string) => {
    error = { message, offset: base + at, range: { start: base + at, end: base + Math.min(n, at + 1) } };
  };
  skip(false);
  while (i < n) {
    const start = i;
    const ex = scanNumber(s, i);
    if (ex === -1) { fail(i, `Expected a number, found ${describeChar(s, i)}.`); break; }
    const x = +s.slice(i, ex);
    i = ex;
    skip(true);
    const ey = scanNumber(s, i);
    if (ey === -1) {
      fail(i >= n ? start : i, i >= n ? 'Odd number of coordinates: this last one has no y and is ignored.' : `Expected a number, found ${describeChar(s, i)}.`);
      if (i >= n) error!.range = { start: base + start, end: base + ex };
      break;
    }
    const y = +s.slice(i, ey);
    i = ey;
    if (!Number.isFinite(x) || !Number.isFinite(y)) { fail(start, 'A coordinate is out of range.'); break; }
    const to = { x, y };
    const index = count;
    if (!owner) {
      first = to;
      owner = { index: 0, start: to, firstSegment: 0, lastSegment: 0, closed };
      if (collect) subpaths.push(owner);
    }
    if (collect || visit) {
      const seg = new Segment(index, index === 0 ? 'M' : 'L', true, index === 0 ? 'M' : 'L', base + start, base + i, prev ?? { x: 0, y: 0 }, to, EMPTY, owner);
      if (collect) segments.push(seg);
      if (visit && visit(seg) === false) { count++; stopped = true; break; }
    }
    count++;
    lastEnd = base + i;
    prev = to;
    const comma = skip(true);
    if (comma && i >= n) { fail(i, 'The list ends with a comma.'); break; }
  }
  if (!stopped && closed && first && prev && count > 1) {
    if (collect || visit) {
      const seg = new Segment(count, 'Z', true, 'Z', lastEnd, lastEnd, prev, first, EMPTY, owner!);
      if (collect) segments.push(seg);
      visit?.(seg);
    }
    count++;
  }
  if (owner) owner.lastSegment = count - 1;
  return { segments, subpaths, error, count };
}

/** Twice the signed area of a segment's contribution; exposed for the summary. */
function areaTerm(seg: PathSegment): number {
  return seg instanceof Segment ? seg.areaTerm() : 0;
}

export type Direction = 'clockwise' | 'counterclockwise' | 'none';

export interface SubpathSummary {
  index: number;
  /** Drawing segments (the moveto not counted). */
  segments: number;
  closed: boolean;
  /** Winding on screen (y pointing down), from the signed area of the subpath as filled (implicitly closed). */
  direction: Direction;
  /** Signed area: positive clockwise on screen. */
  area: number;
  length: number;
  bbox: BBox | undefined;
}

export interface PathSummary {
  segments: number;
  subpaths: number;
  closedSubpaths: number;
  /** True when there is at least one subpath and every one is closed. */
  closed: boolean;
  /** Union of the drawn segments' boxes; undefined when nothing is drawn. */
  bbox: BBox | undefined;
  length: number;
  subpathDetails: SubpathSummary[];
}

export function pathSummary(parsed: ParsedPath): PathSummary {
  const details: SubpathSummary[] = [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let length = 0;
  for (const sp of parsed.subpaths) {
    let sMinX = Infinity, sMinY = Infinity, sMaxX = -Infinity, sMaxY = -Infinity;
    let spLength = 0;
    let twiceArea = 0;
    let drawing = 0;
    let last: Point = sp.start;
    for (let k = sp.firstSegment; k <= sp.lastSegment; k++) {
      const seg = parsed.segments[k];
      if (seg.type === 'M') { last = seg.to; continue; }
      drawing++;
      const b = seg.bbox;
      if (b.minX < sMinX) sMinX = b.minX;
      if (b.minY < sMinY) sMinY = b.minY;
      if (b.maxX > sMaxX) sMaxX = b.maxX;
      if (b.maxY > sMaxY) sMaxY = b.maxY;
      spLength += seg.length;
      twiceArea += areaTerm(seg);
      last = seg.to;
    }
    twiceArea += lineAreaTerm(last, sp.start);
    const area = twiceArea / 2;
    const spBox = drawing ? { minX: sMinX, minY: sMinY, maxX: sMaxX, maxY: sMaxY } : undefined;
    const scale = spBox ? Math.max(sMaxX - sMinX, sMaxY - sMinY) : 0;
    const direction: Direction = drawing === 0 || Math.abs(area) <= 1e-9 * scale * scale ? 'none' : area > 0 ? 'clockwise' : 'counterclockwise';
    details.push({ index: sp.index, segments: drawing, closed: sp.closed, direction, area, length: spLength, bbox: spBox });
    if (spBox) {
      if (sMinX < minX) minX = sMinX;
      if (sMinY < minY) minY = sMinY;
      if (sMaxX > maxX) maxX = sMaxX;
      if (sMaxY > maxY) maxY = sMaxY;
    }
    length += spLength;
  }
  let closedSubpaths = 0;
  for (const d of details) if (d.closed) closedSubpaths++;
  return {
    segments: parsed.segments.length,
    subpaths: parsed.subpaths.length,
    closedSubpaths,
    closed: details.length > 0 && closedSubpaths === details.length,
    bbox: minX <= maxX ? { minX, minY, maxX, maxY } : undefined,
    length,
    subpathDetails: details,
  };
}

/**
 * The segment whose source span holds offset: from its first character up to
 * the next segment's (the separators after a segment belong to it). Past the
 * last segment only its own text and trailing separators count, and nothing at
 * or after an error.
 */
export function segmentAt(parsed: ParsedPath, offset: number, source?: { text: string; base: number }): PathSegment | undefined {
  const segs = parsed.segments;
  if (!segs.length || offset < segs[0].range.start) return undefined;
  if (parsed.error && offset >= parsed.error.offset) return undefined;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].range.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo];
  if (lo < segs.length - 1 || offset <= seg.range.end) return seg;
  if (!source) return undefined;
  // Trailing whitespace or a comma after the last segment still points at it.
  for (let p = seg.range.end - source.base; p < offset - source.base; p++) {
    const c = source.text.charCodeAt(p);
    if (!(isWsp(c) || c === 44)) return undefined;
  }
  return seg;
}
