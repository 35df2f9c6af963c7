// The inline <svg> blocks of each open host document (HTML, JSX/TSX, Vue,
// Svelte, Astro, Markdown, JS/TS), found on the first request for that
// version of the document and kept until the next edit. Documents without
// "<svg" anywhere cost one indexOf.
import type * as vscode from 'vscode';
import { findInlineSvgBlocks, hostSyntax, type InlineSvgBlock } from '../../core/inline';
import { regionOf, type SvgRegion } from '../../core/language';

/** Hosts larger than this are not searched for inline SVG (a minified bundle is no place to lint). */
export const MAX_HOST_CHARS = 4 * 1024 * 1024;

interface Entry {
  version: number;
  blocks: InlineSvgBlock[];
  /** The blocks as language-feature regions (the host text of each, parsed), made on first request. */
  regions?: SvgRegion[];
}

export class InlineBlockCache {
  private readonly entries = new Map<string, Entry>();

  /** Whether inline SVG is looked for in documents of this language. */
  static handles(doc: vscode.TextDocument): boolean {
    return hostSyntax(doc.languageId) !== undefined && !/\.svg$/i.test(doc.uri.path);
  }

  blocks(doc: vscode.TextDocument): InlineSvgBlock[] {
    if (!InlineBlockCache.handles(doc)) return [];
    const key = doc.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === doc.version) return hit.blocks;
    const text = doc.getText();
    const blocks = text.length > MAX_HOST_CHARS || !/<svg/i.test(text) ? [] : findInlineSvgBlocks(text, doc.languageId);
    this.entries.set(key, { version: doc.version, blocks });
    return blocks;
  }

  /**
   * Each block as a region for the language features (completion, outline,
   * rename, colours…): the block's host text as written, parsed, so that every
   * offset maps to the host one to one.
   */
  regions(doc: vscode.TextDocument): SvgRegion[] {
    const blocks = this.blocks(doc);
    const entry = this.entries.get(doc.uri.toString());
    if (!entry || !blocks.length) return [];
    if (!entry.regions) {
      const text = doc.getText();
      entry.regions = blocks.map((b) => regionOf(text, b.hostRange.start, b.hostRange.end));
    }
    return entry.regions;
  }

  /** The block under a position of the host, if any. */
  blockAt(doc: vscode.TextDocument, position: vscode.Position): InlineSvgBlock | undefined {
    const offset = doc.offsetAt(position);
    return this.blocks(doc).find((b) => offset >= b.hostRange.start && offset <= b.hostRange.end);
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }
}
