// Builders for the text edits fixes are made of. They keep the formatting
// around the change tidy (no blank lines or double spaces left behind).
import type { Range, SvgAttribute, SvgElement } from '../svg/types';
import type { TextEdit } from './types';

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Removes a node; when it is alone on its line(s), the whole line goes with it. */
export function removeNode(text: string, range: Range): TextEdit {
  let start = range.start;
  while (start > 0 && isBlank(text[start - 1])) start--;
  let end = range.end;
  while (end < text.length && isBlank(text[end])) end++;
  const atLineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  const atLineEnd = end === text.length || text[end] === '\n' || text[end] === '\r';
  if (atLineStart && atLineEnd) {
    if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
    else if (end < text.length) end += 1;
    return { range: { start, end }, newText: '' };
  }
  return { range: { start: range.start, end: range.end }, newText: '' };
}

/** Removes an attribute together with the whitespace that separated it from what came before. */
export function removeAttribute(text: string, attr: SvgAttribute): TextEdit {
  let start = attr.range.start;
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  return { range: { start, end: attr.range.end }, newText: '' };
}

export function escapeAttributeValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** Inserts name="value" right after the element name of its start tag. */
export function insertAttribute(el: SvgElement, name: string, value: string): TextEdit {
  const at = el.startTagRange.start + 1 + el.name.length;
  return { range: { start: at, end: at }, newText: ` ${name}="${escapeAttributeValue(value)}"` };
}

/** Replaces the raw text between an attribute's quotes. */
export function replaceValue(attr: SvgAttribute, value: string): TextEdit {
  return { range: { start: attr.valueRange.start, end: attr.valueRange.end }, newText: escapeAttributeValue(value) };
}
