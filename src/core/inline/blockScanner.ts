// Reads one <svg>…</svg> block out of a host document and writes it as a
// standalone SVG document, with a map back to the host (see offsetMap.ts).
//
// What the host writes differently from an .svg file is turned into SVG where
// the meaning is certain, and skipped (blanked, and listed with the reason)
// where it is not:
// - string escapes when the block sits in a JS string or template literal;
// - JSX attribute names (className → class, strokeWidth → stroke-width);
// - {…} values that are constants ({"M0 0h4"}, {2}) become quoted values;
//   any other expression, ${…} interpolation, spread, Vue binding or
//   directive, Svelte/Astro block or mustache is skipped;
// - HTML's unquoted and valueless attributes get quotes;
// - the root gets the xmlns (and xmlns:xlink) that HTML implies.
import type { Range } from '../svg/types';
import { svgAttributeName } from './jsxNames';
import { BlockTextBuilder, type OffsetMap } from './offsetMap';
import { expressionEnd } from './scriptLexer';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** Shown with a skipped expression at most; longer ones are cut with "…". */
const SHOWN_EXPRESSION_CHARS = 40;
/** Namespace prefixes that are SVG's own in any host; other prefixed attributes in a template are framework directives. */
const XML_PREFIXES = new Set(['xlink', 'xml', 'xmlns', 'svg']);

export interface BlockSyntax {
  /** The quote of the JS string or template literal the block sits in; undefined in markup or JSX. */
  quote?: '`' | '"' | "'";
  jsx: boolean;
  braces: boolean;
  vue: boolean;
}

/** A piece of the host that could not be turned into SVG and was left out of the block. */
export interface SkippedPart {
  hostRange: Range;
  blockRange: Range;
  /** One line for a user, e.g. "{color} is not a constant; its attribute is skipped". */
  reason: string;
}

/** A start tag that lost part of itself: only findings inside its known attribute values still hold. */
interface PartialTag {
  range: Range;
  knownValues: Range[];
}

export interface ScannedBlock {
  hostRange: Range;
  text: string;
  map: OffsetMap;
  skipped: SkippedPart[];
  partialTags: PartialTag[];
  /** The block did not reach its </svg> before the host context ended. */
  unclosed: boolean;
  syntax: BlockSyntax;
}

interface Char {
  ch: string;
  /** Host characters it takes (2+ for an escape). */
  len: number;
}

interface AttributeSpan {
  start: number;
  nameEnd: number;
  name: string;
  /** Value: the quote char or "{" (JSX/Svelte/Astro expression), "bare" (HTML unquoted), or none. */
  value?: { kind: '"' | "'" | '{' | 'bare'; start: number; end: number };
  end: number;
}

export class BlockScanner {
  private pos: number;
  private copyFrom: number;
  private readonly out: BlockTextBuilder;
  private readonly skipped: SkippedPart[] = [];
  private readonly partialTags: PartialTag[] = [];
  private depth = 0;
  /** Characters content scanning must stop at, for this syntax. */
  private readonly special: RegExp;

  constructor(private readonly text: string, private readonly start: number, private readonly limit: number, private readonly syntax: BlockSyntax) {
    this.pos = start;
    this.copyFrom = start;
    this.out = new BlockTextBuilder(text);
    const q = syntax.quote;
    const chars = `<${syntax.jsx || syntax.braces || syntax.vue ? '{' : ''}${q ? `\\\\${q}${q === '`' ? '$' : '\\n\\r'}` : ''}`;
    this.special = new RegExp(`[${chars}]`, 'g');
  }

  scan(): ScannedBlock {
    let closed = false;
    while (this.pos < this.limit) {
      if (this.atContextEnd()) break;
      const t = this.text;
      const c = t[this.pos];
      if (this.atInterpolation()) { this.skipExpression(this.pos + 1, 'interpolation'); continue; }
      if (c === '{' && this.syntax.vue && t[this.pos + 1] === '{') { this.skipMustache(); continue; }
      if (c === '{' && (this.syntax.jsx || this.syntax.braces)) { this.skipExpression(this.pos, 'child'); continue; }
      if (c === '<') {
        if (t.startsWith('<!--', this.pos)) { this.consumeThrough('-->'); continue; }
        if (t.startsWith('<![CDATA[', this.pos)) { this.consumeThrough(']]>'); continue; }
        if (t[this.pos + 1] === '/') {
          const name = this.nameAt(this.pos + 2);
          this.consumeThrough('>');
          if (isSvgName(name) && --this.depth === 0) { closed = true; break; }
          continue;
        }
        if (/[A-Za-z_]/.test(t[this.pos + 1] ?? '')) { this.startTag(); if (this.depth === 0) { closed = true; break; } continue; }
      }
      this.skipPlainText();
    }
    this.flush();
    const { text, map } = this.out.finish();
    return { hostRange: { start: this.start, end: this.pos }, text, map, skipped: this.skipped, partialTags: this.partialTags, unclosed: !closed, syntax: this.syntax };
  }

  // ── characters, escapes and copying ────────────────────────────────────────

  /** Moves over the current character and any run after it that needs no decoding and starts nothing. */
  private skipPlainText(): void {
    if (this.text[this.pos] === '\\' && this.syntax.quote) { this.consumeChar(); return; }
    const special = this.special;
    special.lastIndex = this.pos + 1;
    const m = special.exec(this.text);
    this.pos = Math.min(m ? m.index : this.limit, this.limit);
  }


  /** The next character as the host's string means it (escapes decoded), or undefined at the end of the context. */
  private peek(at = this.pos): Char | undefined {
    if (at >= this.limit) return undefined;
    const t = this.text;
    const c = t[at];
    const q = this.syntax.quote;
    if (!q) return { ch: c, len: 1 };
    if (c === q) return undefined;
    if (q !== '`' && (c === '\n' || c === '\r')) return undefined;
    if (c !== '\\') return { ch: c, len: 1 };
    return decodeEscape(t, at);
  }

  private atContextEnd(): boolean {
    return this.peek() === undefined;
  }

  private atInterpolation(at = this.pos): boolean {
    return this.syntax.quote === '`' && this.text[at] === '$' && this.text[at + 1] === '{';
  }

  /** Ends the pending copied run at the current position. */
  private flush(): void {
    if (this.pos > this.copyFrom) this.out.copy(this.copyFrom, this.pos);
    this.copyFrom = this.pos;
  }

  private consumeChar(): void {
    const c = this.peek();
    if (!c) return;
    if (c.len === 1) { this.pos++; return; }
    this.flush();
    this.out.write(c.ch, this.pos, this.pos + c.len);
    this.pos += c.len;
    this.copyFrom = this.pos;
  }

  /** Copies through the next `marker` (escapes decoded), stopping early at the end of the context. */
  private consumeThrough(marker: string): void {
    let matched = '';
    while (this.pos < this.limit) {
      const c = this.peek();
      if (!c) return;
      this.consumeChar();
      matched = (matched + c.ch).slice(-marker.length);
      if (matched === marker) return;
    }
  }

  /** Emits host[from, to) as block text, escapes decoded. */
  private emit(from: number, to: number): void {
    this.flush();
    const saved = this.pos;
    this.pos = from;
    this.copyFrom = from;
    while (this.pos < to) this.consumeChar();
    this.flush();
    this.pos = Math.max(saved, to);
    this.copyFrom = this.pos;
  }

  private replace(text: string, from: number, to: number): void {
    this.flush();
    this.out.write(text, from, to);
    this.pos = Math.max(this.pos, to);
    this.copyFrom = this.pos;
  }

  private skip(from: number, to: number, reason: string): Range {
    this.flush();
    const blockStart = this.out.offset;
    this.out.write(' ', from, to);
    this.pos = Math.max(this.pos, to);
    this.copyFrom = this.pos;
    const blockRange = { start: blockStart, end: this.out.offset };
    this.skipped.push({ hostRange: { start: from, end: to }, blockRange, reason });
    return blockRange;
  }

  // ── expressions ────────────────────────────────────────────────────────────

  /** Skips the {…} opening at `open` (its "$" before it for an interpolation); returns the host end. */
  private skipExpression(open: number, where: 'interpolation' | 'child' | 'tag'): number {
    const from = where === 'interpolation' ? open - 1 : open;
    // Svelte's {#if …}, {:else}, {/each}, {@html …} are block markers, not JavaScript.
    const marker = this.syntax.braces && /[#:/@]/.test(this.text[open + 1] ?? '');
    const close = marker ? this.text.indexOf('}', open) : expressionEnd(this.text, open, this.limit);
    const to = close < 0 || close >= this.limit ? this.limit : close + 1;
    const shown = shorten(this.text.slice(from, to));
    const reason = where === 'child' ? `${shown} is not SVG the editor can read; skipped`
      : where === 'tag' ? `${shown} adds attributes only known at run time; skipped`
        : `${shown} is only known at run time; skipped`;
    this.skip(from, to, reason);
    return to;
  }

  private skipMustache(): void {
    const close = this.text.indexOf('}}', this.pos + 2);
    const to = close < 0 || close + 2 > this.limit ? this.limit : close + 2;
    this.skip(this.pos, to, `${shorten(this.text.slice(this.pos, to))} is only known at run time; skipped`);
  }

  // ── tags ───────────────────────────────────────────────────────────────────

  /** The element or attribute name starting at `at` (raw host text). */
  private nameAt(at: number): string {
    let end = at;
    const t = this.text;
    while (end < this.limit && !/[\s/>="'`{}\\]/.test(t[end])) end++;
    return t.slice(at, end);
  }

  private startTag(): void {
    this.flush();
    const blockTagStart = this.out.offset;
    const name = this.nameAt(this.pos + 1);
    const nameEnd = this.pos + 1 + name.length;
    const isRoot = this.depth === 0;
    this.pos = nameEnd;
    if (isRoot) this.addImpliedNamespaces(nameEnd);
    let lost = false;
    const knownValues: Range[] = [];
    let selfClosing = false;
    for (;;) {
      // White space between attributes.
      while (this.peek() && /\s/.test(this.peek()!.ch)) this.consumeChar();
      const c = this.peek();
      if (!c) break;
      if (c.ch === '>') { this.consumeChar(); break; }
      if (c.ch === '/' && this.peek(this.pos + c.len)?.ch === '>') { this.consumeChar(); this.consumeChar(); selfClosing = true; break; }
      if (this.atInterpolation()) { this.skipExpression(this.pos + 1, 'interpolation'); lost = true; continue; }
      if (c.ch === '{' && (this.syntax.jsx || this.syntax.braces)) { this.skipExpression(this.pos, 'tag'); lost = true; continue; }
      const attr = this.readAttribute();
      if (!attr) { this.consumeChar(); continue; }
      const outcome = this.emitAttribute(attr);
      if (outcome === 'skipped') lost = true;
      else if (outcome) knownValues.push(outcome);
    }
    if (isSvgName(name)) this.depth++;
    if (selfClosing && isSvgName(name)) this.depth--;
    if (lost) {
      this.flush();
      this.partialTags.push({ range: { start: blockTagStart, end: this.out.offset }, knownValues });
    }
  }

  /** Before the root's attributes: the namespaces an HTML parser gives inline <svg> without being told. */
  private addImpliedNamespaces(nameEnd: number): void {
    const t = this.text;
    const tagEnd = t.indexOf('>', nameEnd);
    const tag = t.slice(nameEnd, tagEnd < 0 ? this.limit : Math.min(tagEnd, this.limit));
    this.flush();
    if (!/(^|[\s"'{}])xmlns\s*=/.test(tag)) this.out.write(` xmlns="${SVG_NS}"`, nameEnd, nameEnd);
    if (!/xmlns(:x|X)link/.test(tag)) {
      // Up to the first </svg (a nested one ends the look early; the xlink prefix is rare past it).
      const closing = /<\/svg/gi;
      closing.lastIndex = nameEnd;
      const close = closing.exec(t)?.index ?? -1;
      const end = close < 0 ? this.limit : Math.min(close, this.limit);
      if (/xlink(:|H)/.test(t.slice(nameEnd, end))) this.out.write(` xmlns:xlink="${XLINK_NS}"`, nameEnd, nameEnd);
    }
  }

  /** Reads one attribute's extent without emitting it; undefined when no name starts here. */
  private readAttribute(): AttributeSpan | undefined {
    const start = this.pos;
    let p = start;
    let name = '';
    for (;;) {
      const c = this.peek(p);
      if (!c || /[\s=>"'`{}]/.test(c.ch) || (c.ch === '/' && this.peek(p + c.len)?.ch === '>') || this.atInterpolation(p)) break;
      name += c.ch;
      p += c.len;
    }
    if (!name) return undefined;
    const nameEnd = p;
    let q = p;
    while (this.peek(q) && /\s/.test(this.peek(q)!.ch)) q += this.peek(q)!.len;
    if (this.peek(q)?.ch !== '=') return { start, nameEnd, name, end: nameEnd };
    q += this.peek(q)!.len;
    while (this.peek(q) && /\s/.test(this.peek(q)!.ch)) q += this.peek(q)!.len;
    const v = this.peek(q);
    if (!v) return { start, nameEnd, name, end: q };
    if ((v.ch === '"' || v.ch === "'") && !this.syntax.quote && !this.syntax.braces) {
      // Nothing inside needs decoding or can interpolate: the value ends at its quote.
      const valueStart = q + 1;
      const close = this.text.indexOf(v.ch, valueStart);
      const end = close < 0 || close >= this.limit ? this.limit : close;
      return { start, nameEnd, name, value: { kind: v.ch, start: valueStart, end }, end: close < 0 || close >= this.limit ? end : end + 1 };
    }
    if (v.ch === '"' || v.ch === "'") {
      const valueStart = q + v.len;
      let r = valueStart;
      for (;;) {
        const c = this.peek(r);
        if (!c) return { start, nameEnd, name, value: { kind: v.ch, start: valueStart, end: r }, end: r };
        if (c.ch === v.ch) return { start, nameEnd, name, value: { kind: v.ch, start: valueStart, end: r }, end: r + c.len };
        if (this.atInterpolation(r)) {
          const close = expressionEnd(this.text, r + 1, this.limit);
          r = close < 0 ? this.limit : close + 1;
          continue;
        }
        r += c.len;
      }
    }
    if (v.ch === '{' && (this.syntax.jsx || this.syntax.braces)) {
      const close = expressionEnd(this.text, q, this.limit);
      const end = close < 0 ? this.limit : close + 1;
      return { start, nameEnd, name, value: { kind: '{', start: q, end }, end };
    }
    if (this.atInterpolation(q)) {
      const close = expressionEnd(this.text, q + 1, this.limit);
      const end = close < 0 ? this.limit : close + 1;
      return { start, nameEnd, name, value: { kind: '{', start: q, end }, end };
    }
    let r = q;
    for (;;) {
      const c = this.peek(r);
      if (!c || /[\s>]/.test(c.ch) || this.atInterpolation(r)) break;
      r += c.len;
    }
    return { start, nameEnd, name, value: { kind: 'bare', start: q, end: r }, end: r };
  }

  /** Writes one attribute; returns its value's block range when known, 'skipped' when left out, undefined when it has no value. */
  private emitAttribute(a: AttributeSpan): Range | 'skipped' | undefined {
    const directive = this.directiveKind(a.name);
    if (directive) {
      this.skip(a.start, a.end, `${shorten(this.text.slice(a.start, a.end))} is ${directive}; skipped`);
      return 'skipped';
    }
    const svgName = this.syntax.jsx && !this.syntax.quote ? svgAttributeName(a.name) : a.name;
    if (svgName !== a.name) this.replace(svgName, a.start, a.nameEnd);
    else this.emit(a.start, a.nameEnd);
    const v = a.value;
    if (!v) {
      // A valueless attribute (HTML boolean, JSX true) has no XML spelling but name="".
      this.replace('=""', a.nameEnd, a.nameEnd);
      return undefined;
    }
    if (v.kind === '{') {
      const constant = constantValue(this.text, v.start, v.end, this.syntax.quote !== undefined);
      if (!constant) {
        this.replace('=""', a.nameEnd, a.nameEnd);
        const raw = this.text.slice(v.start, v.end);
        this.skip(a.nameEnd, a.end, `${shorten(raw)} is not a constant; the ${svgName} attribute is skipped`);
        return 'skipped';
      }
      return this.emitConstant(a, constant);
    }
    if (v.kind === 'bare') {
      this.emit(a.nameEnd, v.start);
      const valueStart = this.out.offset + 1;
      this.replace('"', v.start, v.start);
      this.emit(v.start, v.end);
      const valueEnd = this.out.offset;
      this.replace('"', v.end, v.end);
      return { start: valueStart, end: valueEnd };
    }
    // Quoted: copy, but skip any interpolation inside (the whole value is then unknown).
    this.emit(a.nameEnd, v.start);
    const valueStart = this.out.offset;
    let interpolated = false;
    let from = v.start;
    for (let p = v.start; p < v.end;) {
      if (this.atInterpolation(p) || (this.syntax.braces && this.text[p] === '{')) {
        this.emit(from, p);
        const open = this.text[p] === '$' ? p + 1 : p;
        const close = expressionEnd(this.text, open, v.end);
        const to = close < 0 ? v.end : close + 1;
        this.skip(p, to, `${shorten(this.text.slice(p, to))} is only known at run time; the ${svgName} attribute is skipped`);
        interpolated = true;
        p = from = to;
        continue;
      }
      p += this.peek(p)?.len ?? 1;
    }
    this.emit(from, v.end);
    const valueEnd = this.out.offset;
    this.emit(v.end, a.end);
    if (interpolated) {
      this.skipped.push({ hostRange: { start: v.start, end: v.end }, blockRange: { start: valueStart, end: valueEnd }, reason: `the ${svgName} value is only known at run time; skipped` });
      return 'skipped';
    }
    return { start: valueStart, end: valueEnd };
  }

  private emitConstant(a: AttributeSpan, c: Constant): Range {
    const quote = c.text.includes('"') ? "'" : '"';
    this.replace(`=${quote}`, a.nameEnd, c.innerStart);
    const valueStart = this.out.offset;
    if (c.exact) this.emit(c.innerStart, c.innerEnd);
    else this.replace(escapeXml(c.text, quote), c.innerStart, c.innerEnd);
    const valueEnd = this.out.offset;
    this.replace(quote, c.innerEnd, a.end);
    return { start: valueStart, end: valueEnd };
  }

  /** Why an attribute of this name is a framework directive rather than SVG, or undefined when it is SVG. */
  private directiveKind(name: string): string | undefined {
    if (this.syntax.vue && (name.startsWith(':') || name.startsWith('@') || name.startsWith('#') || name.startsWith('v-'))) return 'a Vue binding';
    if (this.syntax.jsx && !this.syntax.quote && name.startsWith('on') && /^on[A-Z]/.test(name)) return 'an event handler';
    const colon = name.indexOf(':');
    if (colon > 0 && (this.syntax.braces || this.syntax.vue) && !XML_PREFIXES.has(name.slice(0, colon))) return 'a template directive';
    return undefined;
  }
}

interface Constant {
  text: string;
  /** Host range of the literal's characters (inside its quotes, or the number). */
  innerStart: number;
  innerEnd: number;
  /** The literal's characters are the value as written (no escapes), so they can be copied. */
  exact: boolean;
}

/** A {…} expression that is a string or number literal, or undefined. `{"M0 0"}`, `{'red'}`, `{\`a\`}`, `{2}`, `{-1.5}`. */
function constantValue(text: string, open: number, end: number, inString: boolean): Constant | undefined {
  if (inString) return undefined;
  const inner = text.slice(open + 1, end - 1);
  const lead = inner.length - inner.trimStart().length;
  const body = inner.trim();
  const innerStart = open + 1 + lead;
  const m = /^(["'`])([^]*)\1$/.exec(body);
  if (m) {
    const value = m[2];
    if (m[1] === '`' && value.includes('${')) return undefined;
    if (value.includes(m[1])) return undefined; // an escaped quote inside: not worth decoding here
    // Copied as written unless XML would read it differently (escapes, markup characters, both quote kinds).
    const exact = !value.includes('\\') && !/[<&]/.test(value) && !(value.includes('"') && value.includes("'"));
    const decoded = value.includes('\\') ? decodeJsString(value) : value;
    return { text: decoded, innerStart: innerStart + 1, innerEnd: innerStart + 1 + value.length, exact };
  }
  if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) {
    return { text: body, innerStart, innerEnd: innerStart + body.length, exact: true };
  }
  return undefined;
}

function decodeJsString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') { out += s[i]; continue; }
    const e = decodeEscape(s, i);
    out += e.ch;
    i += e.len - 1;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The JS escape sequence at `at` (a backslash): the character it stands for and its length. */
function decodeEscape(text: string, at: number): Char {
  const n = text[at + 1];
  if (n === undefined) return { ch: '', len: 1 };
  if (n === '\r' && text[at + 2] === '\n') return { ch: '', len: 3 };
  if (n === '\n' || n === '\r' || n === '\u2028' || n === '\u2029') return { ch: '', len: 2 };
  if (n in SIMPLE_ESCAPES && !(n === '0' && /\d/.test(text[at + 2] ?? ''))) return { ch: SIMPLE_ESCAPES[n], len: 2 };
  if (n === 'x') {
    const hex = /^[0-9a-fA-F]{2}/.exec(text.slice(at + 2, at + 4));
    if (hex) return { ch: String.fromCharCode(parseInt(hex[0], 16)), len: 4 };
  }
  if (n === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(at + 2, at + 10));
    if (braced) {
      const cp = parseInt(braced[1], 16);
      if (cp <= 0x10ffff) return { ch: String.fromCodePoint(cp), len: 2 + braced[0].length };
    }
    const hex = /^[0-9a-fA-F]{4}/.exec(text.slice(at + 2, at + 6));
    if (hex) return { ch: String.fromCharCode(parseInt(hex[0], 16)), len: 6 };
  }
  return { ch: n, len: 2 };
}

function escapeXml(s: string, quote: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;');
}

function isSvgName(name: string): boolean {
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  return local.toLowerCase() === 'svg';
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > SHOWN_EXPRESSION_CHARS ? `${one.slice(0, SHOWN_EXPRESSION_CHARS - 1)}…` : one;
}
