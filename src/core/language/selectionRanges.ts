// Selection ranges ("Expand Selection"): from the word under the cursor out
// through the attribute value, the attribute, the start tag, the element, and
// each enclosing element to the root.
import { attributeAt, elementAt } from '../svg/query';
import type { Range } from '../svg/types';
import { type SvgRegion, toHost, toLocal } from './region';

const WORD_CHAR = /[^\s"'<>=;,()]/;

/** Ranges around a host offset, innermost first, each containing the one before (host offsets). */
export function selectionRanges(region: SvgRegion, hostOffset: number): Range[] {
  const o = toLocal(region, hostOffset);
  if (o === undefined) return [];
  const doc = region.document;
  const t = doc.text;
  const out: Range[] = [];
  const add = (r: Range): void => {
    const last = out[out.length - 1];
    if (r.start > o || r.end < o) return;
    if (last && (r.start > last.start || r.end < last.end)) return;
    if (last && r.start === last.start && r.end === last.end) return;
    out.push(r);
  };
  let el = elementAt(doc, o);
  if (el && o < el.startTagRange.end) {
    const a = attributeAt(el, o);
    if (a) {
      const v = a.valueRange;
      if (v.start <= o && o <= v.end && v.start > a.nameRange.end) {
        let s = o;
        let e = o;
        while (s > v.start && WORD_CHAR.test(t[s - 1])) s--;
        while (e < v.end && WORD_CHAR.test(t[e])) e++;
        if (e > s) add({ start: s, end: e });
        add(v);
      } else if (o <= a.nameRange.end) {
        add(a.nameRange);
      }
      add(a.range);
    } else if (o <= el.startTagRange.start + 1 + el.name.length && o > el.startTagRange.start) {
      add({ start: el.startTagRange.start + 1, end: el.startTagRange.start + 1 + el.name.length });
    }
    add(el.startTagRange);
  } else if (el && el.endTagRange && o >= el.endTagRange.start) {
    add(el.endTagRange);
  } else if (el) {
    // In content: the text node under the cursor, trimmed, then the content between the tags.
    for (const c of el.children) {
      if (c.kind !== 'element' && c.range.start <= o && o <= c.range.end) {
        const raw = t.slice(c.range.start, c.range.end);
        const lead = raw.length - raw.trimStart().length;
        const trail = raw.length - raw.trimEnd().length;
        if (raw.trim()) add({ start: c.range.start + lead, end: c.range.end - trail });
        add(c.range);
      }
    }
    if (el.endTagRange) add({ start: el.startTagRange.end, end: el.endTagRange.start });
  }
  for (; el; el = el.parent) {
    if (el.endTagRange && el.startTagRange.end <= o && o <= el.endTagRange.start) add({ start: el.startTagRange.end, end: el.endTagRange.start });
    add(el.range);
  }
  add({ start: 0, end: t.length });
  return out.map((r) => toHost(region, r));
}
