// Document symbols (outline and breadcrumbs): the root <svg>, every <g>,
// <defs> and <symbol>, and every element with an id or a class, nested as in
// the document; elements that are none of these are skipped and their
// symbols attach to the nearest listed ancestor.
import type { Range, SvgElement, SvgNode } from '../svg/types';
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

/** Symbols of the region, outermost first; iterative, so any nesting depth works. */
export function documentSymbols(region: SvgRegion): SvgSymbol[] {
  const top: SvgSymbol[] = [];
  // Each entry: a node to visit and the list its symbol (or its children's) goes into.
  const stack: { node: SvgNode; into: SvgSymbol[] }[] = [];
  const children = region.document.children;
  for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], into: top });
  while (stack.length) {
    const { node, into } = stack.pop()!;
    if (node.kind !== 'element') continue;
    const symbol = symbolOf(region, node);
    let next = into;
    if (symbol) {
      into.push(symbol);
      next = symbol.children;
    }
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].kind === 'element') stack.push({ node: kids[i], into: next });
  }
  return top;
}

function symbolOf(region: SvgRegion, el: SvgElement): SvgSymbol | undefined {
  let id: string | undefined;
  let idRange: Range | undefined;
  let cls: string | undefined;
  for (const a of el.attributes) {
    if (a.name === 'id') { id = a.value; idRange = a.valueRange; }
    else if (a.name === 'class') cls = a.value;
  }
  const classes = cls?.trim() ? cls.trim().split(/\s+/) : [];
  if (id === undefined && !classes.length && !GROUPING.has(el.name)) return undefined;
  let name = `<${el.name}>`;
  if (id) name += ` #${id}`;
  for (const c of classes) name += ` .${c}`;
  const nameStart = el.startTagRange.start + 1;
  const selection = idRange && id ? idRange : { start: nameStart, end: nameStart + el.name.length };
  return { name, element: el.name, range: toHost(region, el.range), selectionRange: toHost(region, selection), children: [] };
}
