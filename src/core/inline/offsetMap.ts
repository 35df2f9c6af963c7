// Offsets between an inline SVG block's standalone text and the host document
// it came from. The block text is assembled from pieces of the host: runs
// copied as they are (one-to-one offsets) and pieces written in place of host
// text (a JSX attribute name turned into its SVG name, a string escape decoded,
// an expression blanked, quotes added around an unquoted HTML value, an xmlns
// the host does not need). Offsets inside a copied run map exactly; offsets
// inside a written piece map to the start of the host text it replaced, and a
// range ending inside one ends where that host text ends.
import type { Range } from '../svg/types';

interface Segment {
  /** Start in the block text. */
  block: number;
  blockLength: number;
  /** Start in the host text. */
  host: number;
  hostLength: number;
  /** Copied verbatim, so offsets inside map one-to-one. */
  copied: boolean;
}

/** Builds the block text and its map together, piece by piece, in host order. */
export class BlockTextBuilder {
  private readonly parts: string[] = [];
  private readonly segments: Segment[] = [];
  private length = 0;

  constructor(private readonly host: string) {}

  /** Copies host[start, end) as it is. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    const last = this.segments[this.segments.length - 1];
    if (last?.copied && last.host + last.hostLength === start && last.block + last.blockLength === this.length) {
      last.blockLength += end - start;
      last.hostLength += end - start;
    } else {
      this.segments.push({ block: this.length, blockLength: end - start, host: start, hostLength: end - start, copied: true });
    }
    this.parts.push(this.host.slice(start, end));
    this.length += end - start;
  }

  /** Writes `text` in place of host[start, end) (an empty host range inserts). */
  write(text: string, start: number, end: number): void {
    if (!text && end <= start) return;
    this.segments.push({ block: this.length, blockLength: text.length, host: start, hostLength: Math.max(0, end - start), copied: false });
    this.parts.push(text);
    this.length += text.length;
  }

  /** The block offset the next piece will start at. */
  get offset(): number {
    return this.length;
  }

  finish(): { text: string; map: OffsetMap } {
    return { text: this.parts.join(''), map: new OffsetMap(this.segments) };
  }
}

export class OffsetMap {
  constructor(private readonly segments: readonly Segment[]) {}

  /** The host offset of a block offset. */
  toHost(offset: number, edge: 'start' | 'end' = 'start'): number {
    const segs = this.segments;
    if (!segs.length) return 0;
    const i = this.find(offset, (s) => s.block, (s) => s.blockLength, edge);
    const s = segs[i];
    if (s.copied) return s.host + Math.min(Math.max(0, offset - s.block), s.hostLength);
    if (offset <= s.block && edge === 'start') return s.host;
    if (offset >= s.block + s.blockLength || edge === 'end') return s.host + s.hostLength;
    return s.host;
  }

  /** The host range of a block range, each end mapped outward. */
  toHostRange(range: Range): Range {
    const start = this.toHost(range.start, 'start');
    const end = range.end > range.start ? this.toHost(range.end, 'end') : start;
    return { start, end: Math.max(start, end) };
  }

  /**
   * Whether a block range lies within one copied run (an empty range may touch
   * its ends), so that replacing it in the host replaces exactly those characters.
   */
  isCopied(range: Range): boolean {
    const segs = this.segments;
    if (!segs.length) return false;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].block <= range.start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo; i >= 0 && i >= lo - 1; i--) {
      const s = segs[i];
      if (s.copied && s.block <= range.start && range.end <= s.block + s.blockLength) return true;
    }
    return false;
  }

  /** The block offset of a host offset; undefined outside the block's host range. */
  toBlock(offset: number): number | undefined {
    const segs = this.segments;
    if (!segs.length) return undefined;
    const first = segs[0];
    const last = segs[segs.length - 1];
    if (offset < first.host || offset > last.host + last.hostLength) return undefined;
    const i = this.find(offset, (s) => s.host, (s) => s.hostLength, 'start');
    const s = segs[i];
    if (s.copied) return s.block + Math.min(Math.max(0, offset - s.host), s.blockLength);
    return offset >= s.host + s.hostLength && s.hostLength > 0 ? s.block + s.blockLength : s.block;
  }

  /**
   * Index of the segment holding `offset` along one side (block or host).
   * At a boundary between two segments, 'start' picks the later one and 'end' the earlier one.
   */
  private find(offset: number, start: (s: Segment) => number, length: (s: Segment) => number, edge: 'start' | 'end'): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    // Last segment whose start is <= offset (or < offset for 'end').
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = start(segs[mid]);
      if (s < offset || (edge === 'start' && s === offset)) lo = mid;
      else hi = mid - 1;
    }
    // Zero-length pieces (insertions) at the same start: for 'start' prefer a later piece that has length.
    if (edge === 'start') {
      while (lo + 1 < segs.length && start(segs[lo + 1]) === offset && length(segs[lo]) === 0) lo++;
    }
    return lo;
  }
}
