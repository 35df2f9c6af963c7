// Ids and everything that refers to them: definition, references and rename.
// A reference is href="#id" / xlink:href="#id", url(#id) in any attribute,
// style attribute or <style> sheet, a SMIL timing value such as
// begin="fade.end+1s", or a CSS #id selector.
import { localId, scanUrls } from '../lint/values/urlRefs';
import { forEachElement } from '../svg/query';
import type { Range, SvgAttribute, SvgDocument, SvgElement } from '../svg/types';
import { cssEscapeId, scanStyleSheet } from './css';
import { type SvgRegion, type TextEdit, toHost, toLocal } from './region';
import { isStyleElement, styleSheets } from './styleText';

export type IdOccurrenceKind = 'definition' | 'href' | 'url' | 'timing' | 'selector';

export interface IdOccurrence {
  id: string;
  kind: IdOccurrenceKind;
  /** For a definition: the name of the element that has the id. */
  element?: string;
  /** The id's characters in the region's text (no "#", quotes or "url(") — what a rename replaces. */
  range: Range;
}

export interface IdIndex {
  /** Every id attribute, by value (more than one entry: a duplicate id). */
  definitions: Map<string, IdOccurrence[]>;
  /** Every reference, in source order. */
  references: IdOccurrence[];
}

/** SMIL begin/end entries naming another element: "id.begin", "id.end", "id.click", "id.repeat(2)". */
const TIMING_REF = /(^|;)(\s*)((?:[^\s;.+\\]|\\.)+)\.(?=[A-Za-z])/g;

/** Source text of an attribute's value and where it starts (entity references left unexpanded). */
function rawValue(doc: SvgDocument, a: SvgAttribute): { raw: string; start: number } {
  const r = a.valueRange;
  return { raw: a.hasReferences ? doc.text.slice(r.start, r.end) : a.value, start: r.start };
}

/** Whether a value may contain url(…) (any case), cheaply: most values have no "(" at all. */
function mayHoldUrl(value: string): boolean {
  const open = value.indexOf('(');
  if (open < 3) return false;
  const u = value.indexOf('url(');
  return u >= 0 || /url\(/i.test(value);
}

function isHref(name: string): boolean {
  return name === 'href' || name === 'xlink:href' || (name.endsWith(':href') && !name.startsWith('xmlns'));
}

/**
 * Indexes already made, by parse: a parse never changes once made, and every
 * request on an unchanged document (completion at each keystroke, references,
 * rename) needs the same index.
 */
const indexes = new WeakMap<SvgDocument, IdIndex>();

/** Ids and references of a region (one pass over the document, once per parse). */
export function indexIds(region: SvgRegion): IdIndex {
  const doc = region.document;
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = buildIndex(doc)));
  return index;
}

const elementsById = new WeakMap<SvgDocument, ReadonlyMap<string, string>>();

/**
 * Each id of the region and the name of the (first) element that has it:
 * what completion offers, without the references the full index also collects
 * (a lighter walk: names and ids only). Made once per parse.
 */
export function idElements(region: SvgRegion): ReadonlyMap<string, string> {
  const doc = region.document;
  let ids = elementsById.get(doc);
  if (ids) return ids;
  const full = indexes.get(doc);
  const made = new Map<string, string>();
  if (full) for (const [id, defs] of full.definitions) made.set(id, defs[0].element ?? '');
  elementsById.set(doc, (ids = full ? made : collectIdElements(doc)));
  return ids;
}

/** Walks a parse for its ids (idElements keeps the result with the parse). */
export function collectIdElements(doc: SvgDocument): Map<string, string> {
  const made = new Map<string, string>();
  forEachElement(doc, (el) => {
    for (const a of el.attributes) {
      if ((a.name === 'id' || a.name === 'xml:id') && !made.has(a.value)) made.set(a.value, el.name);
    }
  });
  return made;
}

/** Builds the index of a parse (indexIds keeps it with the parse). */
export function buildIndex(doc: SvgDocument): IdIndex {
  const definitions = new Map<string, IdOccurrence[]>();
  const references: IdOccurrence[] = [];
  const push = (id: string, kind: IdOccurrenceKind, start: number, end: number): void => {
    references.push({ id, kind, range: { start, end } });
  };
  /** Every local `url(#id)` in `text`, which starts at host offset `base`. */
  const pushUrls = (text: string, base: number): void => {
    for (const u of scanUrls(text)) {
      const id = localId(u.target);
      if (id === undefined) continue;
      const lead = u.target.indexOf('#') + 1;
      push(id, 'url', base + u.start + lead, base + u.start + lead + id.length);
    }
  };
  const styles: SvgElement[] = [];
  forEachElement(doc, (el) => {
    if (isStyleElement(el)) styles.push(el);
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i];
      const n = a.name;
      if (n === 'id' || n === 'xml:id') {
        const { raw, start } = rawValue(doc, a);
        const occ: IdOccurrence = { id: a.value, kind: 'definition', element: el.name, range: { start, end: start + raw.length } };
        const list = definitions.get(a.value);
        if (list) list.push(occ);
        else definitions.set(a.value, [occ]);
        continue;
      }
      // Geometry is most of a document's text and never holds a reference.
      if (n === 'd' || n === 'points') continue;
      const href = isHref(n);
      const timing = n === 'begin' || n === 'end';
      // Most other attributes (x, fill, transform…) hold no reference either: skip them without touching their ranges.
      if (!href && !timing && !mayHoldUrl(a.value)) continue;
      const { raw, start } = rawValue(doc, a);
      if (href) {
        const hash = raw.indexOf('#');
        const target = raw.trim();
        if (hash >= 0 && target.startsWith('#')) {
          const id = target.slice(1);
          if (id) push(id, 'href', start + hash + 1, start + hash + 1 + id.length);
        }
      } else if (timing) {
        TIMING_REF.lastIndex = 0;
        for (let m = TIMING_REF.exec(raw); m; m = TIMING_REF.exec(raw)) {
          const written = m[3];
          if (/^(?:\d|[+-])/.test(written) || /^(indefinite|wallclock|accessKey)/.test(written)) continue;
          const at = m.index + m[1].length + m[2].length;
          push(written.replace(/\\(.)/g, '$1'), 'timing', start + at, start + at + written.length);
        }
      } else if (!n.startsWith('xmlns')) {
        pushUrls(raw, start);
      }
    }
  });
  for (const sheet of styleSheets(doc, styles)) {
    const scan = scanStyleSheet(sheet.text);
    for (const s of scan.ids) push(s.id, 'selector', sheet.start + s.start, sheet.start + s.end);
    pushUrls(sheet.text, sheet.start);
  }
  references.sort((a, b) => a.range.start - b.range.start);
  return { definitions, references };
}

/** The id occurrence (definition or reference) under a host offset, cursor at either edge included. */
export function idOccurrenceAt(region: SvgRegion, hostOffset: number, index: IdIndex = indexIds(region)): IdOccurrence | undefined {
  const offset = toLocal(region, hostOffset);
  if (offset === undefined) return undefined;
  for (const list of index.definitions.values()) for (const d of list) if (d.range.start <= offset && offset <= d.range.end) return d;
  for (const r of index.references) if (r.range.start <= offset && offset <= r.range.end) return r;
  return undefined;
}

/** Host range of the id attribute value that the id or reference at the offset names; undefined when none. */
export function findDefinition(region: SvgRegion, hostOffset: number): Range | undefined {
  const index = indexIds(region);
  const at = idOccurrenceAt(region, hostOffset, index);
  const def = at && index.definitions.get(at.id)?.[0];
  return def && toHost(region, def.range);
}

/** Host ranges of every reference to the id at the offset, and its definition when asked. */
export function findReferences(region: SvgRegion, hostOffset: number, includeDefinition: boolean): Range[] {
  const index = indexIds(region);
  const at = idOccurrenceAt(region, hostOffset, index);
  if (!at) return [];
  const out: Range[] = [];
  if (includeDefinition) for (const d of index.definitions.get(at.id) ?? []) out.push(toHost(region, d.range));
  for (const r of index.references) if (r.id === at.id) out.push(toHost(region, r.range));
  return out;
}

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

/** What Rename Symbol would rename at the offset: the id's host range and value, or why it cannot. */
export function prepareRenameId(region: SvgRegion, hostOffset: number): PrepareRenameResult {
  const index = indexIds(region);
  const at = idOccurrenceAt(region, hostOffset, index);
  if (!at) return { error: 'Rename works on an id: put the cursor on an id="…" value or on a reference to it (url(#…), href="#…").' };
  if (!index.definitions.has(at.id)) return { error: `No element has the id "${at.id}", so there is nothing to rename.` };
  if (at.kind === 'definition' && region.document.text.slice(at.range.start, at.range.end) !== at.id) {
    return { error: `The id "${at.id}" is written with character references; rename it by hand.` };
  }
  return { range: toHost(region, at.range), placeholder: at.id };
}

/**
 * A valid id for every place it may be written: an XML NCName (no colon), so
 * it is a valid id attribute, url(#…) target and CSS selector (escaped where needed).
 */
const VALID_ID = /^[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][\w.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*$/;

/** Why a new id cannot be used, or undefined when it can. */
export function invalidIdReason(id: string): string | undefined {
  if (id === '') return 'An id cannot be empty.';
  if (/\s/.test(id)) return `"${id}" is not a valid id: an id cannot contain spaces.`;
  if (!VALID_ID.test(id)) return `"${id}" is not a valid id: it must start with a letter or "_" and hold only letters, digits, "-", "_" and ".".`;
  return undefined;
}

export type RenameResult = { edits: TextEdit[] } | { error: string };

/** Edits that rename the id at the offset and every reference to it, nothing else; or why not. */
export function renameId(region: SvgRegion, hostOffset: number, newId: string): RenameResult {
  const index = indexIds(region);
  const at = idOccurrenceAt(region, hostOffset, index);
  const prepared = prepareRenameId(region, hostOffset);
  if ('error' in prepared) return prepared;
  const oldId = at!.id;
  if (newId === oldId) return { edits: [] };
  const invalid = invalidIdReason(newId);
  if (invalid) return { error: invalid };
  if (index.definitions.has(newId)) return { error: `Another element already has the id "${newId}"; ids must be unique.` };
  const edits: TextEdit[] = [];
  for (const d of index.definitions.get(oldId) ?? []) edits.push({ range: toHost(region, d.range), newText: newId });
  for (const r of index.references) {
    if (r.id !== oldId) continue;
    const text = r.kind === 'selector' ? cssEscapeId(newId) : r.kind === 'timing' ? newId.replace(/([.\\])/g, '\\$1') : newId;
    edits.push({ range: toHost(region, r.range), newText: text });
  }
  edits.sort((a, b) => a.range.start - b.range.start);
  return { edits };
}
