import { ValueProblem, problemAt, quote } from './problem';
import { scanNumber, skipCommaWhitespace, skipWhitespace } from './number';

// CSS length units (case-insensitive) plus "%"; SVG 1.1 knows a subset, browsers all of them.
const UNITS = new Set([
  'px', 'em', 'ex', 'cm', 'mm', 'in', 'pt', 'pc', 'q', '%', 'rem', 'ch', 'lh', 'rlh', 'cap', 'ic', 'rex', 'rch', 'ric', 'rcap',
  'vw', 'vh', 'vi', 'vb', 'vmin', 'vmax', 'svw', 'svh', 'lvw', 'lvh', 'dvw', 'dvh', 'svmin', 'svmax', 'lvmin', 'lvmax', 'dvmin', 'dvmax',
  'cqw', 'cqh', 'cqi', 'cqb', 'cqmin', 'cqmax',
]);

const GLOBAL_KEYWORDS = new Set(['inherit', 'initial', 'unset', 'revert', 'revert-layer']);

export interface LengthOptions {
  /** Negative values are an error (sizes, radii, stroke widths). */
  nonNegative?: boolean;
  /** Keywords accepted besides the global ones, lower-case (e.g. "auto"). */
  keywords?: readonly string[];
  /** A whitespace/comma separated list of lengths (text x/y/dx/dy, stroke-dasharray). */
  list?: boolean;
  /** Plain numbers and percentages only (opacity, offset). */
  numberOnly?: boolean;
}

function isUnitChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 37;
}

/** Checks one length/number at `i`; returns the index after it or a problem. */
function checkOne(s: string, i: number, options: LengthOptions): number | ValueProblem {
  const end = scanNumber(s, i);
  if (end < 0) return problemAt(s, i, `${quote(s.slice(i, i + 20))} is not a ${options.numberOnly ? 'number' : 'length'}`);
  let j = end;
  while (j < s.length && isUnitChar(s.charCodeAt(j))) j++;
  if (j > end) {
    const unit = s.slice(end, j).toLowerCase();
    if (options.numberOnly ? unit !== '%' : !UNITS.has(unit)) {
      return { message: `unknown unit ${quote(s.slice(end, j))}`, start: end, end: j };
    }
  }
  if (options.nonNegative && s.charCodeAt(i) === 45 && Number(s.slice(i, end)) < 0) {
    return { message: `must not be negative (${s.slice(i, j)})`, start: i, end: j };
  }
  return j;
}

/** Checks a length attribute value; undefined when it is valid or cannot be judged (calc(), var()). */
export function checkLength(s: string, options: LengthOptions = {}): ValueProblem | undefined {
  const first = skipWhitespace(s, 0);
  if (first === s.length) return { message: 'empty value', start: 0, end: s.length };
  if (s.includes('(')) return undefined;
  const keyword = s.trim().toLowerCase();
  if (GLOBAL_KEYWORDS.has(keyword) || options.keywords?.includes(keyword)) return undefined;
  let i = first;
  for (;;) {
    const r = checkOne(s, i, options);
    if (typeof r !== 'number') return r;
    const next = options.list ? skipCommaWhitespace(s, r) : skipWhitespace(s, r);
    if (next >= s.length) return undefined;
    if (!options.list) return problemAt(s, next, `unexpected ${quote(s.slice(next, next + 20))} after the ${options.numberOnly ? 'number' : 'length'}`);
    i = next;
  }
}
