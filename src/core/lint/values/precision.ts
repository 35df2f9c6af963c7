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
  // Whether a number was emitted right before, with nothing separating it, and whether it had a "." or exponent.
  let previousIsNumber = false;
  let previousHasDotOrExponent = false;
  const chunks: string[] = [];
  let copyFrom = 0; // source text not yet copied to out
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    const lower = code | 0x20;
    if (path && lower >= 97 && lower <= 122) {
      if (!PATH_COMMANDS.includes(s[i])) return { decimals: maxDecimals, excessive, example, rounded: undefined };
      command = lower;
      param = 0;
      previousIsNumber = false;
      i++;
      continue;
    }
    if (path && command === 97 /* a */ && (param % 7 === 3 || param % 7 === 4) && (code === 48 || code === 49)) {
      previousIsNumber = false;
      param++;
      i++;
      continue;
    }
    const startsNumber = isDigit(code) || code === 46 || code === 45 || code === 43;
    const end = startsNumber ? scanNumber(s, i) : -1;
    if (end < 0) {
      if (path && !isWhitespace(code) && code !== 44) return { decimals: maxDecimals, excessive, example, rounded: undefined };
      previousIsNumber = false;
      i++;
      continue;
    }
    // Only numbers to round are sliced out: on a 40 MB path a string per number would cost gigabytes.
    let dot = -1;
    let exponent = false;
    for (let k = i; k < end; k++) {
      const ch = s.charCodeAt(k);
      if (ch === 46) dot = k;
      else if (ch === 101 || ch === 69) { exponent = true; break; }
    }
    const decimals = exponent ? effectiveDecimals(s.slice(i, end)) : dot < 0 ? 0 : end - dot - 1;
    let emitted: string | undefined; // the rounded text, when it differs from the source
    if (decimals > maxDecimals) {
      const token = s.slice(i, end);
      if (!excessive) example = token;
      excessive++;
      const leadingDot = token[0] === '.' || token.startsWith('-.') || token.startsWith('+.');
      const rounded = formatRounded(Number(token), maxDecimals, leadingDot);
      if (rounded !== token) emitted = rounded;
    }
    const first = emitted === undefined ? code : emitted.charCodeAt(0);
    const merges = previousIsNumber && (isDigit(first) || (first === 46 && !previousHasDotOrExponent));
    if (emitted !== undefined || merges) {
      out.push(s.slice(copyFrom, i));
      if (merges) out.push(' ');
      if (emitted !== undefined) {
        out.push(emitted);
        copyFrom = end;
      } else copyFrom = i;
      // Joined in chunks so the pieces die young instead of piling up in one huge array.
      if (out.length >= 3000) { chunks.push(out.join('')); out.length = 0; }
    }
    previousIsNumber = true;
    previousHasDotOrExponent = emitted === undefined ? dot >= 0 || exponent : /[.eE]/.test(emitted);
    param++;
    i = end;
  }
  if (!excessive) return { decimals: maxDecimals, excessive, example, rounded: s };
  out.push(s.slice(copyFrom));
  chunks.push(out.join(''));
  return { decimals: maxDecimals, excessive, example, rounded: chunks.length === 1 ? chunks[0] : chunks.join('') };
}
