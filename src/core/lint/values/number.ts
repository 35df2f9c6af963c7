// Scanners for the SVG/CSS number grammar shared by every value checker.
// Hand-written instead of regular expressions so hostile values cannot cause
// backtracking and every error points at one character.

export const enum Char {
  Tab = 9, LineFeed = 10, CarriageReturn = 13, Space = 32, Plus = 43, Comma = 44, Minus = 45, Dot = 46,
  Zero = 48, Nine = 57, UpperE = 69, LowerE = 101,
}

export function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}

export function isWhitespace(c: number): boolean {
  return c === Char.Space || c === Char.Tab || c === Char.LineFeed || c === Char.CarriageReturn || c === 12;
}

export function skipWhitespace(s: string, i: number): number {
  while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
  return i;
}

/** Skips whitespace with at most one comma in it (the SVG "comma-wsp"). */
export function skipCommaWhitespace(s: string, i: number): number {
  i = skipWhitespace(s, i);
  if (s.charCodeAt(i) === Char.Comma) i = skipWhitespace(s, i + 1);
  return i;
}

/**
 * Scans one number starting at `i`. Returns the index after it, or -1 when no
 * number starts there. An exponent is only taken when digits follow it, so
 * "1em" scans as "1" followed by the unit "em".
 */
export function scanNumber(s: string, i: number): number {
  let c = s.charCodeAt(i);
  if (c === Char.Plus || c === Char.Minus) c = s.charCodeAt(++i);
  let digits = 0;
  while (isDigit(c)) { digits++; c = s.charCodeAt(++i); }
  if (c === Char.Dot) {
    const afterDot = i + 1;
    let j = afterDot;
    while (isDigit(s.charCodeAt(j))) j++;
    if (j > afterDot) { digits += j - afterDot; i = j; c = s.charCodeAt(i); }
    else if (digits > 0) { i = afterDot; c = s.charCodeAt(i); }
  }
  if (digits === 0) return -1;
  if (c === Char.LowerE || c === Char.UpperE) {
    let j = i + 1;
    const sign = s.charCodeAt(j);
    if (sign === Char.Plus || sign === Char.Minus) j++;
    const expStart = j;
    while (isDigit(s.charCodeAt(j))) j++;
    if (j > expStart) i = j;
  }
  return i;
}

/** Digits after the decimal point as written (exponent ignored). */
export function fractionDigits(token: string): number {
  const dot = token.indexOf('.');
  if (dot < 0) return 0;
  let n = 0;
  for (let i = dot + 1; i < token.length && isDigit(token.charCodeAt(i)); i++) n++;
  return n;
}

/** Shortest decimal text for `value` rounded to `decimals` places; keeps a leading "." form when asked. */
export function formatRounded(value: number, decimals: number, dropLeadingZero: boolean): string {
  let text = value.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (text === '-0') text = '0';
  if (dropLeadingZero) {
    if (text.startsWith('0.')) text = text.slice(1);
    else if (text.startsWith('-0.')) text = '-' + text.slice(2);
  }
  return text;
}

/** The numeric value of a plain number or px length; undefined for %, em, calc() or anything unparsable. */
export function plainNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const start = skipWhitespace(value, 0);
  let end = scanNumber(value, start);
  if (end < 0) return undefined;
  const n = Number(value.slice(start, end));
  if (value.slice(end, end + 2) === 'px') end += 2;
  return skipWhitespace(value, end) === value.length && Number.isFinite(n) ? n : undefined;
}
