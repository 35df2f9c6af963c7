// Small, iterative lookups over the document model (no recursion: trees can be
// hundreds of thousands of levels deep).
import type { SvgAttribute, SvgDocument, SvgElement, SvgNode } from './types';

/** Every element in document order (pre-order). */
export function* allElements(doc: SvgDocument | SvgElement): Generator<SvgElement> {
  const stack: SvgNode[] = [];
  const children = doc.children;
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind !== 'element') continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** Calls visit for every element in document order; faster than the generator for hot paths. */
export function forEachElement(doc: SvgDocument | SvgElement, visit: (el: SvgElement) => void): void {
  const stack: SvgNode[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) stack.push(doc.children[i]);
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind !== 'element') continue;
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** First attribute with this qualified name, as written. */
export function getAttribute(el: SvgElement, name: string): SvgAttribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

export function attributeValue(el: SvgElement, name: string): string | undefined {
  return getAttribute(el, name)?.value;
}

/** Index of the child whose range contains offset (children are in source order, ranges disjoint), or -1. */
function childAt(children: SvgNode[], offset: number): number {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = children[mid].range;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * The innermost element whose source range contains offset. An element still
 * open at the end of the document also owns the end offset, so a cursor after
 * the last typed character finds it.
 */
export function elementAt(doc: SvgDocument, offset: number): SvgElement | undefined {
  let found: SvgElement | undefined;
  let children = doc.children;
  for (;;) {
    let i = childAt(children, offset);
    if (i === -1 && offset === doc.text.length && children.length) {
      const last = children[children.length - 1];
      if (last.kind === 'element' && !last.closed && last.range.end === offset) i = children.length - 1;
    }
    if (i === -1) return found;
    const node = children[i];
    if (node.kind !== 'element') return found;
    found = node;
    // Offsets inside the start tag belong to this element, not to a child.
    if (offset < node.startTagRange.end) return found;
    children = node.children;
  }
}

/**
 * The attribute of el at offset: its range contains offset, or offset is at
 * the end of its value (a cursor right after the last character typed).
 */
export function attributeAt(el: SvgElement, offset: number): SvgAttribute | undefined {
  const attrs = el.attributes;
  let lo = 0;
  let hi = attrs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = attrs[mid];
    if (offset < a.range.start) hi = mid - 1;
    else if (offset >= a.range.end && offset !== a.valueRange.end) lo = mid + 1;
    else return a;
  }
  return undefined;
}

export interface NodeAt {
  element: SvgElement | undefined;
  attribute: SvgAttribute | undefined;
}

export function findAt(doc: SvgDocument, offset: number): NodeAt {
  const element = elementAt(doc, offset);
  const inStartTag = element && (offset < element.startTagRange.end || offset === doc.text.length);
  const attribute = inStartTag ? attributeAt(element, offset) : undefined;
  return { element, attribute };
}

/**
 * XPath-like location of an element, e.g. "/svg/g[2]/path": a 1-based index
 * is added where siblings share the name.
 */
export function elementPath(el: SvgElement): string {
  const parts: string[] = [];
  for (let e: SvgElement | undefined = el; e; e = e.parent) {
    const siblings: SvgNode[] = e.parent ? e.parent.children : [];
    let index = 0;
    let count = 0;
    for (const s of siblings) {
      if (s.kind !== 'element' || s.name !== e.name) continue;
      count++;
      if (s === e) index = count;
    }
    parts.push(count > 1 ? `${e.name}[${index}]` : e.name);
  }
  return '/' + parts.reverse().join('/');
}
