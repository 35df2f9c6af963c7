// Just enough JavaScript lexing to find SVG in script: where strings,
// template literals, comments and regular expressions begin and end, and
// where a {…} expression closes. Not a parser: JSX text with an apostrophe
// can look like a string start, so a string also ends at a line break, which
// keeps such a mistake to one line.

const IDENT_OR_CLOSE = /[\w$)\]]/;

/** Where the string literal opened at `open` (a quote) ends: just past its closing quote, or at the line break / limit. */
export function stringEnd(text: string, open: number, limit: number): number {
  const q = text.charCodeAt(open);
  for (let i = open + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) { i++; continue; }
    if (c === q) return i + 1;
    if (c === 10 || c === 13) return i;
  }
  return limit;
}

/** Just past the comment starting at `at` ("//" or "/*"). */
export function commentEnd(text: string, at: number, limit: number): number {
  if (text[at + 1] === '/') {
    const nl = text.indexOf('\n', at);
    return nl < 0 || nl > limit ? limit : nl;
  }
  const close = text.indexOf('*/', at + 2);
  return close < 0 || close + 2 > limit ? limit : close + 2;
}

/** Just past a regular expression literal at `at`, or at + 1 if it does not look like one (it then was a division). */
function regexEnd(text: string, at: number, limit: number): number {
  let inClass = false;
  for (let i = at + 1; i < limit; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === '\n' || c === '\r') return at + 1;
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i + 1;
  }
  return at + 1;
}

/** Whether a "/" at `at` starts a regular expression, judged by the last significant character before it. */
function slashStartsRegex(text: string, at: number, start: number): boolean {
  let i = at - 1;
  while (i >= start && /\s/.test(text[i])) i--;
  if (i < start) return true;
  // "</" closes a JSX element; a regex never follows "<".
  if (text[i] === '<') return false;
  return !IDENT_OR_CLOSE.test(text[i]);
}

/**
 * The offset of the "}" that closes the expression whose "{" is at `open`,
 * skipping strings, template literals (and their ${…}), comments and regular
 * expressions inside; -1 when it does not close before `limit`.
 */
export function expressionEnd(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      if (--depth === 0) return i;
    } else if (c === '"' || c === "'") i = stringEnd(text, i, limit) - 1;
    else if (c === '`') i = templateEnd(text, i, limit) - 1;
    else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) i = commentEnd(text, i, limit) - 1;
    else if (c === '/' && slashStartsRegex(text, i, open + 1)) i = regexEnd(text, i, limit) - 1;
  }
  return -1;
}

/** Just past the template literal whose backtick is at `open` (or `limit` when unclosed). */
export function templateEnd(text: string, open: number, limit: number): number {
  for (let i = open + 1; i < limit; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === '`') return i + 1;
    if (c === '$' && text[i + 1] === '{') {
      const close = expressionEnd(text, i + 1, limit);
      if (close < 0) return limit;
      i = close;
    }
  }
  return limit;
}

/** Where an <svg> block may start inside script, and how it is quoted there. */
export type ScriptSvgContext = '`' | '"' | "'" | 'jsx';

/**
 * Walks script text in [start, end) and calls `found` at each "<svg" that
 * opens a tag in a template literal, a string, or (when `jsx`) in code.
 * `found` returns where scanning resumes (the end of the block it read).
 */
export function scanScript(text: string, start: number, end: number, jsx: boolean, found: (at: number, context: ScriptSvgContext) => number): void {
  // Each entry: the brace depth at which a template's ${ opened, to resume the template at its "}".
  const templates: number[] = [];
  let depth = 0;
  let i = start;
  const inTemplate = (from: number): number => {
    // Scans template content from `from`; returns the offset to continue code scanning at.
    for (let j = from; j < end; j++) {
      const c = text[j];
      if (c === '\\') { j++; continue; }
      if (c === '`') return j + 1;
      if (c === '$' && text[j + 1] === '{') {
        templates.push(depth);
        depth++;
        return j + 2;
      }
      if (c === '<' && isSvgTagStart(text, j)) j = found(j, '`') - 1;
    }
    return end;
  };
  while (i < end) {
    const c = text[i];
    if (c === '`') { i = inTemplate(i + 1); continue; }
    if (c === '"' || c === "'") {
      const close = stringEnd(text, i, end);
      for (let j = i + 1; j < close; j++) {
        if (text[j] === '\\') { j++; continue; }
        if (text[j] === '<' && isSvgTagStart(text, j)) j = found(j, c) - 1;
      }
      i = close;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) { i = commentEnd(text, i, end); continue; }
    if (c === '/' && slashStartsRegex(text, i, start)) { i = regexEnd(text, i, end); continue; }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        i = inTemplate(i + 1);
        continue;
      }
    } else if (jsx && c === '<' && isSvgTagStart(text, i)) {
      i = found(i, 'jsx');
      continue;
    }
    i++;
  }
}

/** "<svg" followed by white space, "/", ">" or the end: the start of an svg tag (any case, as HTML allows). */
export function isSvgTagStart(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 60 || (text[at + 1] !== 's' && text[at + 1] !== 'S')) return false;
  if (text.slice(at + 1, at + 4).toLowerCase() !== 'svg') return false;
  const next = text[at + 4];
  return next === undefined || next === '>' || next === '/' || /\s/.test(next) || next === '\\';
}
