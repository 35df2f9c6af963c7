import type { Fix, TextEdit } from './types';

/**
 * Applies a fix's edits to the text they were computed on. Edits must not
 * overlap (inserts at the same offset are kept in the order given); edits are
 * applied back to front so earlier offsets stay valid.
 */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const order = edits.map((e, i) => ({ e, i }));
  for (const { e } of order) {
    if (!(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= text.length)) {
      throw new RangeError(`edit range [${e.range.start}, ${e.range.end}) is outside the text (length ${text.length})`);
    }
  }
  // Ascending start; for one offset, inserts (in the order given) before a replacement starting there.
  order.sort((a, b) => a.e.range.start - b.e.range.start || a.e.range.end - b.e.range.end || a.i - b.i);
  for (let k = 1; k < order.length; k++) {
    if (order[k].e.range.start < order[k - 1].e.range.end) throw new RangeError('fix edits overlap');
  }
  const parts: string[] = [];
  let at = 0;
  for (const { e } of order) {
    parts.push(text.slice(at, e.range.start), e.newText);
    at = e.range.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** True when no edit of `edits` overlaps any of `taken` (used to combine fixes). */
export function disjoint(edits: readonly TextEdit[], taken: readonly TextEdit[]): boolean {
  for (const a of edits) {
    for (const b of taken) {
      const overlap = a.range.start < b.range.end && b.range.start < a.range.end;
      const sameInsertPoint = a.range.start === a.range.end && b.range.start === b.range.end && a.range.start === b.range.start;
      const insertInside = (a.range.start === a.range.end && a.range.start > b.range.start && a.range.start < b.range.end)
        || (b.range.start === b.range.end && b.range.start > a.range.start && b.range.start < a.range.end);
      if (overlap || sameInsertPoint || insertInside) return false;
    }
  }
  return true;
}
