// Reduces a parsed SVG document to the geometry the preview needs for
// click-to-source and cursor outlines. The webview never parses or attaches the
// SVG itself: it draws the real document through <img> (where scripts cannot
// run) and rebuilds only these allowlisted shapes into a transparent layer on
// top, letting the browser's own hit testing and getBoundingClientRect do the
// geometry (transforms, arcs, strokes included). Pure: no vscode import.
import type { SvgDocument, SvgElement, Range } from '../../core/svg/types';
import type { GeometryElement, RootGeometry } from '../../shared/previewProtocol';

/** Elements drawn as themselves in the hit-test layer. */
const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'g', 'text', 'tspan']);
/** Containers whose content is drawn in place: kept as plain groups. */
const AS_GROUP = new Set(['a', 'switch', 'svg']);
/** Boxes whose content is not hit-tested in detail: kept as their rectangle. */
const AS_BOX = new Set(['image', 'foreignObject', 'use']);

/** Geometry and paint-presence attributes; nothing that can link, load, style or run. */
const ATTRIBUTES = new Set([
  'd', 'x', 'y', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'x1', 'y1', 'x2', 'y2', 'points', 'dx', 'dy',
  'transform', 'fill', 'stroke', 'stroke-width', 'fill-rule', 'display', 'visibility', 'stroke-linecap',
  'stroke-linejoin', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'vector-effect',
]);
const PAINT = new Set(['fill', 'stroke']);
/** Value shapes accepted for the allowlisted attributes (no url(), no expressions, bounded). */
const SAFE_VALUE = /^[\w\s.,+\-#%()'"]*$/;
const MAX_VALUE = 1_000_000;

export interface PreviewGeometry {
  root: RootGeometry | null;
  elements: GeometryElement[];
  /** Source range of each element, indexed by GeometryElement.id. */
  ranges: Range[];
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

function styleDeclarations(style: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    out.push([decl.slice(0, colon).trim().toLowerCase(), decl.slice(colon + 1).trim()]);
  }
  return out;
}

/** Paint is reduced to painted / not painted: the layer only needs where hits land, not colours. */
function cleanValue(name: string, value: string): string | undefined {
  const v = value.replace(/!important\s*$/i, '').trim();
  if (PAINT.has(name)) return v === 'none' || v === 'transparent' ? 'none' : '#000';
  if (v.length > MAX_VALUE || !SAFE_VALUE.test(v)) return undefined;
  return v;
}

function geometryAttributes(el: SvgElement, kind: string): Array<[string, string]> {
  const attrs = new Map<string, string>();
  const take = (name: string, value: string): void => {
    if (!ATTRIBUTES.has(name)) return;
    const clean = cleanValue(name, value);
    if (clean !== undefined) attrs.set(name, clean);
  };
  for (const a of el.attributes) take(localName(a.name), a.value);
  // Inline style wins over presentation attributes, as in CSS.
  for (const a of el.attributes) if (a.name === 'style') for (const [n, v] of styleDeclarations(a.value)) take(n, v);
  if (kind === 'svg') {
    // A nested <svg> places its content at x/y; its own viewport scaling is not modelled.
    const x = attrs.get('x') ?? '0';
    const y = attrs.get('y') ?? '0';
    const keep = new Map([...attrs].filter(([n]) => PAINT.has(n) || n === 'display' || n === 'visibility'));
    if (x !== '0' || y !== '0') keep.set('transform', `translate(${x} ${y})`);
    return [...keep];
  }
  if (kind === 'use') {
    const x = attrs.get('x') ?? '0';
    const y = attrs.get('y') ?? '0';
    attrs.delete('x'); attrs.delete('y');
    attrs.set('transform', `${attrs.get('transform') ?? ''} translate(${x} ${y})`.trim());
    attrs.set('x', '0'); attrs.set('y', '0');
  }
  return [...attrs];
}

function directText(el: SvgElement): string {
  return el.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.value : '')).join('');
}

function rootGeometry(root: SvgElement): RootGeometry {
  const g: RootGeometry = {};
  for (const a of root.attributes) {
    const name = localName(a.name);
    const value = a.value.trim();
    if (value.length > 200 || !SAFE_VALUE.test(value)) continue;
    if (name === 'width') g.width = value;
    else if (name === 'height') g.height = value;
    else if (name === 'viewBox') g.viewBox = value;
    else if (name === 'preserveAspectRatio') g.preserveAspectRatio = value;
  }
  return g;
}

/** The drawable elements of `doc` in document order, with their source ranges. */
export function extractGeometry(doc: SvgDocument, maxElements = 20_000): PreviewGeometry {
  const elements: GeometryElement[] = [];
  const ranges: Range[] = [];
  const root = doc.root && localName(doc.root.name) === 'svg' ? doc.root : undefined;
  if (!root) return { root: null, elements, ranges };

  const visit = (el: SvgElement, parent: number): void => {
    for (const child of el.children) {
      if (child.kind !== 'element' || elements.length >= maxElements) continue;
      const name = localName(child.name);
      let kind: string | undefined;
      if (SHAPES.has(name)) kind = name;
      else if (AS_GROUP.has(name)) kind = 'g';
      else if (AS_BOX.has(name)) kind = 'rect';
      if (!kind) continue; // defs, gradients, clip paths, style, script, metadata, unknown: not drawn in place.
      const attrs = geometryAttributes(child, name);
      if (AS_BOX.has(name) && !attrs.some(([n]) => n === 'width') ) continue; // a <use> without a box has no known extent
      if (AS_BOX.has(name) && !attrs.some(([n]) => n === 'fill')) attrs.push(['fill', '#000']);
      const id = elements.length;
      const entry: GeometryElement = { id, parent, name: kind, attrs };
      if ((kind === 'text' || kind === 'tspan') && !child.children.some((c) => c.kind === 'element')) entry.text = directText(child);
      elements.push(entry);
      ranges.push(child.range);
      if (kind === 'g' || kind === 'text') visit(child, id);
    }
  };
  visit(root, -1);
  return { root: rootGeometry(root), elements, ranges };
}

/** Id of the innermost element whose source contains `offset`, or null. */
export function elementAtOffset(ranges: readonly Range[], offset: number): number | null {
  // Ids are in document order, so descendants follow their ancestors: the last match is the innermost.
  let found: number | null = null;
  for (let id = 0; id < ranges.length; id++) {
    const r = ranges[id];
    if (r.start <= offset && offset < r.end) found = id;
    else if (r.start > offset) break;
  }
  return found;
}
