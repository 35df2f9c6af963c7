// Finds each <svg>…</svg> block in a host document (HTML, Vue, Svelte, Astro,
// Markdown, JS/TS with or without JSX) and gives it as a standalone SVG with
// a map back to the host. Lint, hover, preview and the language features run
// on `block.text` and map their ranges through `block`.
import type { TextEdit } from '../lint/types';
import type { Range } from '../svg/types';
import { BlockScanner, type BlockSyntax, type ScannedBlock, type SkippedPart } from './blockScanner';
import { hostSyntax, type HostSyntax } from './hostSyntax';
import type { OffsetMap } from './offsetMap';
import { scanScript, type ScriptSvgContext } from './scriptLexer';

export type { SkippedPart } from './blockScanner';

export class InlineSvgBlock {
  /** From "<" of <svg through ">" of </svg> (or where the host context ended, when unclosed). */
  readonly hostRange: Range;
  /** The block as a standalone SVG document. */
  readonly text: string;
  /** What could not be read as SVG and was left out, with why. */
  readonly skipped: readonly SkippedPart[];
  /** The block did not reach its </svg>. */
  readonly unclosed: boolean;
  private readonly map: OffsetMap;
  private readonly partialTags: ScannedBlock['partialTags'];
  private readonly syntax: BlockSyntax;

  constructor(scanned: ScannedBlock) {
    this.hostRange = scanned.hostRange;
    this.text = scanned.text;
    this.skipped = scanned.skipped;
    this.unclosed = scanned.unclosed;
    this.map = scanned.map;
    this.partialTags = scanned.partialTags;
    this.syntax = scanned.syntax;
  }

  /**
   * An edit to the block text (a lint fix) as an edit to the host, or undefined
   * when it cannot be carried over safely: it touches text the block rewrote
   * (a decoded escape, a converted name, an added quote), it would need the
   * host's own spelling (new attributes in JSX, quotes inside a JS string), or
   * it brings in markup where the host reads expressions.
   */
  hostEdit(edit: TextEdit): TextEdit | undefined {
    if (!this.map.isCopied(edit.range) || !this.holds(edit.range)) return undefined;
    const t = edit.newText;
    if (this.syntax.quote && (t.includes(this.syntax.quote) || t.includes('\\') || (this.syntax.quote === '`' && t.includes('${')))) return undefined;
    // JSX spells hyphenated and namespaced attributes, and class, its own way.
    if (this.syntax.jsx && /(?:[\w]*[:-][\w:-]*|\bclass)\s*=/.test(t)) return undefined;
    if ((this.syntax.jsx || this.syntax.braces) && /[{}]/.test(t)) return undefined;
    if (this.syntax.vue && t.includes('{{')) return undefined;
    return { range: this.toHostRange(edit.range), newText: t };
  }

  /** The host offset of a block offset. */
  toHost(offset: number): number {
    return this.map.toHost(offset);
  }

  /** The host range of a block range. */
  toHostRange(range: Range): Range {
    return this.map.toHostRange(range);
  }

  /** The block offset of a host offset, or undefined when the offset is outside this block. */
  toBlock(hostOffset: number): number | undefined {
    if (hostOffset < this.hostRange.start || hostOffset > this.hostRange.end) return undefined;
    return this.map.toBlock(hostOffset);
  }

  /**
   * Whether a finding at this block range still holds for the host: not when it
   * touches a skipped part, nor when it sits in a tag that lost an attribute
   * (a "missing" or "empty" finding there may be about the skipped part),
   * unless it lies inside one of that tag's known attribute values.
   */
  holds(range: Range): boolean {
    for (const s of this.skipped) if (overlaps(range, s.blockRange)) return false;
    for (const tag of this.partialTags) {
      if (range.start >= tag.range.start && range.start < tag.range.end) {
        return tag.knownValues.some((v) => range.start >= v.start && range.end <= v.end);
      }
    }
    return true;
  }
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start >= b.start && a.start < b.end);
}

/** Every inline SVG block of a document in the given language, in document order ([] for a language with none). */
export function findInlineSvgBlocks(text: string, languageId: string): InlineSvgBlock[] {
  const syntax = hostSyntax(languageId);
  if (!syntax) return [];
  const blocks: InlineSvgBlock[] = [];
  const read = (at: number, limit: number, block: BlockSyntax): number => {
    const scanned = new BlockScanner(text, at, limit, block).scan();
    blocks.push(new InlineSvgBlock(scanned));
    return Math.max(scanned.hostRange.end, at + 1);
  };
  const inScript = (start: number, end: number, jsx: boolean): void => {
    scanScript(text, start, end, jsx, (at, context: ScriptSvgContext) =>
      read(at, end, context === 'jsx' ? { jsx: true, braces: false, vue: false } : { quote: context, jsx: false, braces: false, vue: false }));
  };
  if (syntax.markup) scanMarkup(text, syntax, read, inScript);
  else inScript(0, text.length, syntax.jsx);
  return blocks;
}

/** The block under a host offset, if any. */
export function blockAt(blocks: readonly InlineSvgBlock[], hostOffset: number): InlineSvgBlock | undefined {
  return blocks.find((b) => hostOffset >= b.hostRange.start && hostOffset <= b.hostRange.end);
}

function scanMarkup(
  text: string,
  syntax: HostSyntax,
  read: (at: number, limit: number, block: BlockSyntax) => number,
  inScript: (start: number, end: number, jsx: boolean) => void,
): void {
  const block: BlockSyntax = { jsx: false, braces: syntax.braces, vue: syntax.vue };
  let pos = 0;
  if (syntax.frontmatterScript) {
    const m = /^---\r?\n/.exec(text);
    if (m) {
      const close = text.indexOf('\n---', m[0].length);
      const end = close < 0 ? text.length : close;
      inScript(m[0].length, end, false);
      pos = end;
    }
  }
  // One search for everything that matters in markup: comments, raw-text elements and <svg tags.
  const next = /<!--|<(script|style)\b|<svg(?=[\s/>\\]|$)/gi;
  const closeOf: Record<string, RegExp> = { script: /<\/script/gi, style: /<\/style/gi };
  while (pos < text.length) {
    next.lastIndex = pos;
    const m = next.exec(text);
    if (!m) break;
    const lt = m.index;
    if (m[0] === '<!--') {
      const close = text.indexOf('-->', lt + 4);
      pos = close < 0 ? text.length : close + 3;
      continue;
    }
    if (m[1]) {
      const kind = m[1].toLowerCase();
      const tagEnd = text.indexOf('>', lt);
      const closing = closeOf[kind];
      closing.lastIndex = tagEnd < 0 ? lt : tagEnd;
      const close = closing.exec(text)?.index ?? -1;
      const end = close < 0 ? text.length : close;
      if (kind === 'script' && tagEnd >= 0) inScript(tagEnd + 1, end, /\blang=["']?(tsx|jsx)/i.test(text.slice(lt, tagEnd)));
      pos = end + 1;
      continue;
    }
    pos = read(lt, text.length, block);
  }
}
