// Completion inside an SVG region: elements the parent's content model
// allows, attributes of the element, keyword values of enumerated attributes,
// #id references in href and url(…), SMIL id.begin/id.end, and closing tags.
// Each item has a one-line description and, where MDN has a page, its link.
import { elementAt } from '../svg/query';
import type { Range, SvgDocument, SvgElement } from '../svg/types';
import { attributeDoc, attributeMdnUrl, attributesOf, enumeratedValues, knownElement } from './data/attributes';
import { ELEMENTS, elementMdnUrl, elementSpec } from './data/elements';
import { idElements } from './ids';
import { type SvgRegion, toHost, toLocal } from './region';

export type CompletionKind = 'element' | 'closing-tag' | 'attribute' | 'value' | 'reference';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Short text shown beside the label. */
  detail: string;
  /** One line saying what the item is. */
  documentation: string;
  mdnUrl?: string;
  /** Replaces `range`; a snippet ($1, $0 tab stops) when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  /** Host range the item replaces. */
  range: Range;
  /** Orders items before the editor's own filtering. */
  sortText: string;
  deprecated?: boolean;
  /** Ask for completion again once inserted (an attribute whose value has keywords). */
  retrigger?: boolean;
}

const NAME_CHAR = /[A-Za-z0-9_:.\-]/;

function wordStart(t: string, o: number): number {
  let w = o;
  while (w > 0 && NAME_CHAR.test(t[w - 1])) w--;
  return w;
}

function wordEnd(t: string, o: number): number {
  let e = o;
  while (e < t.length && NAME_CHAR.test(t[e])) e++;
  return e;
}

/** The start tag of el is finished by ">" or "/>". */
function startTagComplete(doc: SvgDocument, el: SvgElement): boolean {
  return doc.text.charCodeAt(el.startTagRange.end - 1) === 62;
}

/** Completion items at a host offset inside the region (empty outside it). */
export function complete(region: SvgRegion, hostOffset: number): CompletionItem[] {
  const o = toLocal(region, hostOffset);
  if (o === undefined) return [];
  const doc = region.document;
  const t = doc.text;
  const w = wordStart(t, o);
  const end = wordEnd(t, o);
  const word: Range = { start: w, end };
  if (t[w - 1] === '<') return elementItems(region, doc, w, end, o);
  if (t[w - 1] === '/' && t[w - 2] === '<') return closingItems(region, doc, w - 2, end, o);
  const el = elementAt(doc, o);
  if (!el || o <= el.startTagRange.start + el.name.length) return [];
  const complete = startTagComplete(doc, el);
  if (o > el.startTagRange.end - (complete ? 1 : 0)) return [];
  if (complete && t[el.startTagRange.end - 2] === '/' && o === el.startTagRange.end - 1) return [];
  for (const a of el.attributes) {
    const v = a.valueRange;
    if (v.start > a.nameRange.end && v.start <= o && o <= v.end && /["']/.test(t[v.start - 1])) return valueItems(region, doc, el, a.name, v, o);
  }
  if (w > 0 && !/\s/.test(t[w - 1])) return [];
  return attributeItems(region, doc, el, word);
}

function elementItems(region: SvgRegion, doc: SvgDocument, w: number, end: number, o: number): CompletionItem[] {
  let parent = elementAt(doc, o);
  let typed: SvgElement | undefined;
  if (parent && parent.startTagRange.start === w - 1) {
    typed = parent;
    parent = parent.parent;
  }
  const allowed = parent ? elementSpec(parent.name)?.children ?? Object.keys(ELEMENTS) : ['svg'];
  // A tag that already goes on (attributes, ">") keeps its rest: replace the name only.
  const nameOnly = typed !== undefined && (typed.attributes.length > 0 || startTagComplete(doc, typed));
  const range = toHost(region, { start: w, end });
  const items: CompletionItem[] = [];
  for (const name of allowed) {
    const spec = ELEMENTS[name];
    if (!spec) continue;
    const insertText = nameOnly ? name : spec.empty ? `${name} $1/>$0` : `${name}>$0</${name}>`;
    items.push({
      label: name, kind: 'element', detail: `<${name}>`, documentation: spec.doc, mdnUrl: elementMdnUrl(name),
      insertText, snippet: !nameOnly, range, sortText: `0${name}`,
    });
  }
  if (parent && !parent.closed && !typed) {
    items.push(closingItem(region, parent, { start: w - 1, end }));
  }
  return items;
}

function closingItem(region: SvgRegion, el: SvgElement, replace: Range): CompletionItem {
  return {
    label: `/${el.name}>`, kind: 'closing-tag', detail: `closes <${el.name}>`, documentation: `Closes the <${el.name}> element opened earlier.`,
    mdnUrl: elementSpec(el.name) ? elementMdnUrl(el.name) : undefined,
    insertText: `</${el.name}>`, snippet: false, range: toHost(region, replace), sortText: '1',
  };
}

function closingItems(region: SvgRegion, doc: SvgDocument, lt: number, end: number, o: number): CompletionItem[] {
  let el = elementAt(doc, o);
  while (el && el.closed && el.endTagRange?.start !== lt) el = el.parent;
  if (!el) return [];
  const replaceEnd = doc.text[end] === '>' ? end + 1 : end;
  const item = closingItem(region, el, { start: lt, end: replaceEnd });
  // The editor filters on the text it replaces, which starts with "</".
  return [{ ...item, label: `</${el.name}>` }];
}

function attributeItems(region: SvgRegion, doc: SvgDocument, el: SvgElement, word: Range): CompletionItem[] {
  const present = new Set<string>();
  for (const a of el.attributes) if (a.nameRange.start !== word.start) present.add(a.name);
  const t = doc.text;
  let after = word.end;
  while (after < t.length && (t[after] === ' ' || t[after] === '\t')) after++;
  const hasValue = t[after] === '=';
  const range = toHost(region, word);
  const element = el.name;
  const items: CompletionItem[] = [];
  for (const entry of attributesOf(element)) {
    if (present.has(entry.name)) continue;
    const keywords = enumeratedValues(element, entry.name);
    items.push({
      label: entry.name, kind: 'attribute', detail: `<${element}> attribute`, documentation: attributeDoc(entry.name, element),
      mdnUrl: entry.name.startsWith('xmlns') ? undefined : attributeMdnUrl(entry.name),
      insertText: hasValue ? entry.name : `${entry.name}="$1"`, snippet: !hasValue, range,
      sortText: `${entry.deprecated ? 2 : entry.own ? 0 : 1}${entry.name}`, deprecated: entry.deprecated,
      retrigger: !hasValue && (keywords !== undefined || /href$/.test(entry.name)),
    });
  }
  if (!knownElement(element) && !elementSpec(element)) return items.filter((i) => !i.deprecated);
  return items;
}

/** One item per id of the region (filtered by the element that has it), written by format. */
function idItems(region: SvgRegion, attribute: string, range: Range, format: (id: string) => string, filter?: (el: string) => boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  const host = toHost(region, range);
  for (const [id, element] of idElements(region)) {
    const el = element || 'element';
    if (filter && !filter(el)) continue;
    const text = format(id);
    items.push({
      label: text, kind: 'reference', detail: `<${el}>`, documentation: `Refers to the <${el}> with id "${id}".`,
      mdnUrl: attributeMdnUrl(attribute), insertText: text, snippet: false, range: host, sortText: `0${id}`,
    });
  }
  return items;
}

const PAINT_SERVERS = new Set(['linearGradient', 'radialGradient', 'pattern']);
const URL_TARGETS: Record<string, (el: string) => boolean> = {
  fill: (el) => PAINT_SERVERS.has(el),
  stroke: (el) => PAINT_SERVERS.has(el),
  'clip-path': (el) => el === 'clipPath',
  mask: (el) => el === 'mask',
  filter: (el) => el === 'filter',
  'marker-start': (el) => el === 'marker',
  'marker-mid': (el) => el === 'marker',
  'marker-end': (el) => el === 'marker',
};
const ANIMATION = new Set(['animate', 'animateMotion', 'animateTransform', 'set', 'discard']);

function valueItems(region: SvgRegion, doc: SvgDocument, el: SvgElement, attribute: string, value: Range, o: number): CompletionItem[] {
  const t = doc.text;
  const before = t.slice(value.start, o);
  const url = /url\(\s*['"]?(#?)([^\s)'"]*)$/.exec(before);
  if (url) {
    const start = o - url[2].length - url[1].length;
    let stop = o;
    while (stop < value.end && /[^\s)'"]/.test(t[stop])) stop++;
    return idItems(region, attribute, { start, end: stop }, (id) => `#${id}`, URL_TARGETS[attribute]);
  }
  if (attribute === 'href' || attribute === 'xlink:href') {
    if (!/^\s*#?[^\s]*$/.test(before)) return [];
    return idItems(region, attribute, value, (id) => `#${id}`);
  }
  if (attribute === 'begin' || attribute === 'end') {
    const segStart = value.start + before.lastIndexOf(';') + 1;
    let s = segStart;
    while (s < o && /\s/.test(t[s])) s++;
    let stop = o;
    while (stop < value.end && t[stop] !== ';') stop++;
    const range = { start: s, end: stop };
    return [
      ...idItems(region, attribute, range, (id) => `${id.replace(/([.\\])/g, '\\$1')}.end`, (e) => ANIMATION.has(e)),
      ...idItems(region, attribute, range, (id) => `${id.replace(/([.\\])/g, '\\$1')}.begin`, (e) => ANIMATION.has(e)),
    ];
  }
  const keywords = enumeratedValues(el.name, attribute);
  const items: CompletionItem[] = [];
  if (keywords) {
    const range = toHost(region, value);
    keywords.forEach((k, i) => items.push({
      label: k, kind: 'value', detail: `${attribute} value`, documentation: `${attributeDoc(attribute, el.name)} Value: ${k}.`,
      mdnUrl: attributeMdnUrl(attribute), insertText: k, snippet: false, range, sortText: `0${String(i).padStart(3, '0')}`,
    }));
  }
  const target = URL_TARGETS[attribute];
  if (target) items.push(...idItems(region, attribute, value, (id) => `url(#${id})`, target).map((i) => ({ ...i, sortText: `1${i.label}` })));
  return items;
}
