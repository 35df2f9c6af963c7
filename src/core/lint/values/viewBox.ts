import { ValueProblem, problemAt, quote } from './problem';
import { scanNumber, skipCommaWhitespace, skipWhitespace } from './number';

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Parses "min-x min-y width height"; a problem when malformed or when width/height are not positive. */
export function parseViewBox(s: string): ViewBox | ValueProblem {
  const numbers: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = skipWhitespace(s, 0);
  if (i >= s.length) return { message: 'empty viewBox', start: 0, end: s.length };
  while (i < s.length) {
    if (numbers.length === 4) return problemAt(s, i, `viewBox has more than 4 numbers (${quote(s.slice(i, i + 20))})`);
    const end = scanNumber(s, i);
    if (end < 0) return problemAt(s, i, `${quote(s.slice(i, i + 20))} is not a number`);
    starts.push(i);
    ends.push(end);
    numbers.push(Number(s.slice(i, end)));
    i = skipCommaWhitespace(s, end);
    if (i === end && i < s.length && !'+-.'.includes(s[i])) return problemAt(s, i, `unexpected ${quote(s.slice(i, i + 20))} in viewBox`);
  }
  if (numbers.length < 4) return { message: `viewBox needs 4 numbers (min-x min-y width height), has ${numbers.length}`, start: 0, end: s.length };
  for (const k of [2, 3]) {
    if (!(numbers[k] > 0)) {
      const what = k === 2 ? 'width' : 'height';
      return { message: `viewBox ${what} must be positive (${numbers[k] === 0 ? 'zero disables rendering' : 'negative is an error'})`, start: starts[k], end: ends[k] };
    }
  }
  return { x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3] };
}

export function isViewBox(v: ViewBox | ValueProblem): v is ViewBox {
  return 'width' in v;
}
