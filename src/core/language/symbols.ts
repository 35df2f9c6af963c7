// Document symbols (outline and breadcrumbs): the root <svg>, every <g>,
// <defs> and <symbol>, and every element with an id or a class, nested as in
// the document; elements that are none of these are skipped and their
// symbols attach to the nearest listed ancestor.
import type { Range, SvgAttribute, SvgDocument, SvgElement, SvgNode } from '../svg/types';
import { type SvgRegion, toHost } from './region';

export interface SvgSymbol {
  /** "<g> #layer .icon": the tag, then the id and classes when present. */
  name: string;
  /** The element's name. */
  element: string;
  /** Whole element (host offsets). */
  range: Range;
  /** The start tag's name, or the id value when there is one (host offsets). */
  selectionRange: Range;
  children: SvgSymbol[];
}

const GROUPING = new Set(['svg', 'g', 'defs', 'symbol']);

/**
 * Symbols already made, by parse and region base: the outline, breadcrumbs
 * and sticky scroll each ask for them again and again while the document
 * stays unchanged. Callers must not change what they get.
 */
const made = new WeakMap<SvgDocument, { base: number; symbols: SvgSymbol[] }>();

/** Symbols of the region, outermost first (made once per parse). */
export function documentSymbols(region: SvgRegion): SvgSymbol[] {
  const hit = made.get(region.document);
  if (hit && hit.base === region.base) return hit.symbols;
  const symbols = makeSymbols(region);
  made.set(region.document, { base: region.base, symbols });
  return symbols;
}

/** Walks the region; iterative, so any nesting depth works. */
export function makeSymbols(region: SvgRegion): SvgSymbol[] {
  const top: SvgSymbol[] = [];
  // Two parallel stacks: an element to visit and the list its symbol (or its children's) goes into.
  const nodes: SvgElement[] = [];
  const lists: SvgSymbol[][] = [];
  const pushChildren = (children: readonly SvgNode[], into: SvgSymbol[]): void => {
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c.kind === 'element') { nodes.push(c); lists.push(into); }
    }
  };
  pushChildren(region.document.children, top);
  while (nodes.length) {
    const el = nodes.pop()!;
    const into = lists.pop()!;
    const symbol = symbolOf(region, el);
    if (symbol) into.push(symbol);
    if (el.children.length) pushChildren(el.children, symbol ? symbol.children : into);
  }
  return top;
}

function symbolOf(region: SvgRegion, el: SvgElement): SvgSymbol | undefined {
  let idAttribute: SvgAttribute | undefined;
  let cls: string | undefined;
  const attributes = el.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const name = attributes[i].name;
    if (name === 'id') idAttribute = attributes[i];
    else if (name === 'class') cls = attributes[i].value;
  }
  const id = idAttribute?.value;
  const classes = cls?.trim() ? cls.trim().split(/\s+/) : [];
  if (id === undefined && !classes.length && !GROUPING.has(el.name)) return undefined;
  let name = `<${el.name}>`;
  if (id) name += ` #${id}`;
  for (const c of classes) name += ` .${c}`;
  const nameStart = el.startTagRange.start + 1;
  const selection = idAttribute && id ? idAttribute.valueRange : { start: nameStart, end: nameStart + el.name.length };
  return { name, element: el.name, range: toHost(region, el.range), selectionRange: toHost(region, selection), children: [] };
}
