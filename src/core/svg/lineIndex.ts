// Offset ↔ line/character conversion in UTF-16 code units, with "\r\n", "\r"
// and "\n" each ending a line, as VS Code counts them.
import type { Position } from './types';

export class LineIndex {
  /** Offset at which each line starts; lineStarts[0] is 0. */
  private readonly lineStarts: number[];
  /** Offset where each line's content ends, before its line break. */
  private readonly lineEnds: number[];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    const starts = [0];
    const eol = /\r\n?|\n/g;
    for (let m = eol.exec(text); m; m = eol.exec(text)) starts.push(m.index + m[0].length);
    this.lineStarts = starts;
    this.lineEnds = new Array<number>(starts.length);
    for (let i = 0; i < starts.length; i++) {
      let end = i + 1 < starts.length ? starts[i + 1] : this.length;
      if (i + 1 < starts.length) {
        end--;
        if (end > starts[i] && text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
      }
      this.lineEnds[i] = end;
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Position of an offset, clamped to the text. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(this.length, Math.floor(offset) || 0));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  /** Offset of a position; lines and characters past the end clamp to the last line and the line's end. */
  offsetAt(position: Position): number {
    const line = Math.floor(position.line) || 0;
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[line];
    const character = Math.max(0, Math.floor(position.character) || 0);
    return Math.min(start + character, this.lineEnds[line]);
  }
}
