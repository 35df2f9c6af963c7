// Streams text while honouring stop strings: a piece is released only once no
// stop string can still begin inside it, and everything from the first
// complete stop string on is dropped. The released pieces always concatenate
// to `text()`.

export class StopFilter {
  private buffer = '';
  private released = 0;
  private stopped = false;

  constructor(private readonly stops: readonly string[], private readonly emit: (piece: string) => void) {}

  /** True once a stop string was seen; further input is ignored. */
  get done(): boolean {
    return this.stopped;
  }

  push(piece: string): void {
    if (this.stopped || !piece) return;
    this.buffer += piece;
    let cut = -1;
    for (const s of this.stops) {
      const at = this.buffer.indexOf(s, Math.max(0, this.released - s.length + 1));
      if (at >= 0 && (cut < 0 || at < cut)) cut = at;
    }
    if (cut >= 0) {
      this.buffer = this.buffer.slice(0, cut);
      this.stopped = true;
      this.release(this.buffer.length);
      return;
    }
    this.release(this.buffer.length - this.heldBack());
  }

  /** Releases whatever is held back (generation ended without a stop string). */
  flush(): void {
    this.release(this.buffer.length);
  }

  /**
   * Ends the stream with the engine's own final text, which is authoritative:
   * token callbacks can still be in flight when an engine reports completion.
   * Releases the part not yet streamed and ignores any later pieces. If the
   * final text does not continue what was already streamed, the streamed text
   * stands, so a streaming client and the returned text never disagree.
   */
  finish(finalText: string): string {
    const sent = this.buffer.slice(0, this.released);
    const final = this.cut(finalText);
    this.stopped = true;
    if (final.startsWith(sent)) {
      this.buffer = final;
      this.release(final.length);
    } else {
      this.buffer = sent;
    }
    return this.buffer;
  }

  private cut(text: string): string {
    let end = text.length;
    for (const s of this.stops) {
      const at = text.indexOf(s);
      if (at >= 0 && at < end) end = at;
    }
    return text.slice(0, end);
  }

  text(): string {
    return this.buffer;
  }

  /** Length of the longest buffer suffix that is a proper prefix of some stop string. */
  private heldBack(): number {
    let hold = 0;
    for (const s of this.stops) {
      for (let n = Math.min(s.length - 1, this.buffer.length); n > hold; n--) {
        if (this.buffer.endsWith(s.slice(0, n))) { hold = n; break; }
      }
    }
    return hold;
  }

  private release(upTo: number): void {
    if (upTo <= this.released) return;
    const piece = this.buffer.slice(this.released, upTo);
    this.released = upTo;
    this.emit(piece);
  }
}
