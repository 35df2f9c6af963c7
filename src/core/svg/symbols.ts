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
  const inner = root.startTagRange.end <= (root.endTagRange?.start ?? root.startTagRange.end)
    ? doc.text.slice(root.startTagRange.end, root.endTagRange?.start ?? root.startTagRange.end)
    : '';
  const rootViewBox = attributeValue(root, 'viewBox');
  return symbols.map((el, i) => {
    const id = attributeValue(el, 'id') ?? '';
    const viewBox = attributeValue(el, 'viewBox');
    const box = viewBox ?? rootViewBox;
    // A symbol without an id gets one in this copy only, so <use> can reach it.
    const ref = id || `svg-copilot-symbol-${i}`;
    const at = el.startTagRange.start + 1 + el.name.length - root.startTagRange.end;
    const defs = id ? inner : `${inner.slice(0, at)} id="${ref}"${inner.slice(at)}`;
    const svg = `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}"${box ? ` viewBox="${escapeAttr(box)}"` : ''}><defs>${defs}</defs>`
      + `<use href="#${escapeAttr(ref)}" xlink:href="#${escapeAttr(ref)}" width="100%" height="100%"/></svg>`;
    return { id, range: el.range, ...(viewBox !== undefined ? { viewBox } : {}), svg };
  });
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
