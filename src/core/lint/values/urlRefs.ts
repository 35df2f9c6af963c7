import { skipWhitespace } from './number';

/** One url(…) reference inside a value, with offsets of its target inside the value. */
export interface UrlRef {
  /** The target as written, without quotes, e.g. "#grad" or "https://…". */
  target: string;
  start: number;
  end: number;
}

/** Finds every url(…) in a value (attribute, style attribute or style sheet), linear time. */
export function scanUrls(s: string): UrlRef[] {
  const refs: UrlRef[] = [];
  const lower = s.length < 4096 ? s.toLowerCase() : undefined;
  let from = 0;
  for (;;) {
    const at = lower ? lower.indexOf('url(', from) : indexOfUrl(s, from);
    if (at < 0) return refs;
    let i = skipWhitespace(s, at + 4);
    const q = s[i];
    let start: number;
    let end: number;
    if (q === '"' || q === "'") {
      start = i + 1;
      end = s.indexOf(q, start);
      if (end < 0) return refs;
    } else {
      start = i;
      end = start;
      while (end < s.length && s[end] !== ')' && !/\s/.test(s[end])) end++;
    }
    refs.push({ target: s.slice(start, end), start, end });
    from = end;
    i = end;
  }
}

function indexOfUrl(s: string, from: number): number {
  for (let i = s.indexOf('(', from + 3); i >= 0; i = s.indexOf('(', i + 1)) {
    if (i >= 3 && s.slice(i - 3, i).toLowerCase() === 'url') return i - 3;
  }
  return -1;
}

/** The id of a same-document reference ("#id", "  #id "), or undefined for anything else. */
export function localId(target: string): string | undefined {
  const t = target.trim();
  return t.length > 1 && t[0] === '#' ? t.slice(1) : undefined;
}
