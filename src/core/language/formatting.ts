// Formatting that only re-indents: it rewrites the indentation at the start
// of lines that begin with a tag or comment, and only where that indentation
// is whitespace between elements (a whitespace-only text node) of an element
// whose whitespace carries no meaning. Attribute values (path data included),
// text content, <style>, <script>, and anything under xml:space="preserve"
// are never touched, so formatting cannot change what the SVG draws or says.
import type { Range, SvgElement, SvgNode } from '../svg/types';
import { type SvgRegion, type TextEdit, toHost, toLocal } from './region';

/** Elements whose text, whitespace included, is content. */
const KEEP_WHITESPACE = new Set(['text', 'tspan', 'textPath', 'style', 'script', 'title', 'desc', 'metadata', 'foreignObject']);

function keepsWhitespace(el: SvgElement): boolean {
  if (KEEP_WHITESPACE.has(el.name) || KEEP_WHITESPACE.has(el.name.slice(el.name.indexOf(':') + 1))) return true;
  for (const a of el.attributes) if (a.name === 'xml:space' && a.value.trim() === 'preserve') return true;
  return false;
}

export interface IndentOptions {
  /** One level of indentation, e.g. "  " or "\t". */
  indent: string;
}

/**
 * Edits that re-indent the region (or only the lines starting inside hostRange):
 * each element one level deeper than its parent, an end tag at its element's level.
 */
export function formatIndentation(region: SvgRegion, options: IndentOptions, hostRange?: Range): TextEdit[] {
  const doc = region.document;
  const t = doc.text;
  const from = hostRange ? toLocal(region, hostRange.start) ?? 0 : 0;
  const to = hostRange ? toLocal(region, hostRange.end) ?? t.length : t.length;
  const edits: TextEdit[] = [];
  /** Rewrites the indentation at the end of a whitespace node (before a tag at `depth`). */
  const reindent = (node: SvgNode, depth: number): void => {
    const raw = t.slice(node.range.start, node.range.end);
    if (raw.trim() !== '' || node.kind !== 'text') return;
    const lastBreak = Math.max(raw.lastIndexOf('\n'), raw.lastIndexOf('\r'));
    if (lastBreak < 0) return;
    const start = node.range.start + lastBreak + 1;
    const end = node.range.end;
    if (start < from || start > to) return;
    const wanted = options.indent.repeat(depth);
    if (t.slice(start, end) !== wanted) edits.push({ range: toHost(region, { start, end }), newText: wanted });
  };
  // Each entry: a parent's children and their depth; iterative for any nesting.
  const stack: { children: readonly SvgNode[]; depth: number; parent?: SvgElement }[] = [{ children: doc.children, depth: 0 }];
  while (stack.length) {
    const { children, depth, parent } = stack.pop()!;
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      if (node.kind === 'text') {
        const next = children[i + 1];
        // The last whitespace before the parent's end tag sets the end tag's level.
        if (next) reindent(node, depth);
        else if (parent?.endTagRange && node.range.end === parent.endTagRange.start) reindent(node, depth - 1);
        continue;
      }
      if (node.kind === 'element' && node.children.length && !keepsWhitespace(node)) stack.push({ children: node.children, depth: depth + 1, parent: node });
    }
  }
  edits.sort((a, b) => a.range.start - b.range.start);
  return edits;
}
