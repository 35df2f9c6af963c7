/** What is wrong with an attribute value, as offsets into that value (half-open). */
export interface ValueProblem {
  message: string;
  start: number;
  end: number;
}

/** End of the token that starts at `i`: the next whitespace, comma, ")" or end of value. */
export function tokenEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 44 || c === 41) break;
    j++;
  }
  return Math.min(j, s.length);
}

export function problemAt(s: string, i: number, message: string): ValueProblem {
  if (i >= s.length) return { message, start: s.length, end: s.length };
  return { message, start: i, end: tokenEnd(s, i) };
}

/** Quotes a piece of a value for a message, shortened so a hostile value cannot flood the editor. */
export function quote(text: string): string {
  const t = text.length > 40 ? text.slice(0, 37) + '…' : text;
  return JSON.stringify(t);
}
