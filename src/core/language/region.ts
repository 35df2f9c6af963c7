// A region: the part of a host text that holds one SVG document. A whole .svg
// file is one region at base 0; an <svg> block inside HTML, JSX, Vue or
// Markdown is a region at the offset where the block starts.
import { parseSvg } from '../svg/parse';
import type { Range, SvgDocument } from '../svg/types';

export interface SvgRegion {
  /** The parse of the region's text alone: its offset 0 is the region's first character. */
  readonly document: SvgDocument;
  /** Offset (UTF-16 units) of the region's first character in the host text. */
  readonly base: number;
}

/** A whole SVG file as one region. */
export function wholeDocument(document: SvgDocument): SvgRegion {
  return { document, base: 0 };
}

/** The SVG between host offsets [start, end), parsed (pass a cached parse to reuse one). */
export function regionOf(hostText: string, start: number, end: number, parse: (text: string) => SvgDocument = parseSvg): SvgRegion {
  const s = Math.max(0, Math.min(hostText.length, start));
  const e = Math.max(s, Math.min(hostText.length, end));
  return { document: parse(hostText.slice(s, e)), base: s };
}

/** A host offset as an offset into the region's text, or undefined when it lies outside the region. */
export function toLocal(region: SvgRegion, hostOffset: number): number | undefined {
  const local = hostOffset - region.base;
  return local >= 0 && local <= region.document.text.length ? local : undefined;
}

/** A region range as a host range. */
export function toHost(region: SvgRegion, range: Range): Range {
  return { start: range.start + region.base, end: range.end + region.base };
}

/** A host edit: replace [range) with text. */
export interface TextEdit {
  range: Range;
  newText: string;
}
