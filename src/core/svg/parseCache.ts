// One parse per document version, shared by everything that reads the
// document (diagnostics, completion, symbols, rename…). Keyed by a caller's
// string (a URI) and version; a few recent documents are kept.
import { parseSvg } from './parse';
import type { SvgDocument } from './types';

interface Entry {
  version: number;
  document: SvgDocument;
}

export class ParseCache {
  private readonly entries = new Map<string, Entry>();

  /** @param capacity documents kept; the least recently used goes first. */
  constructor(private readonly capacity = 8, private readonly parse: (text: string) => SvgDocument = parseSvg) {}

  /** The parse of key at version, parsing getText() only when that version was not parsed yet. */
  get(key: string, version: number, getText: () => string): SvgDocument {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Refresh its place in the recency order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.document;
    }
    const document = this.parse(getText());
    this.entries.delete(key);
    this.entries.set(key, { version, document });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return document;
  }

  /** The cached parse of key at version, without parsing. */
  peek(key: string, version: number): SvgDocument | undefined {
    const hit = this.entries.get(key);
    return hit && hit.version === version ? hit.document : undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
