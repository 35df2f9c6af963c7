// Just enough of CSS to find ids in selectors and declarations in rule
// blocks of a <style> sheet, with exact offsets. Not a validator: any text
// gives some answer in linear time.

export interface CssIdSelector {
  /** The id, unescaped. */
  id: string;
  /** The id as written after "#" (offsets into the sheet). */
  start: number;
  end: number;
}

export interface CssBlock {
  /** Offsets of the declarations between "{" and "}". */
  start: number;
  end: number;
}

export interface StyleSheetScan {
  ids: CssIdSelector[];
  declarations: CssBlock[];
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c >= 0x80;
}

/**
 * Ids in selectors (#name) and the declaration blocks of a style sheet.
 * Blocks after an at-rule prelude (@media, @supports…) hold rules, others hold
 * declarations; comments and strings are skipped.
 */
export function scanStyleSheet(css: string): StyleSheetScan {
  const ids: CssIdSelector[] = [];
  const declarations: CssBlock[] = [];
  // One entry per open block: true when it holds declarations.
  const stack: boolean[] = [];
  let preludeStart = 0;
  let preludeIds: CssIdSelector[] = [];
  let blockStart = 0;
  const n = css.length;
  for (let i = 0; i < n; i++) {
    const c = css.charCodeAt(i);
    if (c === 47 /* / */ && css.charCodeAt(i + 1) === 42 /* * */) {
      const close = css.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (c === 34 || c === 39) {
      let j = i + 1;
      while (j < n && css.charCodeAt(j) !== c) j += css.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
      continue;
    }
    const inDeclarations = stack.length > 0 && stack[stack.length - 1];
    if (inDeclarations) {
      if (c === 125 /* } */) {
        declarations.push({ start: blockStart, end: i });
        stack.pop();
        preludeStart = i + 1;
        preludeIds = [];
      } else if (c === 123 /* { nested rule: treat as declarations too */) {
        stack.push(true);
      }
      continue;
    }
    if (c === 123 /* { */) {
      const prelude = css.slice(preludeStart, i).trimStart();
      const atRule = prelude.startsWith('@');
      if (!atRule) ids.push(...preludeIds);
      stack.push(!atRule || /^@(font-face|page|property|counter-style)/i.test(prelude));
      blockStart = i + 1;
      preludeStart = i + 1;
      preludeIds = [];
    } else if (c === 125 /* } */) {
      stack.pop();
      preludeStart = i + 1;
      preludeIds = [];
    } else if (c === 59 /* ; ends an at-statement such as @import */) {
      preludeStart = i + 1;
      preludeIds = [];
    } else if (c === 35 /* # */) {
      let j = i + 1;
      let id = '';
      while (j < n) {
        const d = css.charCodeAt(j);
        if (d === 92 /* \ */ && j + 1 < n) { id += css[j + 1]; j += 2; continue; }
        if (!isIdentChar(d)) break;
        id += css[j];
        j++;
      }
      if (id && !/^-?\d/.test(id)) preludeIds.push({ id, start: i + 1, end: j });
      i = j - 1;
    }
  }
  if (stack.length && stack[stack.length - 1]) declarations.push({ start: blockStart, end: n });
  return { ids, declarations };
}

/** An id as it must be written in a CSS selector. */
export function cssEscapeId(id: string): string {
  return id.replace(/[^\w\-\u0080-\uffff]/g, (c) => '\\' + c).replace(/^(-?)(\d)/, (_, dash: string, d: string) => `${dash}\\3${d} `);
}
