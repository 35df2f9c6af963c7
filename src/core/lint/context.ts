// Everything the rules need about one document, computed once per lint run so
// that no rule walks the tree or re-parses a value another rule already did.
import type { Range, SvgAttribute, SvgDocument, SvgElement, SvgText } from '../svg/types';
import {
  forEachPathSegment, forEachPointsSegment, parsePathData, parsePoints, validatePathData, validatePoints,
  type ParsedPath, type PathValidation, type SegmentVisitor,
} from '../svg/path';
import { parseStyle, type Declaration } from './values/style';
import { localId, scanUrls } from './values/urlRefs';
import { isViewBox, parseViewBox, type ViewBox } from './values/viewBox';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Elements whose content is only drawn when referenced (never in place). */
const TEMPLATE_ELEMENTS = new Set([
  'defs', 'symbol', 'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'filter', 'font', 'glyph',
]);

interface NamespaceScope {
  /** Default namespace; undefined when nothing declared one (treated as SVG, the missing xmlns is its own finding). */
  defaultNs: string | undefined;
  prefixes: ReadonlyMap<string, string>;
}

export interface ElementInfo {
  el: SvgElement;
  /** Position in document order (index into LintContext.elements). */
  index: number;
  /** Local name when the element is in the SVG namespace, '' otherwise. */
  name: string;
  parent: ElementInfo | undefined;
  /** Child elements; leaves share one empty array. */
  children: readonly ElementInfo[];
  /** Inside (or itself) an element that is only drawn by reference: defs, symbol, clipPath, mask, gradients… */
  template: boolean;
  /** Inside foreignObject or an element of another namespace. */
  foreign: boolean;
  scope: NamespaceScope;
}

/** A same-document reference to an id: url(#id), href="#id" or an id list (aria-labelledby). */
export interface IdReference {
  id: string;
  range: Range;
  /** The element holding the reference; undefined for references in a style sheet. */
  from: ElementInfo | undefined;
  attribute: SvgAttribute | undefined;
}

/** A reference to something outside the document (href="file.png", url(http://…)). */
export interface ExternalReference {
  target: string;
  range: Range;
  from: ElementInfo;
  attribute: SvgAttribute;
}

const NO_DECLARATIONS: readonly Declaration[] = Object.freeze([]);
// Most elements are leaves: sharing one empty list saves an array each (32 MB on a million elements).
const NO_CHILDREN: readonly ElementInfo[] = Object.freeze([]);

/**
 * One inherited property's answers, one slot per element index: NOT_COMPUTED,
 * NOT_SET, or 2 + an index into values. Half the memory of an array of strings
 * (4 MB per property asked on a million elements).
 */
interface InheritedCache {
  slots: Int32Array;
  values: string[];
}
const NOT_COMPUTED = 0;
const NOT_SET = 1;

const ID_LIST_ATTRIBUTES = new Set(['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-flowto', 'aria-details']);

export class LintContext {
  readonly text: string;
  /** Every element, in document order. */
  readonly elements: ElementInfo[];
  readonly root: ElementInfo | undefined;
  /** Elements by id (id or xml:id), in document order. */
  readonly ids = new Map<string, ElementInfo[]>();
  readonly idReferences: IdReference[] = [];
  readonly externalReferences: ExternalReference[] = [];
  /** True when a <style> element may restyle any element, so computed fill, stroke or transforms cannot be known. */
  readonly hasStyleSheet: boolean = false;
  /** True when some element or attribute name has a prefix (other than xmlns declarations). */
  hasPrefixedNames = false;
  /** True when the document has scripts or animations that can change anything at run time. */
  readonly hasDynamicContent: boolean = false;
  private readonly styleCache = new Map<SvgElement, Declaration[]>();
  private readonly geometryCache: Array<ParsedPath | undefined> = [];
  private readonly validationCache = new Map<number, PathValidation>();
  private readonly inheritedCache = new Map<string, InheritedCache>();
  private readonly ancestorCache = new Map<string, Uint8Array>();

  constructor(readonly doc: SvgDocument) {
    this.text = doc.text;
    const emptyScope: NamespaceScope = { defaultNs: undefined, prefixes: new Map() };
    // Iterative walk: nesting depth of a hostile file is bounded by memory, not the call stack.
    // Only the open ancestors are stacked (with the next child to look at), so a million
    // siblings cost no stack either.
    const open: ElementInfo[] = [];
    const nextChild: number[] = [];
    const childrenSoFar: number[] = [];
    // Sized up front: growing to a million entries would leave twice that in discarded copies.
    this.elements = new Array<ElementInfo>(countElements(doc.root));
    let count = 0;
    let styleSheet = false;
    let dynamic = false;
    const enter = (el: SvgElement, parent: ElementInfo | undefined, childIndex: number): void => {
      const scope = scopeOf(el, parent ? parent.scope : emptyScope);
      const name = svgLocalName(el.name, scope);
      const info: ElementInfo = {
        el,
        index: count,
        name,
        parent,
        children: NO_CHILDREN,
        template: (parent?.template ?? false) || TEMPLATE_ELEMENTS.has(name),
        foreign: (parent?.foreign ?? false) || name === '' || parent?.name === 'foreignObject',
        scope,
      };
      if (parent) {
        // Exact size on the first child, for the same reason as elements.
        if (childIndex === 0) parent.children = new Array<ElementInfo>(countElementChildren(parent.el));
        (parent.children as ElementInfo[])[childIndex] = info;
      }
      this.elements[count++] = info;
      if (name === 'style' && !info.foreign && el.children.some((c) => (c.kind === 'text' || c.kind === 'cdata') && c.value.trim() !== '')) styleSheet = true;
      if (name === 'script' || name === 'animate' || name === 'set' || name === 'animateTransform' || name === 'animateMotion') dynamic = true;
      open.push(info);
      nextChild.push(0);
      childrenSoFar.push(0);
    };
    if (doc.root) enter(doc.root, undefined, 0);
    while (open.length) {
      const top = open.length - 1;
      const children = open[top].el.children;
      let i = nextChild[top];
      while (i < children.length && children[i].kind !== 'element') i++;
      if (i >= children.length) {
        open.pop();
        nextChild.pop();
        childrenSoFar.pop();
        continue;
      }
      nextChild[top] = i + 1;
      enter(children[i] as SvgElement, open[top], childrenSoFar[top]++);
    }
    this.root = this.elements[0];
    this.hasStyleSheet = styleSheet;
    this.hasDynamicContent = dynamic;
    for (const info of this.elements) this.collect(info);
  }

  /** Source range of [start, end) inside an attribute's value; the whole value when entities make offsets inexact. */
  valueRange(attr: SvgAttribute, start = 0, end?: number): Range {
    const r = attr.valueRange;
    if (attr.hasReferences) return { start: r.start, end: r.end };
    const len = r.end - r.start;
    const s = Math.max(0, Math.min(len, start));
    const e = Math.max(s, Math.min(len, end ?? len));
    return { start: r.start + s, end: r.start + e };
  }

  /**
   * The parsed geometry of a d or points attribute (parsed once, shared by every
   * rule). Offsets are relative to the value: map them with valueRange().
   */
  geometry(info: ElementInfo, attr: SvgAttribute): ParsedPath {
    // One geometry attribute per element (d or points), so the element index is the key.
    let parsed = this.geometryCache[info.index];
    if (!parsed) {
      parsed = attr.name === 'points' ? parsePoints(attr.value, 0, info.name === 'polygon') : parsePathData(attr.value, 0);
      this.geometryCache[info.index] = parsed;
    }
    return parsed;
  }

  /**
   * The segment count and first error of a d or points attribute, found
   * without building segments (memoized): what rules that only judge validity
   * need, at constant memory however long the data is.
   */
  validateGeometry(info: ElementInfo, attr: SvgAttribute): PathValidation {
    let result = this.validationCache.get(info.index);
    if (!result) {
      const parsed = this.geometryCache[info.index];
      if (parsed) result = parsed.error ? { segments: parsed.segments.length, error: parsed.error } : { segments: parsed.segments.length };
      else result = attr.name === 'points' ? validatePoints(attr.value, 0, info.name === 'polygon') : validatePathData(attr.value, 0);
      this.validationCache.set(info.index, result);
    }
    return result;
  }

  /**
   * Visits the segments of a d or points attribute (up to the first error)
   * without keeping them, unless geometry() already parsed them; the visitor
   * returns false to stop. Offsets are relative to the value, as in geometry().
   */
  forEachSegment(info: ElementInfo, attr: SvgAttribute, visit: SegmentVisitor): void {
    const parsed = this.geometryCache[info.index];
    if (parsed) {
      for (const seg of parsed.segments) if (visit(seg) === false) return;
    } else if (attr.name === 'points') forEachPointsSegment(attr.value, 0, info.name === 'polygon', visit);
    else forEachPathSegment(attr.value, 0, visit);
  }

  /** The root <svg>'s viewBox when present and valid. */
  get rootViewBox(): ViewBox | undefined {
    if (this._rootViewBox === undefined) {
      const vb = this.root?.name === 'svg' ? attribute(this.root.el, 'viewBox') : undefined;
      const parsed = vb ? parseViewBox(vb.value) : undefined;
      this._rootViewBox = parsed && isViewBox(parsed) ? parsed : null;
    }
    return this._rootViewBox ?? undefined;
  }

  private _rootViewBox: ViewBox | null | undefined;

  /** Declarations of an element's style attribute (parsed once). */
  styleOf(el: SvgElement): readonly Declaration[] {
    const style = attribute(el, 'style');
    if (!style) return NO_DECLARATIONS;
    let decls = this.styleCache.get(el);
    if (!decls) this.styleCache.set(el, (decls = parseStyle(style.value)));
    return decls;
  }

  /** A presentation property set on the element itself: its style attribute wins over the attribute. */
  ownProperty(info: ElementInfo, name: string): string | undefined {
    let attr: SvgAttribute | undefined;
    let style: SvgAttribute | undefined;
    for (const a of info.el.attributes) {
      if (a.name === name) attr = a;
      else if (a.name === 'style') style = a;
    }
    if (style) {
      const decls = this.styleOf(info.el);
      for (let i = decls.length - 1; i >= 0; i--) if (decls[i].name === name) return decls[i].value;
    }
    return attr?.value.trim();
  }

  /**
   * An inherited presentation property: the nearest ancestor-or-self that sets
   * it ("inherit" skipped). Memoized per element, so asking for every element
   * of a deep tree stays linear.
   */
  inheritedProperty(info: ElementInfo, name: string): string | undefined {
    let cache = this.inheritedCache.get(name);
    if (!cache) this.inheritedCache.set(name, (cache = { slots: new Int32Array(this.elements.length), values: [] }));
    const { slots, values } = cache;
    let found = NOT_SET;
    let cur: ElementInfo | undefined = info;
    for (; cur; cur = cur.parent) {
      const known = slots[cur.index];
      if (known !== NOT_COMPUTED) { found = known; break; }
      const v = this.ownProperty(cur, name);
      if (v !== undefined && v !== 'inherit') { found = values.push(v) + 1; break; }
    }
    for (let c: ElementInfo | undefined = info; c && c !== cur; c = c.parent) slots[c.index] = found;
    if (cur) slots[cur.index] = found;
    return found === NOT_SET ? undefined : values[found - 2];
  }

  /** True when the element or an ancestor satisfies `test`; memoized per key, linear over a deep tree. */
  selfOrAncestor(key: string, info: ElementInfo, test: (info: ElementInfo) => boolean): boolean {
    let cache = this.ancestorCache.get(key);
    if (!cache) this.ancestorCache.set(key, (cache = new Uint8Array(this.elements.length)));
    let found = false;
    let cur: ElementInfo | undefined = info;
    for (; cur; cur = cur.parent) {
      const known = cache[cur.index];
      if (known !== 0) { found = known === 2; break; }
      if (test(cur)) { found = true; break; }
    }
    // Everything between the element and the answer shares it (a match holds for everything below it).
    const mark = found ? 2 : 1;
    for (let c: ElementInfo | undefined = info; c && c !== cur; c = c.parent) cache[c.index] = mark;
    if (cur) cache[cur.index] = mark;
    return found;
  }

  /** The href of an element: SVG 2 "href" first, then xlink:href under whatever prefix is bound to XLink. */
  href(info: ElementInfo): SvgAttribute | undefined {
    let xlink: SvgAttribute | undefined;
    for (const a of info.el.attributes) {
      if (a.name === 'href') return a;
      if (!xlink && isXlinkHref(a.name, info.scope)) xlink = a;
    }
    return xlink;
  }

  isReferenced(info: ElementInfo): boolean {
    const id = attribute(info.el, 'id')?.value ?? attribute(info.el, 'xml:id')?.value;
    return id !== undefined && this.referencedIds.has(id);
  }

  /** True when the element or anything inside it has an id something refers to. */
  subtreeReferenced(info: ElementInfo): boolean {
    const refs = this.referencedIds;
    if (refs.size === 0) return false;
    const stack = [info];
    while (stack.length) {
      const cur = stack.pop()!;
      const id = attribute(cur.el, 'id')?.value ?? attribute(cur.el, 'xml:id')?.value;
      if (id !== undefined && refs.has(id)) return true;
      for (const c of cur.children) stack.push(c);
    }
    return false;
  }

  /** Ids that something in the document refers to. */
  get referencedIds(): ReadonlySet<string> {
    if (!this._referencedIds) this._referencedIds = new Set(this.idReferences.map((r) => r.id));
    return this._referencedIds;
  }

  private _referencedIds: Set<string> | undefined;

  private collect(info: ElementInfo): void {
    const el = info.el;
    if (el.name.includes(':')) this.hasPrefixedNames = true;
    for (const a of el.attributes) {
      const n = a.name;
      if (!this.hasPrefixedNames && n.includes(':') && !n.startsWith('xmlns:')) this.hasPrefixedNames = true;
      if (n === 'id' || n === 'xml:id') {
        const list = this.ids.get(a.value);
        if (list) list.push(info);
        else this.ids.set(a.value, [info]);
        continue;
      }
      if (n.startsWith('xmlns')) continue;
      if (n === 'href' || isXlinkHref(n, info.scope)) {
        const target = a.value.trim();
        const id = localId(target);
        if (id !== undefined) {
          const lead = a.value.indexOf('#') + 1;
          this.idReferences.push({ id, range: this.valueRange(a, lead, lead + id.length), from: info, attribute: a });
        } else if (target && !/^data:/i.test(target) && target !== '#') {
          this.externalReferences.push({ target, range: this.valueRange(a, a.value.indexOf(target[0]), a.value.indexOf(target[0]) + target.length), from: info, attribute: a });
        }
        continue;
      }
      if (ID_LIST_ATTRIBUTES.has(n)) {
        let from = 0;
        for (const part of a.value.split(/\s+/)) {
          if (!part) continue;
          const at = a.value.indexOf(part, from);
          from = at + part.length;
          this.idReferences.push({ id: part, range: this.valueRange(a, at, at + part.length), from: info, attribute: a });
        }
        continue;
      }
      if (a.value.length > 4 && a.value.includes('(')) this.collectUrls(a.value, info, a);
    }
    if (info.name === 'style') {
      for (const child of el.children) if (child.kind === 'text' || child.kind === 'cdata') this.collectStyleSheet(child);
    }
  }

  private collectUrls(value: string, info: ElementInfo, a: SvgAttribute): void {
    for (const u of scanUrls(value)) {
      const id = localId(u.target);
      if (id !== undefined) {
        const lead = u.target.indexOf('#') + 1;
        this.idReferences.push({ id, range: this.valueRange(a, u.start + lead, u.start + lead + id.length), from: info, attribute: a });
      } else if (u.target && !/^data:/i.test(u.target.trim())) {
        this.externalReferences.push({ target: u.target, range: this.valueRange(a, u.start, u.end), from: info, attribute: a });
      }
    }
  }

  private collectStyleSheet(node: SvgText): void {
    const base = textBase(this.text, node);
    for (const u of scanUrls(node.value)) {
      const id = localId(u.target);
      if (id === undefined) continue;
      const lead = u.target.indexOf('#') + 1;
      const range = base === undefined ? node.range : { start: base + u.start + lead, end: base + u.start + lead + id.length };
      this.idReferences.push({ id, range, from: undefined, attribute: undefined });
    }
  }
}

function countElementChildren(el: SvgElement): number {
  let count = 0;
  for (const c of el.children) if (c.kind === 'element') count++;
  return count;
}

function countElements(root: SvgElement | undefined): number {
  if (!root) return 0;
  let count = 1;
  // Leaves are counted without being stacked, so a million siblings need no million-entry stack.
  const stack = [root];
  while (stack.length) {
    for (const c of stack.pop()!.children) {
      if (c.kind !== 'element') continue;
      count++;
      if (c.children.length) stack.push(c);
    }
  }
  return count;
}

/** Source offset of a text node's first value character, when value offsets map 1:1 to the source. */
export function textBase(text: string, node: SvgText): number | undefined {
  if (node.kind === 'cdata') return node.range.start + 9;
  return text.slice(node.range.start, node.range.end) === node.value ? node.range.start : undefined;
}

export function attribute(el: SvgElement, name: string): SvgAttribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

function scopeOf(el: SvgElement, parent: NamespaceScope): NamespaceScope {
  let scope = parent;
  for (const a of el.attributes) {
    if (a.name === 'xmlns') {
      scope = { defaultNs: a.value, prefixes: scope.prefixes };
    } else if (a.name.startsWith('xmlns:')) {
      const prefixes = new Map(scope.prefixes);
      prefixes.set(a.name.slice(6), a.value);
      scope = { defaultNs: scope.defaultNs, prefixes };
    }
  }
  return scope;
}

/** Namespace URI a prefix is bound to; "xml" is always bound. */
export function resolvePrefix(prefix: string, scope: NamespaceScope): string | undefined {
  if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
  if (prefix === 'xmlns') return 'http://www.w3.org/2000/xmlns/';
  return scope.prefixes.get(prefix);
}

function svgLocalName(qname: string, scope: NamespaceScope): string {
  const colon = qname.indexOf(':');
  if (colon < 0) return scope.defaultNs === undefined || scope.defaultNs === SVG_NS ? qname : '';
  return resolvePrefix(qname.slice(0, colon), scope) === SVG_NS ? qname.slice(colon + 1) : '';
}

function isXlinkHref(name: string, scope: NamespaceScope): boolean {
  if (!name.endsWith(':href')) return false;
  const prefix = name.slice(0, -5);
  // An unbound "xlink" prefix is its own finding; it still means XLink here.
  return prefix === 'xlink' || resolvePrefix(prefix, scope) === XLINK_NS;
}
