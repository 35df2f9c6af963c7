// Folding ranges: every element, comment and CDATA section that spans lines.
import type { SvgNode } from '../svg/types';
import { type SvgRegion } from './region';

export interface SvgFoldingRange {
  /** Line of the first character (0-based, host lines). */
  startLine: number;
  /** Last line folded away: the line before an element's end tag, or a comment's last line. */
  endLine: number;
  kind?: 'comment';
}

/**
 * Folding ranges of the region. lineAt turns a host offset into its 0-based
 * line (for VS Code: document.positionAt(offset).line).
 */
export function foldingRanges(region: SvgRegion, lineAt: (hostOffset: number) => number): SvgFoldingRange[] {
  const out: SvgFoldingRange[] = [];
  const base = region.base;
  const stack: SvgNode[] = [...region.document.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'comment' || node.kind === 'cdata') {
      const startLine = lineAt(base + node.range.start);
      const endLine = lineAt(base + Math.max(node.range.start, node.range.end - 1));
      if (endLine > startLine) out.push(node.kind === 'comment' ? { startLine, endLine, kind: 'comment' } : { startLine, endLine });
      continue;
    }
    if (node.kind !== 'element') continue;
    if (node.children.length) {
      const startLine = lineAt(base + node.startTagRange.start);
      // Folding keeps the end tag's line visible; an element left open folds to its last line.
      const endLine = node.endTagRange ? lineAt(base + node.endTagRange.start) - 1 : lineAt(base + Math.max(node.range.start, node.range.end - 1));
      if (endLine > startLine) out.push({ startLine, endLine });
      for (const c of node.children) if (c.kind !== 'text') stack.push(c);
    } else {
      // A long start tag (attributes over several lines) folds too.
      const startLine = lineAt(base + node.startTagRange.start);
      const endLine = lineAt(base + Math.max(node.startTagRange.start, node.startTagRange.end - 1)) - 1;
      if (endLine > startLine) out.push({ startLine, endLine });
    }
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}
