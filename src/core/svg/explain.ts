// Plain-language explanations of path data, for the hover, the CLI's
// `explain` and the model prompts: one line per segment, a short summary per
// path, with numbers trimmed for reading.
import { parseSvg } from './parse';
import { findAt } from './query';
import { parsePathData, parsePoints, pathSummary, segmentAt, type BBox, type ParsedPath, type PathSegment, type PathSummary, type Point } from './path';
import type { SvgAttribute, SvgDocument, SvgElement } from './types';

const MINUS = '\u2212';

/**
 * Longest value explained: a hover or a CLI call on a hostile 40 MB path
 * must not build millions of segments (gigabytes). 4 M characters is four
 * times the 1 MB path the benchmarks explain within budget.
 */
export const MAX_EXPLAINED_CHARS = 4_000_000;

/** A number for reading: at most `decimals` decimals, trailing zeros trimmed, a real minus sign, no "−0". */
export function formatNumber(v: number, decimals = 2): string {
  if (!Number.isFinite(v)) return String(v);
  let s = v.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (/^-0$/.test(s)) s = '0';
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** A length or size: three significant digits for small values, whole numbers from 100 up. */
export function formatLength(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  const decimals = Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(a))));
  return formatNumber(v, decimals);
}

export function formatPoint(p: Point): string {
  return `(${formatNumber(p.x)}, ${formatNumber(p.y)})`;
}

function formatDegrees(radians: number): string {
  return `${formatNumber((radians * 180) / Math.PI, 1)}°`;
}

function formatBox(b: BBox): string {
  return `from ${formatPoint({ x: b.minX, y: b.minY })} to ${formatPoint({ x: b.maxX, y: b.maxY })} (${formatLength(b.maxX - b.minX)} × ${formatLength(b.maxY - b.minY)})`;
}

/** Which way the control points pull a curve off its chord, in screen terms (y grows downward). */
function bend(from: Point, to: Point, controls: readonly Point[]): string {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const chord = Math.hypot(dx, dy);
  const list = controls.map(formatPoint).join(' and ');
  if (chord === 0) return `looping out toward ${list}`;
  const offsets = controls.map((c) => ((c.x - from.x) * dy - (c.y - from.y) * dx) / chord);
  if (offsets.every((o) => Math.abs(o) <= 1e-9 * chord)) return `straight, with ${controls.length > 1 ? 'controls' : 'its control'} on the line at ${list}`;
  if (offsets.some((o) => o > 1e-9 * chord) && offsets.some((o) => o < -1e-9 * chord)) return `S-shaped, bending through ${list}`;
  // Mean perpendicular displacement of the controls from the chord.
  let px = 0;
  let py = 0;
  for (const c of controls) {
    const t = ((c.x - from.x) * dx + (c.y - from.y) * dy) / (chord * chord);
    px += c.x - (from.x + t * dx);
    py += c.y - (from.y + t * dy);
  }
  const way = Math.abs(py) >= Math.abs(px) ? (py < 0 ? 'up' : 'down') : px < 0 ? 'left' : 'right';
  return `pulled ${way} toward ${list}`;
}

/** One line describing a segment, e.g. "Cubic Bézier from (4, 4) to (20, 4), pulled up toward (8, −2) and (16, −2); length 17.1". */
export function explainSegment(seg: PathSegment): string {
  const from = formatPoint(seg.from);
  const to = formatPoint(seg.to);
  const length = `length ${formatLength(seg.length)}`;
  switch (seg.type) {
    case 'M':
      return `Move to ${to}, starting subpath ${seg.subpath + 1}${seg.index > 0 ? ` (pen lifted at ${from})` : ''}`;
    case 'L':
      return `Line from ${from} to ${to}; ${length}`;
    case 'H':
      return `Horizontal line from ${from} to ${to}; ${length}`;
    case 'V':
      return `Vertical line from ${from} to ${to}; ${length}`;
    case 'C':
      return `Cubic Bézier from ${from} to ${to}, ${bend(seg.from, seg.to, seg.controls)}; ${length}`;
    case 'S':
      return `Smooth cubic Bézier from ${from} to ${to}, ${bend(seg.from, seg.to, seg.controls)} (the first control mirrors the previous curve's); ${length}`;
    case 'Q':
      return `Quadratic Bézier from ${from} to ${to}, ${bend(seg.from, seg.to, seg.controls)}; ${length}`;
    case 'T':
      return `Smooth quadratic Bézier from ${from} to ${to}, ${bend(seg.from, seg.to, seg.controls)} (the control mirrors the previous curve's); ${length}`;
    case 'A':
      return explainArc(seg, from, to, length);
    default: {
      const start = formatPoint(seg.to);
      return seg.length === 0 ? `Close path at ${start} (already at the subpath's start)` : `Close path: line from ${from} back to the start ${start}; ${length}`;
    }
  }
}

function explainArc(seg: PathSegment, from: string, to: string, length: string): string {
  const arc = seg.arc!;
  if (arc.kind === 'omitted') return `Arc that starts and ends at ${from}, so nothing is drawn`;
  if (arc.kind === 'line') return `Arc with a zero radius, drawn as a straight line from ${from} to ${to}; ${length}`;
  const circle = arc.radiusX === arc.radiusY;
  const written = circle ? `radius ${formatLength(arc.rx)}` : `radii ${formatLength(arc.rx)} × ${formatLength(arc.ry)}`;
  const rotation = !circle && arc.rotation % 180 !== 0 ? ` rotated ${formatNumber(arc.rotation, 1)}°` : '';
  const radius = arc.corrected
    ? `${written}${rotation}, scaled up to ${circle ? formatLength(arc.radiusX) : `${formatLength(arc.radiusX)} × ${formatLength(arc.radiusY)}`} to reach the end point`
    : `${written}${rotation}`;
  const turn = arc.deltaAngle > 0 ? 'clockwise' : 'counter-clockwise';
  return `${circle ? 'Circular' : 'Elliptical'} arc from ${from} to ${to}, ${radius}, centered at ${formatPoint(arc.center)}, turning ${turn} through ${formatDegrees(Math.abs(arc.deltaAngle))}; ${length}`;
}

const MAX_LISTED_SUBPATHS = 6;

/** A few sentences about a whole path: segments, subpaths (closed or open, winding), bounding box, length. */
export function explainPath(summary: PathSummary, parsed?: ParsedPath): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (!summary.segments) return parsed?.error ? `Empty path: ${parsed.error.message}` : 'Empty path: nothing is drawn.';
  const closedPart = summary.subpaths === 1
    ? (summary.closed ? 'closed' : 'open')
    : summary.closedSubpaths === summary.subpaths ? 'all closed' : summary.closedSubpaths === 0 ? 'all open' : `${summary.closedSubpaths} closed`;
  const parts = [`${plural(summary.segments, 'segment')} in ${plural(summary.subpaths, 'subpath')} (${closedPart})`];
  const listed = summary.subpathDetails.slice(0, MAX_LISTED_SUBPATHS).map((d) => {
    const way = d.direction === 'clockwise' ? 'clockwise' : 'counter-clockwise';
    // An open subpath is still filled as if closed: its winding is the fill's.
    const winding = d.direction === 'none' ? 'encloses no area' : d.closed ? way : `${way} as filled`;
    return `subpath ${d.index + 1}: ${plural(d.segments, 'segment')}, ${d.closed ? 'closed' : 'open'}, ${winding}`;
  });
  if (summary.subpathDetails.length > MAX_LISTED_SUBPATHS) listed.push(`and ${summary.subpathDetails.length - MAX_LISTED_SUBPATHS} more`);
  const sentences = [`${parts[0]}; ${listed.join('; ')}.`];
  sentences.push(summary.bbox ? `Bounding box ${formatBox(summary.bbox)}.` : 'Nothing is drawn (only movetos).');
  sentences.push(`Total length ${formatLength(summary.length)}.`);
  if (parsed?.error) sentences.push(`Stops at an error: ${parsed.error.message}`);
  return sentences.join(' ');
}

// ── explain at a position ─────────────────────────────────────────────

export type PointTuple = [number, number];

/** A bounding box the way SVG's getBBox() reports it. */
export interface BoxJson {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SegmentExplanation {
  index: number;
  command: string;
  absolute: { from: PointTuple; to: PointTuple; controls?: PointTuple[] };
  length: number;
  bbox: BoxJson;
  text: string;
}

export interface PathExplanation {
  segments: number;
  subpaths: number;
  closed: boolean;
  bbox: BoxJson | null;
  length: number;
  text: string;
}

/** The answer of `svg-copilot explain`. */
export interface ExplainResult {
  /** Name of the element at the position; null outside every element. */
  element: string | null;
  /** Name of the attribute at the position; null when not on one. */
  attribute: string | null;
  segment?: SegmentExplanation;
  path?: PathExplanation;
  /** Only when a path is there but not explained (too long), saying why. */
  note?: string;
}

/** Parsed path data with its summary, kept for repeated lookups (hover asks again and again on the same text). */
export class PathAnalysis {
  private cachedSummary: PathSummary | undefined;
  private cachedExplanation: PathExplanation | undefined;

  /** parsed has offsets relative to the start of the value. */
  constructor(readonly value: string, readonly parsed: ParsedPath) {}

  get summary(): PathSummary {
    return (this.cachedSummary ??= pathSummary(this.parsed));
  }

  segmentAt(relativeOffset: number): PathSegment | undefined {
    return segmentAt(this.parsed, relativeOffset, { text: this.value, base: 0 });
  }

  explanation(): PathExplanation {
    if (this.cachedExplanation) return this.cachedExplanation;
    const s = this.summary;
    return (this.cachedExplanation = {
      segments: s.segments, subpaths: s.subpaths, closed: s.closed,
      bbox: s.bbox ? toBoxJson(s.bbox) : null, length: s.length, text: explainPath(s, this.parsed),
    });
  }
}

/** Which attributes carry geometry this module explains. */
export type GeometryKind = 'd' | 'points' | 'polygon-points';

export function geometryKind(elementName: string, attributeName: string): GeometryKind | undefined {
  const local = elementName.slice(elementName.indexOf(':') + 1);
  if (attributeName === 'd') return 'd';
  if (attributeName === 'points' && (local === 'polyline' || local === 'polygon')) return local === 'polygon' ? 'polygon-points' : 'points';
  return undefined;
}

/** Analyses kept for repeated lookups: a few values, and no more than this many characters of them in all. */
const CACHE_SIZE = 8;
const CACHE_CHARS = 2 * MAX_EXPLAINED_CHARS;
const analyses = new Map<string, PathAnalysis>();
let cachedChars = 0;

/** Cached analysis of a d/points value (least recently used goes first). */
export function analyzeGeometry(value: string, kind: GeometryKind): PathAnalysis {
  const key = kind + '\u0000' + value;
  const hit = analyses.get(key);
  if (hit) {
    analyses.delete(key);
    analyses.set(key, hit);
    return hit;
  }
  const parsed = kind === 'd' ? parsePathData(value, 0) : parsePoints(value, 0, kind === 'polygon-points');
  const analysis = new PathAnalysis(value, parsed);
  analyses.set(key, analysis);
  cachedChars += value.length;
  while (analyses.size > 1 && (analyses.size > CACHE_SIZE || cachedChars > CACHE_CHARS)) {
    const [oldestKey, oldest] = analyses.entries().next().value!;
    analyses.delete(oldestKey);
    cachedChars -= oldest.value.length;
  }
  return analysis;
}

let lastDocument: SvgDocument | undefined;
/** Repeated lookups in an unchanged document skip even hashing the value. */
const byAttribute = new WeakMap<SvgAttribute, PathAnalysis>();

/** Parses text, reusing the last result when the text is unchanged. */
export function parseCached(text: string): SvgDocument {
  if (lastDocument && lastDocument.text === text) return lastDocument;
  return (lastDocument = parseSvg(typeof text === 'string' ? text : String(text ?? '')));
}

function tuple(p: Point): PointTuple {
  return [p.x, p.y];
}

export function toBoxJson(b: BBox): BoxJson {
  return { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY };
}

export function segmentExplanation(seg: PathSegment): SegmentExplanation {
  const absolute: SegmentExplanation['absolute'] = { from: tuple(seg.from), to: tuple(seg.to) };
  if (seg.controls.length) absolute.controls = seg.controls.map(tuple);
  return { index: seg.index, command: seg.command, absolute, length: seg.length, bbox: toBoxJson(seg.bbox), text: explainSegment(seg) };
}

function clampOffset(offset: number, length: number): number {
  return Number.isFinite(offset) ? Math.max(0, Math.min(length, Math.floor(offset))) : 0;
}

/** The path geometry under an offset, for callers that need ranges (the hover) as well as explanations. */
export interface PathAt {
  document: SvgDocument;
  element: SvgElement;
  attribute: SvgAttribute;
  kind: GeometryKind;
  /** Undefined when the value is too long to explain (see note). */
  analysis: PathAnalysis | undefined;
  /** The segment under the offset; its range is relative to the attribute value's start. */
  segment: PathSegment | undefined;
  /** Why there is no analysis. */
  note?: string;
}


/**
 * The `d` or polyline/polygon `points` value at offset (on the value or the
 * attribute's name), with the segment under the offset when it is inside the
 * value. Undefined anywhere else.
 */
export function pathAt(text: string, offset: number): PathAt | undefined {
  const document = parseCached(text);
  offset = clampOffset(offset, document.text.length);
  const { element, attribute } = findAt(document, offset);
  if (!element || !attribute) return undefined;
  const kind = geometryKind(element.name, attribute.name);
  if (!kind) return undefined;
  if (attribute.value.length > MAX_EXPLAINED_CHARS) {
    const note = `The ${attribute.name} value is ${attribute.value.length.toLocaleString('en-US')} characters long; explanations stop at ${MAX_EXPLAINED_CHARS.toLocaleString('en-US')}.`;
    return { document, element, attribute, kind, analysis: undefined, segment: undefined, note };
  }
  let analysis = byAttribute.get(attribute);
  if (!analysis) byAttribute.set(attribute, (analysis = analyzeGeometry(attribute.value, kind)));
  const inValue = offset >= attribute.valueRange.start && offset <= attribute.valueRange.end;
  // With entity references the value's offsets no longer match the source, so no segment can be pointed at.
  const segment = inValue && !attribute.hasReferences ? analysis.segmentAt(offset - attribute.valueRange.start) : undefined;
  return { document, element, attribute, kind, analysis, segment };
}

/**
 * What is at offset in an SVG document: the element and attribute, and on a
 * `d` or polyline/polygon `points` value, the segment under the offset and a
 * summary of the whole path. On the attribute's name, only the path.
 */
export function explainAt(text: string, offset: number): ExplainResult {
  const at = pathAt(text, offset);
  if (!at) {
    const document = parseCached(text);
    const { element, attribute } = findAt(document, clampOffset(offset, document.text.length));
    return { element: element?.name ?? null, attribute: attribute?.name ?? null };
  }
  const result: ExplainResult = { element: at.element.name, attribute: at.attribute.name };
  if (!at.analysis) {
    result.note = at.note;
    return result;
  }
  if (at.segment) result.segment = segmentExplanation(at.segment);
  result.path = at.analysis.explanation();
  return result;
}

/** The segment alone as path data ("M x y C …") in the element's coordinates, for drawing it over a render. */
export function standaloneSegment(seg: PathSegment): string {
  const n = (v: number) => String(v);
  const p = (pt: Point) => `${n(pt.x)} ${n(pt.y)}`;
  const start = `M${p(seg.from)}`;
  switch (seg.type) {
    case 'M': return `M${p(seg.to)}`;
    case 'C': case 'S': return `${start} C${p(seg.controls[0])} ${p(seg.controls[1])} ${p(seg.to)}`;
    case 'Q': case 'T': return `${start} Q${p(seg.controls[0])} ${p(seg.to)}`;
    case 'A': {
      const a = seg.arc!;
      return `${start} A${n(a.rx)} ${n(a.ry)} ${n(a.rotation)} ${a.largeArc ? 1 : 0} ${a.sweep ? 1 : 0} ${p(seg.to)}`;
    }
    default: return `${start} L${p(seg.to)}`;
  }
}
