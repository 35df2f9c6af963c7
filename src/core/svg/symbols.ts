// A sprite: a file of <symbol>s (icon sets referenced with <use href="file.svg#id">).
// Each symbol is drawn on its own as a small standalone SVG that keeps the whole
// original document in <defs> (so gradients, clip paths and other symbols it
// refers to still resolve) and shows just that symbol with <use>.
import { allElements, attributeValue } from './query';
import type { Range, SvgDocument, SvgElement } from './types';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** Elements that draw nothing by themselves where they stand. */
const NON_RENDERING = new Set(['defs', 'symbol', 'title', 'desc', 'metadata', 'style', 'script', 'linearGradient', 'radialGradient', 'pattern', 'clipPath', 'mask', 'filter', 'marker']);

export interface SpriteSymbol {
  /** The symbol's id ('' when it has none: it cannot be used from outside, but is still shown). */
  id: string;
  /** The <symbol> element in the source. */
  range: Range;
  viewBox?: string;
  /** A standalone SVG that draws only this symbol. */
  svg: string;
}

function localName(el: SvgElement): string {
  return el.name.includes(':') ? el.name.slice(el.name.indexOf(':') + 1) : el.name;
}

/** The symbols of a document, in source order. */
export function spriteSymbols(doc: SvgDocument): SpriteSymbol[] {
  const root = doc.root;
  if (!root) return [];
  const symbols = [...allElements(root)].filter((el) => localName(el) === 'symbol');
  if (!symbols.length) return [];
  const text = doc.text;
  const inner = { start: root.startTagRange.end, end: Math.max(root.startTagRange.end, root.endTagRange?.start ?? root.startTagRange.end) };
  // Everything but the symbols (gradients, clip paths, styles…), once: each symbol's copy carries only
  // this and the symbols it uses, so a sprite of n symbols does not send n copies of the whole file.
  const outermost = symbols.filter((el) => !hasSymbolAncestor(el));
  let shared = '';
  let at = inner.start;
  for (const el of outermost) {
    if (el.range.start < at) continue;
    shared += text.slice(at, el.range.start);
    at = el.range.end;
  }
  shared += text.slice(at, inner.end);
  const byId = new Map<string, SvgElement>();
  for (const el of symbols) {
    const id = attributeValue(el, 'id');
    if (id && !byId.has(id)) byId.set(id, el);
  }
  const rootViewBox = attributeValue(root, 'viewBox');
  return symbols.map((el, i) => {
    const id = attributeValue(el, 'id') ?? '';
    const viewBox = attributeValue(el, 'viewBox');
    const box = viewBox ?? rootViewBox;
    // A symbol without an id gets one in this copy only, so <use> can reach it.
    const ref = id || `svg-copilot-symbol-${i}`;
    let own = text.slice(el.range.start, el.range.end);
    if (!id) {
      const nameEnd = el.startTagRange.start + 1 + el.name.length - el.range.start;
      own = `${own.slice(0, nameEnd)} id="${ref}"${own.slice(nameEnd)}`;
    }
    const used = usedSymbols(el, text, byId).map((u) => text.slice(u.range.start, u.range.end)).join('');
    const svg = `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}"${box ? ` viewBox="${escapeAttr(box)}"` : ''}><defs>${shared}${own}${used}</defs>`
      + `<use href="#${escapeAttr(ref)}" xlink:href="#${escapeAttr(ref)}" width="100%" height="100%"/></svg>`;
    return { id, range: el.range, ...(viewBox !== undefined ? { viewBox } : {}), svg };
  });
}

function hasSymbolAncestor(el: SvgElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (localName(p) === 'symbol') return true;
  return false;
}

/** Other symbols a symbol refers to (#id in href or url()), transitively, outermost ones only. */
function usedSymbols(start: SvgElement, text: string, byId: ReadonlyMap<string, SvgElement>): SvgElement[] {
  const seen = new Set<SvgElement>([start]);
  const out: SvgElement[] = [];
  const queue = [start];
  while (queue.length) {
    const el = queue.shift()!;
    for (const m of text.slice(el.range.start, el.range.end).matchAll(/#([\w.:-]+)/g)) {
      const target = byId.get(m[1]);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      // A symbol inside one already copied comes with it.
      if (target.range.start >= start.range.start && target.range.end <= start.range.end) continue;
      out.push(target);
      queue.push(target);
    }
  }
  return out;
}

/** A document is a sprite when it has symbols and draws nothing outside them. */
export function isSprite(doc: SvgDocument): boolean {
  const root = doc.root;
  if (!root) return false;
  let symbols = 0;
  const drawsOutside = (el: SvgElement): boolean => {
    for (const c of el.children) {
      if (c.kind !== 'element') continue;
      const name = localName(c);
      if (name === 'symbol') { symbols++; continue; }
      if (NON_RENDERING.has(name)) {
        if (name === 'defs') for (const d of c.children) if (d.kind === 'element' && localName(d) === 'symbol') symbols++;
        continue;
      }
      if (name === 'g' ? drawsOutside(c) : true) return true;
    }
    return false;
  };
  return !drawsOutside(root) && symbols > 0;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
