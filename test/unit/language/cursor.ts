import { parseSvg } from '../../../src/core/svg/parse';
import { type SvgRegion, regionOf, wholeDocument } from '../../../src/core/language';

/** Text with "|" marking the cursor (none: offset 0): the text without it, the offset, and the whole-document region. */
export function at(marked: string): { text: string; offset: number; region: SvgRegion } {
  const bar = marked.indexOf('|');
  const offset = bar < 0 ? 0 : bar;
  const text = bar < 0 ? marked : marked.slice(0, bar) + marked.slice(bar + 1);
  return { text, offset, region: wholeDocument(parseSvg(text)) };
}

/** The same, with the SVG embedded in a host text between the markers "<svg" … "</svg>" (first block). */
export function inHost(marked: string): { text: string; offset: number; region: SvgRegion } {
  const { text, offset } = at(marked);
  const start = text.indexOf('<svg');
  const end = text.indexOf('</svg>', start) + 6;
  return { text, offset, region: regionOf(text, start, end) };
}

export function apply(text: string, edits: { range: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}
