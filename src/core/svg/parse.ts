// Tolerant, source-mapped SVG/XML scanner.
//
// Written by hand rather than on a SAX library because the editor needs things
// those libraries do not give together: exact UTF-16 ranges for names, values
// and tags; a partial tree (not an exception) for documents cut mid-tag while
// someone types or a model streams; internal entities expanded under a hard
// budget with external ones never resolved; and no recursion, so nesting depth
// is limited only by memory. It never throws on any input string.
import type {
  ParseOptions,
  Range,
  SvgAttribute,
  SvgComment,
  SvgDocument,
  SvgElement,
  SvgNode,
  SvgProcessingInstruction,
  SvgSyntaxError,
  SvgText,
} from './types';

export const DEFAULT_MAX_ENTITY_EXPANSIONS = 10_000;
export const DEFAULT_MAX_ENTITY_EXPANSION_CHARS = 1_000_000;
/** Entity values referring to entities referring to entities… deeper than this are refused. */
const MAX_ENTITY_NESTING = 32;
/** A hostile file can produce one error per character; past this the list ends with "too-many-errors". */
export const MAX_SYNTAX_ERRORS = 1_000;
/** Slots of the name cache (a power of two). */
const SHARED_NAME_SLOTS = 256;
/**
 * Longest name the cache keeps. V8 copies slices this short rather than
 * pointing into the source, so the cache, kept across documents, never keeps a
 * document's text alive.
 */
const MAX_SHARED_NAME_LENGTH = 12;
/** Element and attribute names seen lately, shared by every parse (see Scanner.name). */
const sharedNames: string[] = new Array<string>(SHARED_NAME_SLOTS).fill('');

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const EQ = 61; // =
const QUOT = 34; // "
const APOS = 39; // '
const BANG = 33; // !
const QUESTION = 63; // ?

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c !== 0xfeff && c !== 0xfffd);
}

/** Characters that end a name; anything else is accepted inside one so that a stray character does not derail the tag. */
function endsName(c: number): boolean {
  return isSpace(c) || c === SLASH || c === GT || c === LT || c === EQ || c === QUOT || c === APOS || Number.isNaN(c);
}

const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
// Characters XML 1.0 forbids anywhere in a document, including lone UTF-16 surrogates.
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface ExpandedEntity {
  text: string;
  /** References expanded to produce text, this one included. */
  references: number;
}

type EntityFailure = { failure: 'limit' | 'recursive' | 'undefined' | 'external'; name: string };

/**
 * Attributes are the most numerous objects of a document; their ranges are
 * made when asked for, a fresh object each time and never kept: caching them
 * cost a field each even unused, and 40 bytes more per range once any rule
 * had read it (tens of megabytes on a million attributes).
 */
class Attribute implements SvgAttribute {
  constructor(
    readonly name: string,
    readonly value: string,
    readonly hasReferences: boolean,
    private readonly start: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    private readonly end: number,
  ) {}

  get range(): Range {
    return { start: this.start, end: this.end };
  }

  /** The name is the source text from start, so its length gives its end. */
  get nameRange(): Range {
    return { start: this.start, end: this.start + this.name.length };
  }

  get valueRange(): Range {
    return { start: this.valueStart, end: this.valueEnd };
  }
}

/**
 * The children of every element without any: most elements are leaves, and an
 * empty array each is 32 MB on a million of them. Frozen, so a caller that
 * tries to add to it fails loudly instead of adding to every leaf.
 */
const NO_CHILDREN = Object.freeze([]) as unknown as SvgNode[];

function addChild(parent: SvgElement, node: SvgNode): void {
  if (parent.children === NO_CHILDREN) parent.children = [node];
  else parent.children.push(node);
}

export function parseSvg(text: string, options: ParseOptions = {}): SvgDocument {
  return new Scanner(String(text ?? ''), options).run();
}

class Scanner {
  private pos = 0;
  private readonly len: number;
  private readonly errors: SvgSyntaxError[] = [];
  private errorsCapped = false;
  private capError: SvgSyntaxError | undefined;
  private readonly top: SvgNode[] = [];
  private root: SvgElement | undefined;
  private readonly stack: SvgElement[] = [];
  /** Open elements by name, so a stray end tag does not cost a walk down a deep stack. */
  private readonly openNames = new Map<string, number>();
  private readonly entities = new Map<string, string>();
  private readonly attributeScratch: SvgAttribute[] = [];
  private readonly externalEntities = new Set<string>();
  private readonly expanded = new Map<string, ExpandedEntity | EntityFailure>();
  private readonly maxExpansions: number;
  private readonly maxExpansionChars: number;
  private expansions = 0;
  private expansionChars = 0;
  private limitReported = false;

  constructor(private readonly text: string, options: ParseOptions) {
    this.len = text.length;
    this.maxExpansions = Math.max(0, options.maxEntityExpansions ?? DEFAULT_MAX_ENTITY_EXPANSIONS);
    this.maxExpansionChars = Math.max(0, options.maxEntityExpansionChars ?? DEFAULT_MAX_ENTITY_EXPANSION_CHARS);
  }

  run(): SvgDocument {
    this.scanInvalidCharacters();
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < this.len) {
      const lt = text.indexOf('<', this.pos);
      if (lt === -1) {
        this.addText(this.pos, this.len);
        this.pos = this.len;
        break;
      }
      if (lt > this.pos) this.addText(this.pos, lt);
      this.pos = lt;
      const c = text.charCodeAt(lt + 1);
      if (c === SLASH) this.endTag();
      else if (c === BANG) this.markupDeclaration();
      else if (c === QUESTION) this.processingInstruction();
      else if (isNameStart(c)) this.startTag();
      else {
        if (lt + 1 >= this.len) this.eof('The document ends with a lone "<".');
        else this.error('invalid-tag-name', 'A "<" must start a tag name, "</", "<!" or "<?"; write "&lt;" for a literal "<".', lt, lt + 1);
        this.addText(lt, lt + 1, true);
        this.pos = lt + 1;
      }
    }
    this.closeAtEnd();
    if (!this.root) this.error('no-root-element', this.len === 0 ? 'The document is empty.' : 'The document has no root element.', this.len, this.len);
    this.errors.sort((a, b) => a.range.start - b.range.start);
    if (this.capError) this.errors.push(this.capError);
    return { text, children: this.top, root: this.root, errors: this.errors, entities: this.entities };
  }

  // ── errors ────────────────────────────────────────────────────────────

  private error(code: string, message: string, start: number, end: number): void {
    if (this.errorsCapped) return;
    if (this.errors.length >= MAX_SYNTAX_ERRORS) {
      this.errorsCapped = true;
      this.capError = { code: 'too-many-errors', message: `More than ${MAX_SYNTAX_ERRORS} syntax errors; the rest are not listed.`, range: { start, end } };
      return;
    }
    this.errors.push({ code, message, range: { start, end } });
  }

  private eofReported = false;

  /** The end of the document cut something short; reported once, at the end. */
  private eof(message: string): void {
    if (this.eofReported) return;
    this.eofReported = true;
    this.error('unexpected-eof', message, this.len, this.len);
  }

  private scanInvalidCharacters(): void {
    INVALID_CHARS.lastIndex = 0;
    for (let m = INVALID_CHARS.exec(this.text); m; m = INVALID_CHARS.exec(this.text)) {
      const code = m[0].charCodeAt(0);
      this.error('invalid-character', `Character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML.`, m.index, m.index + 1);
      if (this.errorsCapped) break;
    }
  }

  // ── tree building ─────────────────────────────────────────────────────

  private get parent(): SvgElement | undefined {
    return this.stack.length ? this.stack[this.stack.length - 1] : undefined;
  }

  private append(node: SvgNode): void {
    const parent = this.parent;
    if (parent) addChild(parent, node);
    else this.top.push(node);
  }

  private addText(start: number, end: number, literalLt = false): void {
    const parent = this.parent;
    const siblings: readonly SvgNode[] = parent ? parent.children : this.top;
    const raw = this.text.slice(start, end);
    if (!parent && !literalLt && WHITESPACE_ONLY.test(raw)) return;
    const value = raw.indexOf('&') === -1 ? raw : this.expandReferences(raw, start);
    const last = siblings[siblings.length - 1];
    // A literal "<" reported as an error joins the text around it rather than splitting it.
    if (last && last.kind === 'text' && last.range.end === start) {
      last.value += value;
      last.range.end = end;
      return;
    }
    if (!parent && !WHITESPACE_ONLY.test(raw)) {
      this.error('text-outside-root', 'Text is not allowed outside the root element.', start, end);
    }
    const node: SvgText = { kind: 'text', value, range: { start, end }, parent };
    if (parent) addChild(parent, node);
    else this.top.push(node);
  }

  private pushOpen(el: SvgElement): void {
    this.stack.push(el);
    this.openNames.set(el.name, (this.openNames.get(el.name) ?? 0) + 1);
  }

  private popOpen(): SvgElement {
    const el = this.stack.pop()!;
    const n = this.openNames.get(el.name)! - 1;
    if (n) this.openNames.set(el.name, n);
    else this.openNames.delete(el.name);
    return el;
  }

  private reportUnclosed(el: SvgElement, reason: string): void {
    this.error('unclosed-tag', `<${el.name}> is not closed${reason}.`, el.startTagRange.start, el.startTagRange.start + 1 + el.name.length);
  }

  private closeAtEnd(): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const el = this.stack[i];
      el.range.end = this.len;
      this.reportUnclosed(el, ' before the document ends');
    }
    this.stack.length = 0;
    this.openNames.clear();
  }

  // ── tags ──────────────────────────────────────────────────────────────

  private scanName(from: number): number {
    const text = this.text;
    let p = from;
    while (p < this.len && !endsName(text.charCodeAt(p))) p++;
    return p;
  }

  private skipSpace(): boolean {
    const text = this.text;
    const start = this.pos;
    while (this.pos < this.len && isSpace(text.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  private startTag(): void {
    const text = this.text;
    const start = this.pos;
    const nameEnd = this.scanName(start + 1);
    const name = this.name(start + 1, nameEnd);
    const parent = this.parent;
    // A self-closing or cut-off tag is the whole element, so both ranges share one object;
    // a tag that opens content gets its own start-tag range when its ">" is found.
    const range: Range = { start, end: this.len };
    const el: SvgElement = {
      kind: 'element', name, attributes: [], children: NO_CHILDREN, parent,
      range, startTagRange: range, endTagRange: undefined,
      selfClosing: false, closed: false,
    };
    if (parent) addChild(parent, el);
    else {
      this.top.push(el);
      if (!this.root) this.root = el;
      else this.error('multiple-roots', `A document has one root element; <${name}> is a second one.`, start, nameEnd);
    }
    this.pos = nameEnd;
    let seen: Set<string> | undefined;
    // Attributes gather in a reused array and are copied once to an exact-size one: a
    // growing array reserves 17 slots, most of the memory of a million one-attribute elements.
    // (Never truncated: setting length to 0 would free its storage, and every tag would allocate it anew.)
    const attrs = this.attributeScratch;
    let count = 0;
    for (;;) {
      const spaced = this.skipSpace();
      if (this.pos >= this.len) {
        // Cut mid-tag: keep what was read, leave the element open.
        this.eof(`The document ends inside the start tag of <${name}>.`);
        this.pushOpen(el);
        break;
      }
      const c = text.charCodeAt(this.pos);
      if (c === GT) {
        this.pos++;
        el.startTagRange = { start, end: this.pos };
        this.pushOpen(el);
        break;
      }
      if (c === SLASH) {
        if (text.charCodeAt(this.pos + 1) === GT) {
          this.pos += 2;
          range.end = this.pos;
          el.selfClosing = el.closed = true;
          break;
        }
        this.error('unexpected-character', 'Expected "/>" to end the tag.', this.pos, this.pos + 1);
        this.pos++;
        continue;
      }
      if (c === LT) {
        this.error('unclosed-start-tag', `The start tag of <${name}> is missing its ">".`, start, start + 1 + name.length);
        el.startTagRange = { start, end: this.pos };
        this.pushOpen(el);
        break;
      }
      if (!isNameStart(c)) {
        this.error('unexpected-character', `Unexpected "${text[this.pos]}" in the start tag of <${name}>.`, this.pos, this.pos + 1);
        this.pos++;
        continue;
      }
      if (!spaced) this.error('missing-whitespace', 'Attributes must be separated by whitespace.', this.pos, this.pos + 1);
      const attr = this.attribute();
      if (count >= 8 && !seen) {
        seen = new Set();
        for (let k = 0; k < count; k++) seen.add(attrs[k].name);
      }
      let duplicate = false;
      if (seen) duplicate = seen.has(attr.name);
      else for (let k = 0; k < count && !duplicate; k++) duplicate = attrs[k].name === attr.name;
      if (duplicate) this.error('duplicate-attribute', `Attribute "${attr.name}" is given more than once.`, attr.nameRange.start, attr.nameRange.end);
      seen?.add(attr.name);
      attrs[count++] = attr;
    }
    if (count) el.attributes = attrs.slice(0, count);
  }

  /**
   * Element and attribute names as one shared string each, since a document
   * repeats a few names many times. A small direct-mapped cache: a hit costs a
   * comparison and no allocation, and nothing grows however many names a
   * hostile file invents.
   */
  private name(start: number, end: number): string {
    const text = this.text;
    const len = end - start;
    if (len === 0 || len > MAX_SHARED_NAME_LENGTH) return text.slice(start, end);
    const slot = (text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) * 7 + len) & (SHARED_NAME_SLOTS - 1);
    const cached = sharedNames[slot];
    if (cached.length === len && text.startsWith(cached, start)) return cached;
    return (sharedNames[slot] = text.slice(start, end));
  }

  private attribute(): SvgAttribute {
    const text = this.text;
    const start = this.pos;
    const nameEnd = this.scanName(start);
    const name = this.name(start, nameEnd);
    this.pos = nameEnd;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== EQ) {
      this.pos = nameEnd;
      if (nameEnd < this.len) this.error('attribute-without-value', `Attribute "${name}" has no value; write ${name}="…".`, start, nameEnd);
      return new Attribute(name, '', false, start, nameEnd, nameEnd, nameEnd);
    }
    this.pos++;
    this.skipSpace();
    const q = text.charCodeAt(this.pos);
    let valueStart: number;
    let valueEnd: number;
    let end: number;
    if (q === QUOT || q === APOS) {
      valueStart = this.pos + 1;
      const close = text.indexOf(q === QUOT ? '"' : "'", valueStart);
      if (close === -1) {
        valueEnd = end = this.len;
        this.eof(`The document ends inside the value of "${name}".`);
      } else {
        valueEnd = close;
        end = close + 1;
      }
    } else {
      valueStart = this.pos;
      let p = valueStart;
      while (p < this.len) {
        const c = text.charCodeAt(p);
        if (isSpace(c) || c === GT || c === LT || (c === SLASH && text.charCodeAt(p + 1) === GT)) break;
        p++;
      }
      valueEnd = end = p;
      if (p >= this.len && p === valueStart) this.eof(`The document ends before the value of "${name}".`);
      else if (p === valueStart) this.error('missing-attribute-value', `Attribute "${name}" has no value after "=".`, start, p);
      else this.error('unquoted-attribute-value', `The value of "${name}" must be in quotes.`, valueStart, valueEnd);
    }
    this.pos = end;
    const raw = text.slice(valueStart, valueEnd);
    const lt = raw.indexOf('<');
    if (lt !== -1) this.error('lt-in-attribute-value', `"<" is not allowed in an attribute value; write "&lt;".`, valueStart + lt, valueStart + lt + 1);
    const hasReferences = raw.indexOf('&') !== -1;
    const value = hasReferences ? this.expandReferences(raw, valueStart) : raw;
    return new Attribute(name, value, hasReferences, start, valueStart, valueEnd, end);
  }

  private endTag(): void {
    const text = this.text;
    const start = this.pos;
    const nameEnd = this.scanName(start + 2);
    const name = text.slice(start + 2, nameEnd);
    this.pos = nameEnd;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === GT) this.pos++;
    else if (this.pos >= this.len) this.eof(`The document ends inside the end tag </${name}>.`);
    else {
      this.error('malformed-end-tag', `The end tag </${name}> must end with ">" right after its name.`, this.pos, this.pos + 1);
      while (this.pos < this.len) {
        const c = text.charCodeAt(this.pos);
        if (c === LT) break;
        this.pos++;
        if (c === GT) break;
      }
    }
    const range = { start, end: this.pos };
    if (!name) {
      this.error('invalid-tag-name', 'An end tag needs a name.', start, this.pos);
      return;
    }
    if (!this.openNames.has(name)) {
      this.error(this.stack.length ? 'mismatched-end-tag' : 'unexpected-end-tag',
        this.stack.length ? `</${name}> does not match the open <${this.parent!.name}>.` : `</${name}> has no matching start tag.`, start, this.pos);
      return;
    }
    while (this.stack.length) {
      const el = this.popOpen();
      if (el.name === name) {
        el.endTagRange = range;
        el.range.end = range.end;
        el.closed = true;
        return;
      }
      el.range.end = start;
      this.reportUnclosed(el, ` before </${name}>`);
    }
  }

  // ── comments, CDATA, processing instructions, DOCTYPE ──────────────────

  private markupDeclaration(): void {
    const text = this.text;
    const start = this.pos;
    if (text.startsWith('<!--', start)) {
      const close = text.indexOf('-->', start + 4);
      const end = close === -1 ? this.len : close + 3;
      if (close === -1) this.error('unterminated-comment', 'The comment is not closed with "-->".', start, start + 4);
      const node: SvgComment = { kind: 'comment', value: text.slice(start + 4, close === -1 ? this.len : close), range: { start, end }, parent: this.parent };
      this.append(node);
      this.pos = end;
      return;
    }
    if (text.startsWith('<![CDATA[', start)) {
      const close = text.indexOf(']]>', start + 9);
      const end = close === -1 ? this.len : close + 3;
      if (close === -1) this.error('unterminated-cdata', 'The CDATA section is not closed with "]]>".', start, start + 9);
      if (!this.parent) this.error('text-outside-root', 'CDATA is not allowed outside the root element.', start, end);
      const node: SvgText = { kind: 'cdata', value: text.slice(start + 9, close === -1 ? this.len : close), range: { start, end }, parent: this.parent };
      this.append(node);
      this.pos = end;
      return;
    }
    if (text.slice(start + 2, start + 9).toUpperCase() === 'DOCTYPE') {
      this.doctype();
      return;
    }
    const end = this.skipDeclaration(start + 2);
    this.error('invalid-markup', 'Unknown markup declaration; expected "<!--", "<![CDATA[" or "<!DOCTYPE".', start, end);
    this.pos = end;
  }

  /** Skips to just past the ">" that ends a declaration, stepping over quoted strings. */
  private skipDeclaration(from: number): number {
    const text = this.text;
    let p = from;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (c === GT) return p + 1;
      if (c === QUOT || c === APOS) {
        const close = text.indexOf(c === QUOT ? '"' : "'", p + 1);
        if (close === -1) return this.len;
        p = close + 1;
      } else p++;
    }
    return this.len;
  }

  private processingInstruction(): void {
    const text = this.text;
    const start = this.pos;
    const close = text.indexOf('?>', start + 2);
    const end = close === -1 ? this.len : close + 2;
    if (close === -1) this.error('unterminated-processing-instruction', 'The processing instruction is not closed with "?>".', start, start + 2);
    const value = text.slice(start + 2, close === -1 ? this.len : close);
    if (/^xml(?:\s|$)/i.test(value) && start !== (text.charCodeAt(0) === 0xfeff ? 1 : 0)) {
      this.error('misplaced-xml-declaration', 'The XML declaration must come first in the document.', start, end);
    }
    const node: SvgProcessingInstruction = { kind: 'pi', value, range: { start, end }, parent: this.parent };
    this.append(node);
    this.pos = end;
  }

  private doctype(): void {
    const text = this.text;
    const start = this.pos;
    if (this.parent || this.root) this.error('misplaced-doctype', 'A DOCTYPE must come before the root element.', start, start + 9);
    let p = start + 9;
    let end = this.len;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (c === GT) { end = p + 1; break; }
      if (c === QUOT || c === APOS) {
        const close = text.indexOf(c === QUOT ? '"' : "'", p + 1);
        p = close === -1 ? this.len : close + 1;
      } else if (c === 91 /* [ */) {
        p = this.internalSubset(p + 1);
      } else p++;
    }
    if (end === this.len && text.charCodeAt(this.len - 1) !== GT) this.eof('The document ends inside the DOCTYPE.');
    const node: SvgProcessingInstruction = { kind: 'doctype', value: text.slice(start + 2, end === this.len && text.charCodeAt(end - 1) !== GT ? end : end - 1), range: { start, end }, parent: this.parent };
    this.append(node);
    this.pos = end;
  }

  /** Reads declarations up to the closing "]"; returns the offset after it. Only general internal entities are kept. */
  private internalSubset(from: number): number {
    const text = this.text;
    let p = from;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (isSpace(c)) { p++; continue; }
      if (c === 93 /* ] */) return p + 1;
      if (text.startsWith('<!ENTITY', p)) p = this.entityDeclaration(p);
      else if (text.startsWith('<!--', p)) {
        const close = text.indexOf('-->', p + 4);
        p = close === -1 ? this.len : close + 3;
      } else if (text.startsWith('<?', p)) {
        const close = text.indexOf('?>', p + 2);
        p = close === -1 ? this.len : close + 2;
      } else if (text.startsWith('<!', p)) p = this.skipDeclaration(p + 2);
      else if (c === 37 /* % */) {
        const semi = this.scanName(p + 1);
        p = text.charCodeAt(semi) === 59 ? semi + 1 : semi;
      } else {
        this.error('invalid-doctype', `Unexpected "${text[p]}" in the DOCTYPE internal subset.`, p, p + 1);
        p++;
      }
    }
    return p;
  }

  private entityDeclaration(start: number): number {
    const text = this.text;
    const end = this.skipDeclaration(start + 8);
    let p = start + 8;
    const skip = () => { while (p < end && isSpace(text.charCodeAt(p))) p++; };
    skip();
    if (text.charCodeAt(p) === 37 /* % */) return end; // parameter entity: only meaningful inside DTDs, never expanded here
    const nameStart = p;
    p = this.scanName(p);
    const name = text.slice(nameStart, p);
    skip();
    const q = text.charCodeAt(p);
    if (!name) {
      this.error('invalid-entity-declaration', 'An entity declaration needs a name.', start, end);
      return end;
    }
    if (q === QUOT || q === APOS) {
      const close = text.indexOf(q === QUOT ? '"' : "'", p + 1);
      if (close === -1 || close >= end) {
        this.error('invalid-entity-declaration', `The value of entity "${name}" is not closed.`, start, end);
        return end;
      }
      const value = text.slice(p + 1, close);
      if (this.entities.has(name) || this.externalEntities.has(name)) return end; // XML: the first declaration binds
      if (value.length > this.maxExpansionChars) {
        this.error('entity-limit', `Entity "${name}" is longer than the ${this.maxExpansionChars}-character expansion limit; it is not defined.`, nameStart, nameStart + name.length);
        return end;
      }
      this.entities.set(name, value);
      return end;
    }
    // SYSTEM or PUBLIC: an external entity. Never fetched or read.
    if (!this.entities.has(name)) this.externalEntities.add(name);
    return end;
  }

  // ── references ────────────────────────────────────────────────────────

  /** Expands character and entity references in raw (which starts at absolute offset base). Bad references stay as written. */
  private expandReferences(raw: string, base: number): string {
    let out = '';
    let i = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', i)) {
      out += raw.slice(i, amp);
      const semi = this.referenceEnd(raw, amp);
      if (semi === -1) {
        this.error('invalid-reference', 'A "&" must start a reference like "&amp;" or "&#38;"; write "&amp;" for a literal "&".', base + amp, base + amp + 1);
        out += '&';
        i = amp + 1;
        continue;
      }
      const body = raw.slice(amp + 1, semi);
      const start = base + amp;
      const end = base + semi + 1;
      i = semi + 1;
      if (body.charCodeAt(0) === 35 /* # */) {
        const cp = parseCharReference(body);
        if (cp === undefined) {
          this.error('invalid-character-reference', `"&${body};" is not a valid character reference.`, start, end);
          out += '\uFFFD';
        } else out += String.fromCodePoint(cp);
        continue;
      }
      const predefined = PREDEFINED_ENTITIES[body];
      if (predefined !== undefined) { out += predefined; continue; }
      const expanded = this.useEntity(body, start, end);
      out += expanded ?? `&${body};`;
    }
    return out + raw.slice(i);
  }

  /** Index of the ";" closing a well-formed reference starting at amp, or -1. */
  private referenceEnd(raw: string, amp: number): number {
    let p = amp + 1;
    if (raw.charCodeAt(p) === 35) {
      p++;
      if (raw.charCodeAt(p) === 120 /* x */) p++;
      const digitsStart = p;
      while (p < raw.length && /[0-9a-fA-F]/.test(raw[p])) p++;
      return p > digitsStart && raw.charCodeAt(p) === 59 ? p : -1;
    }
    if (!isNameStart(raw.charCodeAt(p))) return -1;
    while (p < raw.length && !endsName(raw.charCodeAt(p)) && raw.charCodeAt(p) !== 59 && raw.charCodeAt(p) !== 38) p++;
    return raw.charCodeAt(p) === 59 ? p : -1;
  }

  /** Expansion of &name; used at [start, end), charged to the document's budget; undefined (after an error) when refused. */
  private useEntity(name: string, start: number, end: number): string | undefined {
    if (this.limitReported) return undefined;
    const result = this.expandEntity(name, 0, new Set());
    if ('failure' in result) {
      if (result.failure === 'limit') this.reportLimit(start, end);
      else if (result.failure === 'recursive') this.error('recursive-entity', `Entity "${result.name}" refers to itself.`, start, end);
      else if (result.failure === 'external') this.error('external-entity', `"&${result.name};" is an external entity; external entities are never loaded.`, start, end);
      else this.error('undefined-entity', `Entity "${result.name}" is not defined.`, start, end);
      return undefined;
    }
    if (this.expansions + result.references > this.maxExpansions || this.expansionChars + result.text.length > this.maxExpansionChars) {
      this.reportLimit(start, end);
      return undefined;
    }
    this.expansions += result.references;
    this.expansionChars += result.text.length;
    return result.text;
  }

  private reportLimit(start: number, end: number): void {
    if (this.limitReported) return;
    this.limitReported = true;
    this.error('entity-limit',
      `Entity expansion stopped here: the document would expand more than ${this.maxExpansions} references or ${this.maxExpansionChars} characters. This and later references are left unexpanded.`,
      start, end);
  }

  /**
   * Full expansion of one entity, memoized. Each result is bounded by the
   * budget on its own, so nested definitions (the "billion laughs") cost
   * linear work: the first level that would exceed the budget fails.
   */
  private expandEntity(name: string, depth: number, active: Set<string>): ExpandedEntity | EntityFailure {
    const cached = this.expanded.get(name);
    if (cached) return cached;
    const value = this.entities.get(name);
    if (value === undefined) return { failure: this.externalEntities.has(name) ? 'external' : 'undefined', name };
    if (active.has(name)) return { failure: 'recursive', name };
    if (depth >= MAX_ENTITY_NESTING) return { failure: 'limit', name };
    active.add(name);
    let text = '';
    let references = 1;
    let failure: EntityFailure | undefined;
    let i = 0;
    for (let amp = value.indexOf('&'); amp !== -1 && !failure; amp = value.indexOf('&', i)) {
      text += value.slice(i, amp);
      const semi = this.referenceEnd(value, amp);
      if (semi === -1) { text += '&'; i = amp + 1; continue; }
      const body = value.slice(amp + 1, semi);
      i = semi + 1;
      if (body.charCodeAt(0) === 35) { text += String.fromCodePoint(parseCharReference(body) ?? 0xfffd); continue; }
      const predefined = PREDEFINED_ENTITIES[body];
      if (predefined !== undefined) { text += predefined; continue; }
      const inner = this.expandEntity(body, depth + 1, active);
      if ('failure' in inner) { failure = inner; break; }
      references += inner.references;
      if (text.length + inner.text.length > this.maxExpansionChars || references > this.maxExpansions) { failure = { failure: 'limit', name }; break; }
      text += inner.text;
    }
    active.delete(name);
    if (!failure) {
      text += value.slice(i);
      if (text.length > this.maxExpansionChars) failure = { failure: 'limit', name };
    }
    const result = failure ?? { text, references };
    // A "recursive" failure below the top depends on which ancestors are being expanded; only cache what is intrinsic.
    if (!failure || failure.failure !== 'recursive' || depth === 0) this.expanded.set(name, result);
    return result;
  }
}

function parseCharReference(body: string): number | undefined {
  const hex = body.charCodeAt(1) === 120;
  const digits = body.slice(hex ? 2 : 1);
  if (!digits || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
  const cp = digits.length > 8 ? Infinity : parseInt(digits, hex ? 16 : 10);
  if (!(cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff))) return undefined;
  return cp;
}
