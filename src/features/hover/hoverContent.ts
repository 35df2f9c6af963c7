// What a hover on path data says, as plain values: the Markdown text, the
// source range it covers (offsets), and the segment to trace in a thumbnail.
// Pure (no vscode import), so the benchmarks measure exactly what the hover
// computes; hover.ts turns it into a vscode.Hover.
import { explainSegment, formatPoint, pathAt, type PathAt } from '../../core/svg/explain';
import type { PathSegment } from '../../core/svg/path';

export const EXPLAIN_PATH_WITH_MODEL_COMMAND = 'svgCopilot.explainPathWithModel';

export interface ExplainWithModelArgs {
  uri: string;
  offset: number;
}

export interface PathHoverContent {
  markdown: string;
  /** Source offsets the hover covers: the segment under the cursor, else the whole attribute. */
  range: { start: number; end: number };
  at: PathAt;
  /** The segment under the cursor, which a thumbnail traces. */
  segment?: PathSegment;
}

const KIND_NAMES: Record<string, string> = {
  M: 'moveto', L: 'lineto', H: 'horizontal lineto', V: 'vertical lineto', C: 'cubic Bézier', S: 'smooth cubic Bézier',
  Q: 'quadratic Bézier', T: 'smooth quadratic Bézier', A: 'elliptical arc', Z: 'closepath',
};

/** The hover for `offset` in `text` (a document at `uri`), or undefined when the offset is not in path data. */
export function pathHoverContent(text: string, offset: number, uri: string): PathHoverContent | undefined {
  const at = pathAt(text, offset);
  if (!at) return undefined;
  const base = at.attribute.valueRange.start;
  const range = at.segment
    ? { start: base + at.segment.range.start, end: base + at.segment.range.end }
    : { start: at.attribute.range.start, end: at.attribute.range.end };
  if (!at.analysis) return { markdown: escapeMarkdown(at.note ?? 'This path is not explained.'), range, at };
  let md = at.segment ? segmentMarkdown(at.segment, at.analysis.parsed.segments.length) : '';
  const path = at.analysis.explanation();
  md += `**${at.kind === 'd' ? 'Path' : at.kind === 'polygon-points' ? 'Polygon' : 'Polyline'}** — `;
  md += escapeMarkdown(path.text);
  md += '\n\n';
  const args: ExplainWithModelArgs = { uri, offset };
  md += `[Explain with model](command:${EXPLAIN_PATH_WITH_MODEL_COMMAND}?${encodeURIComponent(JSON.stringify(args))} "Ask the model what this path depicts")\n\n`;
  return { markdown: md, range, at, segment: at.segment };
}

/** The image line appended once a thumbnail is ready. */
export function thumbnailMarkdown(segment: PathSegment, dataUri: string, shownWidth: number): string {
  return `![Segment ${segment.index + 1} highlighted](${dataUri}|width=${shownWidth})`;
}

function segmentMarkdown(seg: PathSegment, total: number): string {
  const relative = seg.command !== seg.command.toUpperCase();
  const written = seg.implicit ? `implicit \`${seg.command}\`` : `\`${seg.command}\``;
  let md = `**Segment ${seg.index + 1} of ${total}** — ${written}, ${relative ? 'relative ' : ''}${KIND_NAMES[seg.type]}\n\n`;
  md += escapeMarkdown(explainSegment(seg));
  md += '\n\n';
  const points = [`from ${formatPoint(seg.from)}`];
  if (seg.controls.length) points.push(`control${seg.controls.length > 1 ? 's' : ''} ${seg.controls.map(formatPoint).join(', ')}`);
  points.push(`to ${formatPoint(seg.to)}`);
  md += escapeMarkdown(`Absolute: ${points.join(' · ')}`);
  md += '\n\n---\n\n';
  return md;
}

/**
 * Escapes only what could turn plain text into markup (MarkdownString.appendText
 * also turns every space into &nbsp;, which makes the hover's source unreadable).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}
