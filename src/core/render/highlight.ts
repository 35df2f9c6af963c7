// Builds the hover-thumbnail variant of a document: everything dimmed, the
// chosen element drawn again at full strength, and optionally one path segment
// traced over it in an accent stroke.
//
// The copy is placed at the end of the root, wrapped in replicas of the
// element's ancestor start tags, so ancestor transforms, viewports and
// inherited paint apply exactly as they do to the original; the segment
// overlay also takes the element's own transform. resvg 2.6.2 ignores
// vector-effect="non-scaling-stroke", so the accent's stroke width is
// converted from pixels to the element's user units from the accumulated
// transform scale.
import type { Range } from '../svg/types';

export interface Highlight {
  /** Source range of the element to emphasize (from "<" of its start tag through its end). */
  elementRange?: Range;
  /** One segment of a path to trace; pathData is a standalone path ("M x y C …") in the element's coordinates. */
  segment?: { elementRange: Range; pathData: string };
}

export interface HighlightStyle {
  /** Output pixels per root user unit. */
  pixelsPerUnit: number;
  accent: string;
  /** Accent stroke width in output pixels. */
  accentWidthPx: number;
  /** Paint laid over everything else. */
  dim: string;
  dimOpacity: number;
}

export const DEFAULT_HIGHLIGHT_STYLE: Omit<HighlightStyle, 'pixelsPerUnit'> = {
  accent: '#ff2d95',
  accentWidthPx: 3,
  dim: '#ffffff',
  dimOpacity: 0.7,
};

export type HighlightResult = { ok: true; svg: string } | { ok: false; error: string };

interface OpenTag {
  name: string;
  start: number;
  /** Offset just past ">". */
  end: number;
}

// Elements whose content is never drawn in place: a copy wrapped in them would draw nothing.
const NON_RENDERING = new Set([
  'defs', 'symbol', 'clipPath', 'mask', 'pattern', 'marker', 'linearGradient', 'radialGradient', 'filter',
  'metadata', 'title', 'desc', 'style', 'script', 'foreignObject',
]);

export function applyHighlight(text: string, highlight: Highlight, style: HighlightStyle): HighlightResult {
  const target = highlight.segment?.elementRange ?? highlight.elementRange;
  if (!target) return { ok: true, svg: text };
  if (!(target.start >= 0 && target.end <= text.length && target.start < target.end) || text[target.start] !== '<') {
    return { ok: false, error: `highlight range ${target.start}–${target.end} does not start an element` };
  }
  const chain = openTagsAt(text, target.start);
  if (!chain.length) return { ok: false, error: 'highlighted element is not inside a root element' };
  const root = chain[0];
  const rootClose = findRootEnd(text, root);
  if (rootClose < 0) return { ok: false, error: 'document has no end tag for its root element' };

  const ancestors = chain.slice(1);
  const drawsInPlace = !ancestors.some((a) => NON_RENDERING.has(localName(a.name)));
  const elementText = text.slice(target.start, target.end);
  const elementStartTag = elementText.slice(0, startTagLength(elementText));

  let overlay = `<rect x="-1e7" y="-1e7" width="2e7" height="2e7" fill="${escapeAttr(style.dim)}" fill-opacity="${style.dimOpacity}"/>`;
  if (drawsInPlace) {
    const ancestorTags = ancestors.map((a) => withoutIds(text.slice(a.start, a.end)));
    let inner = withoutIds(elementStartTag) + elementText.slice(elementStartTag.length);
    if (highlight.segment) {
      const transforms = [...ancestorTags, elementStartTag].map(attributeValue('transform'));
      const scale = style.pixelsPerUnit * transforms.reduce((s, t) => s * transformScale(t ?? ''), 1);
      const width = style.accentWidthPx / (scale > 0 && Number.isFinite(scale) ? scale : 1);
      const own = attributeValue('transform')(elementStartTag);
      inner += `<path d="${escapeAttr(highlight.segment.pathData)}"${own ? ` transform="${escapeAttr(own)}"` : ''}` +
        ` fill="none" stroke="${escapeAttr(style.accent)}" stroke-width="${round(width)}" stroke-linecap="round" stroke-linejoin="round" opacity="1"/>`;
    }
    overlay += ancestorTags.join('') + inner + ancestors.map((a) => `</${a.name}>`).reverse().join('');
  }
  return { ok: true, svg: text.slice(0, rootClose) + overlay + text.slice(rootClose) };
}

function localName(q: string): string {
  const i = q.indexOf(':');
  return i < 0 ? q : q.slice(i + 1);
}

function round(n: number): string {
  return String(Math.round(n * 1e4) / 1e4);
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function withoutIds(startTag: string): string {
  return startTag.replace(/\sid\s*=\s*("[^"]*"|'[^']*')/g, '');
}

function attributeValue(name: string): (tag: string) => string | undefined {
  const re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  return (tag) => {
    const m = re.exec(tag);
    return m ? (m[1] ?? m[2]) : undefined;
  };
}

/** Length of the start tag at the beginning of s (through ">"), honouring quoted attribute values. */
function startTagLength(s: string): number {
  let quote = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return s.length;
}

/**
 * Start tags still open at `offset`, outermost first. A small scanner rather
 * than a full parse: it only needs tag boundaries, and skips comments, CDATA,
 * processing instructions and the DOCTYPE.
 */
export function openTagsAt(text: string, offset: number): OpenTag[] {
  const stack: OpenTag[] = [];
  let i = text.indexOf('<');
  while (i >= 0 && i < offset) {
    if (text.startsWith('<!--', i)) i = skipPast(text, '-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) i = skipPast(text, ']]>', i + 9);
    else if (text.startsWith('<?', i)) i = skipPast(text, '?>', i + 2);
    else if (text.startsWith('<!', i)) i = skipDoctype(text, i);
    else if (text[i + 1] === '/') {
      const close = text.indexOf('>', i);
      const name = text.slice(i + 2, close < 0 ? text.length : close).trim();
      const at = stack.map((t) => t.name).lastIndexOf(name);
      if (at >= 0) stack.length = at;
      i = close < 0 ? text.length : close + 1;
    } else {
      const len = startTagLength(text.slice(i, Math.min(text.length, i + 65_536)));
      const tag = text.slice(i, i + len);
      const name = /^<([^\s/>]+)/.exec(tag)?.[1];
      const selfClosing = /\/\s*>$/.test(tag);
      if (name && !selfClosing && tag.endsWith('>')) stack.push({ name, start: i, end: i + len });
      i += Math.max(len, 1);
    }
    i = text.indexOf('<', i);
  }
  return stack;
}

function skipPast(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + marker.length;
}

function skipDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (bracket >= 0 && (close < 0 || bracket < close)) return skipPast(text, '>', skipPast(text, ']', bracket));
  return close < 0 ? text.length : close + 1;
}

function findRootEnd(text: string, root: OpenTag): number {
  const re = new RegExp(`</${root.name.replace(/[.:]/g, '\\$&')}\\s*>`, 'g');
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index ?? last;
  return last;
}

/** Square root of the determinant of a transform list: how much it scales lengths on average. */
export function transformScale(transform: string): number {
  let a = 1, b = 0, c = 0, d = 1;
  const re = /(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g;
  for (const m of transform.matchAll(re)) {
    const n = (m[2].match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? []).map(Number);
    let t: [number, number, number, number];
    switch (m[1]) {
      case 'matrix': t = [n[0] ?? 1, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1]; break;
      case 'scale': t = [n[0] ?? 1, 0, 0, n[1] ?? n[0] ?? 1]; break;
      case 'rotate': { const r = ((n[0] ?? 0) * Math.PI) / 180; t = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r)]; break; }
      case 'skewX': t = [1, 0, Math.tan(((n[0] ?? 0) * Math.PI) / 180), 1]; break;
      case 'skewY': t = [1, Math.tan(((n[0] ?? 0) * Math.PI) / 180), 0, 1]; break;
      default: continue; // translate does not scale
    }
    [a, b, c, d] = [a * t[0] + c * t[1], b * t[0] + d * t[1], a * t[2] + c * t[3], b * t[2] + d * t[3]];
  }
  return Math.sqrt(Math.abs(a * d - b * c));
}
