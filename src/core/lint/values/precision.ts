import { fractionDigits, formatRounded, isDigit, isWhitespace, scanNumber } from './number';

export interface PrecisionScan {
  /** The number of decimals allowed (and rounded to). */
  decimals: number;
  /** Numbers written with more decimals than allowed. */
  excessive: number;
  /** The first such number, as written. */
  example: string;
  /** The value with just those numbers rounded; undefined when the value could not be tokenized. */
  rounded: string | undefined;
}

const PATH_COMMANDS = 'MmLlHhVvCcSsQqTtAaZz';

/** Decimals a number token really carries: "1.5e-3" carries 4. */
export function effectiveDecimals(token: string): number {
  let e = token.indexOf('e');
  if (e < 0) e = token.indexOf('E');
  if (e < 0) return fractionDigits(token);
  return Math.max(0, fractionDigits(token.slice(0, e)) - Number(token.slice(e + 1)));
}

/**
 * Finds numbers with more than `maxDecimals` decimals and rounds them. With
 * `path`, arc flags (single "0"/"1" characters that may touch the next number)
 * are recognised so they are never read as part of a number. A separator is
 * inserted wherever a rounded number would otherwise merge with its neighbour
 * ("1.99999.5" → "2 .5", not "2.5").
 */
/**
 * Whether any number in s may carry more than maxDecimals decimals: a tight
 * loop without allocation, so values with nothing to round cost almost nothing.
 */
export function mayExceed(s: string, maxDecimals: number): boolean {
  let run = -1; // digits since the last ".", -1 outside a fraction
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (run >= 0 && ++run > maxDecimals) return true;
    } else if (c === 46) {
      run = 0;
    } else {
      // An exponent can add decimals ("1e-7").
      if ((c === 101 || c === 69) && i > 0) {
        const p = s.charCodeAt(i - 1);
        if ((p >= 48 && p <= 57) || p === 46) return true;
      }
      run = -1;
    }
  }
  return false;
}

export function scanPrecision(s: string, maxDecimals: number, path: boolean): PrecisionScan {
  let excessive = 0;
  let example = '';
  const out: string[] = [];
  let command = 0; // lower-cased command letter code
  let param = 0;
  let previousNumber: string | undefined; // the number emitted right before, when nothing separated it
  let copyFrom = 0; // source text not yet copied to out
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    const lower = code | 0x20;
    if (path && lower >= 97 && lower <= 122) {
      if (!PATH_COMMANDS.includes(s[i])) return { decimals: maxDecimals, excessive, example, rounded: undefined };
      command = lower;
      param = 0;
      previousNumber = undefined;
      i++;
      continue;
    }
    if (path && command === 97 /* a */ && (param % 7 === 3 || param % 7 === 4) && (code === 48 || code === 49)) {
      previousNumber = undefined;
      param++;
      i++;
      continue;
    }
    const startsNumber = isDigit(code) || code === 46 || code === 45 || code === 43;
    const end = startsNumber ? scanNumber(s, i) : -1;
    if (end < 0) {
      if (path && !isWhitespace(code) && code !== 44) return { decimals: maxDecimals, excessive, example, rounded: undefined };
      previousNumber = undefined;
      i++;
      continue;
    }
    const token = s.slice(i, end);
    let emitted = token;
    if (effectiveDecimals(token) > maxDecimals) {
      if (!excessive) example = token;
      excessive++;
      const leadingDot = token[0] === '.' || token.startsWith('-.') || token.startsWith('+.');
      emitted = formatRounded(Number(token), maxDecimals, leadingDot);
    }
    const merges = previousNumber !== undefined && (isDigit(emitted.charCodeAt(0)) || (emitted[0] === '.' && !/[.eE]/.test(previousNumber)));
    if (emitted !== token || merges) {
      out.push(s.slice(copyFrom, i));
      if (merges) out.push(' ');
      out.push(emitted);
      copyFrom = end;
    }
    previousNumber = emitted;
    param++;
    i = end;
  }
  out.push(s.slice(copyFrom));
  return { decimals: maxDecimals, excessive, example, rounded: excessive ? out.join('') : s };
}
