// Inline suppression: <!-- svg-copilot-disable-next-line [CODE[, CODE…]] -->
// silences findings that start on the line after the comment (all codes when none are listed).
import type { SvgComment, SvgDocument, SvgNode } from '../svg/types';
import type { Finding } from './types';

const DIRECTIVE = 'svg-copilot-disable-next-line';

interface Suppression {
  /** Offsets of the line after the comment: [start, end). */
  start: number;
  end: number;
  /** undefined: every code. */
  codes: Set<string> | undefined;
}

function comments(doc: SvgDocument): SvgComment[] {
  const out: SvgComment[] = [];
  const stack: SvgNode[] = [...doc.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'comment') { if (n.value.includes(DIRECTIVE)) out.push(n); }
    else if (n.kind === 'element') for (const c of n.children) stack.push(c);
  }
  return out;
}

function lineAfter(text: string, offset: number): { start: number; end: number } | undefined {
  let nl = offset;
  while (nl < text.length && text[nl] !== '\n' && text[nl] !== '\r') nl++;
  if (nl >= text.length) return undefined;
  const start = text[nl] === '\r' && text[nl + 1] === '\n' ? nl + 2 : nl + 1;
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

function parseSuppressions(doc: SvgDocument): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments(doc)) {
    const body = c.value.trim();
    if (!body.startsWith(DIRECTIVE)) continue;
    const rest = body.slice(DIRECTIVE.length);
    if (rest && !/^\s/.test(rest)) continue;
    const codes = rest.split(/[\s,]+/).filter(Boolean);
    const line = lineAfter(doc.text, c.range.end);
    if (line) out.push({ ...line, codes: codes.length ? new Set(codes) : undefined });
  }
  return out;
}

/** Drops the findings an inline comment suppresses. */
export function applySuppressions(doc: SvgDocument, findings: Finding[]): Finding[] {
  // Cheap test first: most files have no comment at all.
  if (!findings.length || doc.text.indexOf('<!--') < 0 || !doc.text.includes(DIRECTIVE)) return findings;
  const suppressions = parseSuppressions(doc);
  if (!suppressions.length) return findings;
  return findings.filter((f) => !suppressions.some((s) => f.range.start >= s.start && f.range.start <= s.end && (!s.codes || s.codes.has(f.code))));
}
