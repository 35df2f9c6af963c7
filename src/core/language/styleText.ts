// The style sheets of a document (<style> elements' text) with the source
// offset each starts at, so positions found in them map back to the file.
import { forEachElement } from '../svg/query';
import type { SvgDocument, SvgElement } from '../svg/types';

export interface StyleSheetText {
  /** The sheet as written in the source (entity references left as they are, so offsets map 1:1). */
  text: string;
  /** Offset of text's first character in the document. */
  start: number;
}

export function isStyleElement(el: SvgElement): boolean {
  return el.name === 'style' || el.name.endsWith(':style');
}

/** The sheets of the document's <style> elements (pass them when a walk already found them). */
export function styleSheets(doc: SvgDocument, styleElements?: readonly SvgElement[]): StyleSheetText[] {
  let elements = styleElements;
  if (!elements) {
    const found: SvgElement[] = [];
    forEachElement(doc, (el) => { if (isStyleElement(el)) found.push(el); });
    elements = found;
  }
  const out: StyleSheetText[] = [];
  for (const el of elements) {
    for (const child of el.children) {
      if (child.kind === 'cdata') out.push({ text: child.value, start: child.range.start + 9 });
      else if (child.kind === 'text') out.push({ text: doc.text.slice(child.range.start, child.range.end), start: child.range.start });
    }
  }
  return out;
}
