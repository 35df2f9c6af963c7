import { ValueProblem, problemAt, quote } from './problem';
import { scanNumber, skipCommaWhitespace, skipWhitespace } from './number';

// Argument counts for each transform function (lower-case). SVG 1.1 functions
// plus the CSS Transforms ones, which SVG 2 allows in the attribute.
const ARITY: Record<string, readonly number[]> = {
  matrix: [6], translate: [1, 2], scale: [1, 2], rotate: [1, 3], skewx: [1], skewy: [1],
  translatex: [1], translatey: [1], translatez: [1], translate3d: [3], scalex: [1], scaley: [1], scalez: [1], scale3d: [3],
  rotatex: [1], rotatey: [1], rotatez: [1], rotate3d: [4], skew: [1, 2], matrix3d: [16], perspective: [1],
};

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Checks a transform list (transform, gradientTransform, patternTransform). */
export function checkTransform(s: string): ValueProblem | undefined {
  if (s.trim().toLowerCase() === 'none' || s.includes('var(')) return undefined;
  let i = skipCommaWhitespace(s, 0);
  while (i < s.length) {
    const nameStart = i;
    while (i < s.length && (isLetter(s.charCodeAt(i)) || (i > nameStart && s.charCodeAt(i) === 51 /* 3 */))) i++;
    if (i === nameStart) return problemAt(s, i, `expected a transform function, found ${quote(s.slice(i, i + 20))}`);
    const name = s.slice(nameStart, i);
    const arity = ARITY[name.toLowerCase()];
    if (!arity) return { message: `unknown transform function ${quote(name)}`, start: nameStart, end: i };
    i = skipWhitespace(s, i);
    if (s.charCodeAt(i) !== 40 /* ( */) return problemAt(s, i, `expected "(" after ${name}`);
    i = skipWhitespace(s, i + 1);
    let args = 0;
    for (;;) {
      if (i >= s.length) return { message: `${name}( is not closed`, start: nameStart, end: s.length };
      if (s.charCodeAt(i) === 41 /* ) */) break;
      const end = scanNumber(s, i);
      if (end < 0) return problemAt(s, i, `${quote(s.slice(i, i + 20))} is not a number`);
      i = end;
      // CSS syntax inside the attribute: angles and lengths with units.
      while (i < s.length && (isLetter(s.charCodeAt(i)) || s.charCodeAt(i) === 37)) i++;
      args++;
      i = skipCommaWhitespace(s, i);
    }
    if (!arity.includes(args)) {
      const want = arity.join(' or ');
      return { message: `${name}() takes ${want} argument${want === '1' ? '' : 's'}, got ${args}`, start: nameStart, end: i + 1 };
    }
    i = skipCommaWhitespace(s, i + 1);
  }
  return undefined;
}
