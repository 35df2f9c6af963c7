// Removes active content from an SVG document: what could run script, load
// something from outside the document, or smuggle HTML into the page the SVG
// lands in. Model output is untrusted (any OpenAI-compatible endpoint, or a
// prompt-injected model, can write `<script>`), and generated SVG is pasted
// into HTML pages where it runs with the page's rights.
//
// Works on the project's tolerant parser, never on regular expressions over
// the markup. A well-formed document is edited in place (only the removed
// ranges change, so a user's formatting survives); a document the parser had
// to repair, or one with a DTD internal subset (whose entities could expand to
// markup in a browser's XML parser), is written out again from the parsed tree
// with everything escaped, so that what a browser parses is exactly what was
// checked.
//
// Inline SVG in HTML is parsed by the HTML parser's foreign-content rules,
// which differ from XML in a few places an attacker can use to hide markup
// from an XML-minded sanitizer: comments end at `--!>`, `<desc>`, `<title>`
// and `<foreignObject>` switch back to HTML parsing, where CDATA is a bogus
// comment ending at the first `>`. Comments holding `<`, `>` or `--`, markup
// inside `<title>`/`<desc>`, and CDATA holding `<` are therefore removed or
// escaped too.
import { parseSvg } from './parse';
import type { Range, SvgAttribute, SvgDocument, SvgElement, SvgNode } from './types';

export type RemovalKind = 'element' | 'attribute' | 'style' | 'comment' | 'instruction' | 'doctype' | 'markup';

export interface Removal {
  kind: RemovalKind;
  /** What was removed, for people: `<script>`, `onload on <svg>`, `href="https://…" on <use>`. */
  what: string;
}

export interface SanitizeResult {
  svg: string;
  removed: Removal[];
}

export interface SanitizeOptions {
  /**
   * The document the user had before a fix: active content already present in
   * it stays (the user's own `<use href="icons.svg#a">`, their fonts); only
   * what the new text adds is removed.
   */
  baseline?: string;
}

/** Elements removed wherever they appear, by local name (any prefix, any case: the HTML parser lowercases names). */
const ACTIVE_ELEMENTS = new Set([
  'script', 'handler', 'listener', 'iframe', 'frame', 'frameset', 'embed', 'object', 'applet', 'portal',
  'base', 'link', 'meta', 'img', 'audio', 'video', 'source', 'track', 'form', 'input', 'button', 'textarea', 'noscript', 'template',
]);
/** Attributes whose value is a URL the browser fetches or navigates to. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'background', 'poster', 'codebase', 'srcset', 'ping', 'lowsrc', 'dynsrc']);
const ANIMATIONS = new Set(['animate', 'set', 'animatetransform', 'animatemotion', 'animatecolor']);
/** Elements whose content the HTML parser reads as HTML again (HTML integration points). */
const HTML_POINTS = new Set(['title', 'desc']);
const ALLOWED_DATA_URL = /^data:image\/(?:png|jpe?g|gif|webp|bmp|avif)[;,]/i;

const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1).toLowerCase();
const shorten = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A URL the document may keep: a fragment of itself, nothing, or a raster image inlined as a data: URL. */
export function isSafeReference(url: string): boolean {
  // Browsers drop ASCII whitespace and control characters around and inside a scheme ("java\tscript:").
  const u = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  return u === '' || u.startsWith('#') || ALLOWED_DATA_URL.test(u);
}

// ── CSS ────────────────────────────────────────────────────────────────────
// Style sheets and style attributes are a second language inside the SVG: they
// are read as a sequence of statements (declarations, at-rules, rule blocks),
// and a statement that reaches outside the document is dropped whole.

/** The text a CSS parser sees: comments dropped, escapes decoded (so `\75 rl(` is `url(`), lower-cased. */
function cssMeaning(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?/g, (_, hex: string) => {
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    })
    .replace(/\\([^\n])/g, '$1')
    .toLowerCase();
}

/** Why a CSS statement reaches outside the document or runs code, or undefined when it does not. */
function cssDanger(statement: string): string | undefined {
  const css = cssMeaning(statement);
  if (css.includes('@import')) return '@import';
  if (/expression\s*\(/.test(css)) return 'expression()';
  if (css.includes('-moz-binding')) return '-moz-binding';
  if (/(^|[;{\s])behavior\s*:/.test(css)) return 'behavior';
  if (/(?:image-set|image|cross-fade|element)\s*\(/.test(css)) return 'image function';
  const urls = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)/g;
  for (let m = urls.exec(css); m; m = urls.exec(css)) {
    const target = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (!isSafeReference(target)) return `url(${shorten(target)})`;
  }
  // A url( that never closes is read to the end by CSS: nothing to check, so nothing to keep.
  if (/url\(/.test(css.replace(urls, ''))) return 'unclosed url(';
  return undefined;
}

/** Splits CSS into statements at top-level `;`, `{` and `}`, respecting strings, comments and parentheses. */
function cssStatements(css: string): Array<{ start: number; end: number; block: boolean }> {
  const out: Array<{ start: number; end: number; block: boolean }> = [];
  let start = 0;
  let parens = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '\\') { i++; continue; }
    if (c === '"' || c === "'") {
      for (i++; i < css.length && css[i] !== c; i++) if (css[i] === '\\') i++;
      continue;
    }
    if (c === '/' && css[i + 1] === '*') {
      const close = css.indexOf('*/', i + 2);
      i = close < 0 ? css.length : close + 1;
      continue;
    }
    if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    else if (parens === 0 && (c === ';' || c === '}')) {
      out.push({ start, end: i + 1, block: false });
      start = i + 1;
    } else if (parens === 0 && c === '{') {
      // A block's prelude (selector or at-rule): if it is dangerous, the whole block goes with it.
      let depth = 1;
      let j = i + 1;
      for (; j < css.length && depth > 0; j++) {
        if (css[j] === '{') depth++;
        else if (css[j] === '}') depth--;
      }
      const prelude = css.slice(start, i);
      if (cssDanger(prelude)) {
        out.push({ start, end: j, block: true });
        start = j;
        i = j - 1;
      } else {
        out.push({ start, end: i + 1, block: false });
        start = i + 1;
      }
    }
  }
  if (start < css.length) out.push({ start, end: css.length, block: false });
  return out;
}

// ── The document ───────────────────────────────────────────────────────────

interface Edit extends Range {
  /** Replacement text ('' removes). */
  text: string;
}

/** Decisions about one document, by node. */
interface Plan {
  removedNodes: Set<SvgNode>;
  removedAttributes: Set<SvgAttribute>;
  /** New values for style attributes and new text for style sheets. */
  attributeValues: Map<SvgAttribute, string>;
  textValues: Map<SvgNode, string>;
  removed: Removal[];
  /** Source edits (in-place mode). */
  edits: Edit[];
}

/** An identity for an active item that survives reformatting, to find it again in the baseline. */
type Signature = string;

const tag = (el: SvgElement) => `<${el.name}>`;
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/** The source text of a node with runs of whitespace collapsed. */
function nodeSignature(doc: SvgDocument, node: SvgNode): Signature {
  return `${node.kind}:${doc.text.slice(node.range.start, node.range.end).replace(/\s+/g, ' ').trim()}`;
}
const attributeSignature = (el: SvgElement, a: SvgAttribute): Signature => `attr:${localName(el.name)}|${a.name}|${a.value.trim()}`;
const cssSignature = (why: string, statement: string): Signature => `css:${why}|${cssMeaning(statement).replace(/\s+/g, '')}`;

/**
 * Finds the active content of a parsed document. `keep` says whether an item
 * (by signature) may stay because the baseline already had it; `seen`
 * collects the signatures of everything found.
 */
function plan(doc: SvgDocument, keep: (sig: Signature) => boolean, seen?: Set<Signature>): Plan {
  const p: Plan = { removedNodes: new Set(), removedAttributes: new Set(), attributeValues: new Map(), textValues: new Map(), removed: [], edits: [] };
  const active = (sig: Signature): boolean => {
    seen?.add(sig);
    return !keep(sig);
  };
  const removeNode = (node: SvgNode, kind: RemovalKind, what: string) => {
    if (!active(nodeSignature(doc, node))) return;
    p.removedNodes.add(node);
    p.removed.push({ kind, what });
    p.edits.push({ start: node.range.start, end: node.range.end, text: '' });
  };
  const removeAttribute = (el: SvgElement, a: SvgAttribute, what: string) => {
    if (!active(attributeSignature(el, a))) return;
    p.removedAttributes.add(a);
    p.removed.push({ kind: 'attribute', what: `${what} on ${tag(el)}` });
    // Take the whitespace before the attribute with it.
    let start = a.range.start;
    while (start > el.startTagRange.start && /\s/.test(doc.text[start - 1])) start--;
    p.edits.push({ start, end: a.range.end, text: '' });
  };
  /** Cleans CSS, keeping statements the baseline had; returns the new text when something went. */
  const css = (text: string, where: string): string | undefined => {
    let changed = false;
    let out = '';
    for (const s of cssStatements(text)) {
      const statement = text.slice(s.start, s.end);
      const why = s.block ? cssDanger(statement.slice(0, statement.indexOf('{'))) : cssDanger(statement);
      if (why && active(cssSignature(why, statement))) {
        changed = true;
        p.removed.push({ kind: 'style', what: `${why} in ${where}` });
        if (!s.block && statement.endsWith('}')) out += '}';
      } else out += statement;
    }
    return changed ? out : undefined;
  };

  // Iterative walk: documents can nest hundreds of thousands of levels deep.
  const stack: Array<{ node: SvgNode; inHtmlPoint: boolean }> = [];
  for (let i = doc.children.length - 1; i >= 0; i--) stack.push({ node: doc.children[i], inHtmlPoint: false });
  while (stack.length) {
    const { node, inHtmlPoint } = stack.pop()!;
    if (node.kind === 'comment') {
      if (/[<>]|--/.test(node.value)) removeNode(node, 'comment', 'a comment holding markup');
      continue;
    }
    if (node.kind === 'pi') {
      // Only the XML declaration stays; <?xml-stylesheet href=…?> loads a style sheet.
      if (!/^xml(\s|$)/.test(node.value)) removeNode(node, 'instruction', `<?${shorten(node.value.split(/\s/)[0])}?>`);
      continue;
    }
    if (node.kind === 'doctype') {
      if (node.value.includes('[')) removeNode(node, 'doctype', 'a DOCTYPE declaring entities');
      continue;
    }
    if (node.kind === 'cdata') {
      if (inHtmlPoint) removeNode(node, 'markup', `CDATA inside <${node.parent?.name}>`);
      else if (node.value.includes('<') && !(node.parent && localName(node.parent.name) === 'style')) {
        if (!active(nodeSignature(doc, node))) continue;
        p.textValues.set(node, node.value);
        p.removed.push({ kind: 'markup', what: 'markup inside CDATA (kept as text)' });
        p.edits.push({ start: node.range.start, end: node.range.end, text: escapeText(node.value) });
      }
      continue;
    }
    if (node.kind !== 'element') continue;

    const el = node;
    const name = localName(el.name);
    if (inHtmlPoint) { removeNode(el, 'markup', `${tag(el)} inside <${el.parent?.name}>`); continue; }
    if (ACTIVE_ELEMENTS.has(name)) { removeNode(el, 'element', tag(el)); continue; }
    if (name === 'foreignobject' && el.children.some((c) => c.kind !== 'text' || c.value.trim() !== '')) {
      removeNode(el, 'element', `${tag(el)} holding HTML`);
      continue;
    }
    if (ANIMATIONS.has(name)) {
      const target = localName(el.attributes.find((a) => localName(a.name) === 'attributename')?.value.trim() ?? '');
      const values = el.attributes.filter((a) => ['to', 'from', 'by', 'values'].includes(localName(a.name))).flatMap((a) => a.value.split(';'));
      const unsafe = (URL_ATTRIBUTES.has(target) && values.some((v) => !isSafeReference(v)))
        || target.startsWith('on')
        || (target === 'style' && values.some((v) => cssDanger(v)))
        || values.some((v) => /url\(/i.test(v) && cssDanger(v));
      if (unsafe) { removeNode(el, 'element', `${tag(el)} setting ${target || 'an attribute'} to active content`); continue; }
    }

    for (const a of el.attributes) {
      const attr = localName(a.name);
      if (attr.startsWith('on')) removeAttribute(el, a, a.name);
      else if (URL_ATTRIBUTES.has(attr) && !isSafeReference(a.value)) removeAttribute(el, a, `${a.name}="${shorten(a.value)}"`);
      else if (attr === 'style') {
        const cleaned = css(a.value, `the style of ${tag(el)}`);
        if (cleaned !== undefined) {
          p.attributeValues.set(a, cleaned);
          p.edits.push({ start: a.range.start, end: a.range.end, text: `${a.name}="${escapeAttribute(cleaned)}"` });
        }
      } else if (/url\(/i.test(a.value) || /\\/.test(a.value)) {
        // Presentation attributes (fill, filter, clip-path, mask, marker-*, cursor) take url(); so can any attribute a style sheet reads.
        const why = cssDanger(a.value);
        if (why) removeAttribute(el, a, `${a.name}="${shorten(a.value)}"`);
      }
    }

    if (name === 'style') {
      // The sheet's text, as the parser expanded it (CDATA and text alike).
      const parts = el.children.filter((c) => c.kind === 'text' || c.kind === 'cdata');
      const markup = el.children.filter((c) => c.kind === 'element');
      for (const m of markup) removeNode(m, 'markup', `${tag(m)} inside <style>`);
      const sheet = parts.map((c) => (c as { value: string }).value).join('');
      const cleaned = css(sheet, '<style>');
      // Markup in a CDATA section is text to XML but may be read as tags by an HTML page: write it escaped.
      const markupText = parts.some((c) => c.kind === 'cdata' && c.value.includes('<')) && active(nodeSignature(doc, el));
      if (markupText) p.removed.push({ kind: 'markup', what: 'markup inside <style> (kept as text)' });
      if (cleaned !== undefined || markupText) {
        const text = cleaned ?? sheet;
        const first = parts[0];
        const last = parts[parts.length - 1];
        if (first) {
          for (const part of parts) p.textValues.set(part, part === first ? text : '');
          p.edits.push({ start: first.range.start, end: last.range.end, text: escapeText(text) });
        }
      }
      continue;
    }
    const childInHtmlPoint = HTML_POINTS.has(name);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i], inHtmlPoint: childInHtmlPoint });
  }
  return p;
}

/** Writes the document again from its tree, leaving out what the plan removes and escaping everything. */
function serialize(doc: SvgDocument, p: Plan): string {
  let out = '';
  type Frame = { node: SvgNode; closing?: boolean };
  const stack: Frame[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) stack.push({ node: doc.children[i] });
  while (stack.length) {
    const { node, closing } = stack.pop()!;
    if (p.removedNodes.has(node)) continue;
    if (node.kind === 'element') {
      if (closing) { out += `</${node.name}>`; continue; }
      out += `<${node.name}`;
      for (const a of node.attributes) {
        if (p.removedAttributes.has(a)) continue;
        out += ` ${a.name}="${escapeAttribute(p.attributeValues.get(a) ?? a.value)}"`;
      }
      if (!node.children.length) { out += '/>'; continue; }
      out += '>';
      stack.push({ node, closing: true });
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] });
    } else if (node.kind === 'text' || node.kind === 'cdata') {
      out += escapeText(p.textValues.get(node) ?? node.value);
    } else if (node.kind === 'pi' && /^xml(\s|$)/.test(node.value)) {
      out += `<?${node.value}?>`;
    }
    // Comments, other instructions and DOCTYPEs are not written: a re-written document needs none of them.
  }
  return out;
}

function applyEdits(text: string, edits: Edit[]): string {
  // Outer edits win: an edit inside a removed range is dropped.
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Whether the browser could read this document differently from our parser: then it is written out again. */
function needsRewrite(doc: SvgDocument): boolean {
  return doc.errors.length > 0 || doc.children.some((c) => c.kind === 'doctype' && c.value.includes('['));
}

/**
 * Removes active content from `svg`: scripts and event handlers, javascript:,
 * vbscript: and data:text/html URLs, foreignObject holding HTML, iframe, embed,
 * object and other HTML elements that load or run things, and references that
 * leave the document (href, src, url(), @import to anything but `#…` or a
 * raster image data: URL). With `baseline`, only what the baseline lacks.
 */
export function sanitizeSvg(svg: string, options: SanitizeOptions = {}): SanitizeResult {
  let keep: (sig: Signature) => boolean = () => false;
  if (options.baseline !== undefined) {
    const known = new Set<Signature>();
    plan(parseSvg(options.baseline), () => false, known);
    keep = (sig) => known.has(sig);
  }
  const doc = parseSvg(svg);
  const p = plan(doc, keep);
  if (needsRewrite(doc)) {
    // A rewritten document drops comments and DOCTYPEs anyway; report only what the plan removed.
    return { svg: serialize(doc, p), removed: p.removed };
  }
  return { svg: p.edits.length ? applyEdits(svg, p.edits) : svg, removed: p.removed };
}

/** One line for people: "removed <script>, onload on <svg> and href="https://…" on <use>". */
export function describeRemovals(removed: Removal[], max = 4): string {
  if (!removed.length) return '';
  const counts = new Map<string, number>();
  for (const r of removed) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
  const items = [...counts].map(([what, n]) => (n > 1 ? `${what} (×${n})` : what));
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  const list = rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
  return `removed active content: ${list}`;
}
