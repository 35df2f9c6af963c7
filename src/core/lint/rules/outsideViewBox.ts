import { attribute, type ElementInfo, type LintContext } from '../context';
import type { Rule } from '../rule';
import type { ViewBox } from '../values/viewBox';
import type { BBox } from '../../svg/path';
import { plainNumber } from '../values/number';
import { TRANSFORM_ATTRIBUTES } from './transform';

const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'image']);
// CSS properties that move or enlarge what an element draws.
const MOVING_PROPERTIES = new Set(['transform', 'translate', 'rotate', 'scale', 'filter', 'd', 'offset-path']);

/** The area the root shows: its viewBox, or 0 0 width height. */
function viewport(ctx: LintContext): ViewBox | undefined {
  const root = ctx.root;
  if (!root || root.name !== 'svg') return undefined;
  const overflow = ctx.ownProperty(root, 'overflow');
  if (overflow === 'visible' || overflow === 'auto') return undefined;
  if (attribute(root.el, 'viewBox')) return ctx.rootViewBox;
  const w = plainNumber(attribute(root.el, 'width')?.value);
  const h = plainNumber(attribute(root.el, 'height')?.value);
  return w && h && w > 0 && h > 0 ? { x: 0, y: 0, width: w, height: h } : undefined;
}

/** Something between the element and the root moves or enlarges what it draws in a way this rule cannot follow. */
function unknowable(ctx: LintContext, info: ElementInfo): boolean {
  return ctx.selfOrAncestor('outside-viewbox:unknowable', info, (cur) => {
    if (cur !== ctx.root && (cur.name === 'svg' || cur.name === 'symbol')) return true;
    for (const a of cur.el.attributes) if (TRANSFORM_ATTRIBUTES.includes(a.name) || a.name === 'filter' || a.name.startsWith('marker')) return true;
    for (const d of ctx.styleOf(cur.el)) if (MOVING_PROPERTIES.has(d.name) || d.name.startsWith('marker')) return true;
    return false;
  });
}

function num(ctx: LintContext, info: ElementInfo, name: string, fallback?: number): number | undefined {
  const v = ctx.ownProperty(info, name);
  return v === undefined ? fallback : plainNumber(v);
}

/** The shape's geometric bounding box in user units, or undefined when it cannot be known exactly. */
function shapeBox(ctx: LintContext, info: ElementInfo, inside?: (x: number, y: number) => boolean): BBox | 'visible' | undefined {
  switch (info.name) {
    case 'rect': case 'image': {
      const x = num(ctx, info, 'x', 0), y = num(ctx, info, 'y', 0), w = num(ctx, info, 'width'), h = num(ctx, info, 'height');
      return x === undefined || y === undefined || w === undefined || h === undefined ? undefined : { minX: x, minY: y, maxX: x + w, maxY: y + h };
    }
    case 'circle': {
      const cx = num(ctx, info, 'cx', 0), cy = num(ctx, info, 'cy', 0), r = num(ctx, info, 'r');
      return cx === undefined || cy === undefined || r === undefined ? undefined : { minX: cx - r, minY: cy - r, maxX: cx + r, maxY: cy + r };
    }
    case 'ellipse': {
      const cx = num(ctx, info, 'cx', 0), cy = num(ctx, info, 'cy', 0), rx = num(ctx, info, 'rx'), ry = num(ctx, info, 'ry');
      return cx === undefined || cy === undefined || rx === undefined || ry === undefined ? undefined : { minX: cx - rx, minY: cy - ry, maxX: cx + rx, maxY: cy + ry };
    }
    case 'line': {
      const x1 = num(ctx, info, 'x1', 0), y1 = num(ctx, info, 'y1', 0), x2 = num(ctx, info, 'x2', 0), y2 = num(ctx, info, 'y2', 0);
      return x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined ? undefined
        : { minX: Math.min(x1, x2), minY: Math.min(y1, y2), maxX: Math.max(x1, x2), maxY: Math.max(y1, y2) };
    }
    default: {
      const attr = attribute(info.el, info.name === 'path' ? 'd' : 'points');
      if (!attr) return undefined;
      // Most shapes have a point on the curve inside the viewBox: then they are visible
      // and the exact box (Bézier extrema, arc centers) is not needed. Segments are
      // streamed, not kept: a 40 MB path costs time here, not memory.
      if (inside) {
        let visible = false;
        ctx.forEachSegment(info, attr, (seg) => !(visible = inside(seg.to.x, seg.to.y)));
        if (visible) return 'visible';
      }
      let box: BBox | undefined;
      ctx.forEachSegment(info, attr, (seg) => {
        const b = seg.bbox;
        if (!box) box = { ...b };
        else {
          if (b.minX < box.minX) box.minX = b.minX;
          if (b.minY < box.minY) box.minY = b.minY;
          if (b.maxX > box.maxX) box.maxX = b.maxX;
          if (b.maxY > box.maxY) box.maxY = b.maxY;
        }
      });
      return box;
    }
  }
}

/** How far the stroke can reach beyond the geometry (miter joins included); undefined when unknown. */
function strokeReach(ctx: LintContext, info: ElementInfo): number | undefined {
  if (info.name === 'image') return 0;
  const stroke = ctx.inheritedProperty(info, 'stroke');
  if (stroke === undefined || stroke.toLowerCase() === 'none') return 0;
  const widthValue = ctx.inheritedProperty(info, 'stroke-width');
  const width = widthValue === undefined ? 1 : plainNumber(widthValue);
  if (width === undefined) return undefined;
  const miterValue = ctx.inheritedProperty(info, 'stroke-miterlimit');
  const miter = miterValue === undefined ? 4 : plainNumber(miterValue);
  if (miter === undefined) return undefined;
  return (Math.abs(width) / 2) * Math.max(miter, Math.SQRT2);
}

/** Shapes drawn wholly outside the viewBox are never seen. Only judged when the geometry is exactly known. */
export const outsideViewBox: Rule = {
  codes: [{ code: 'outside-viewbox', severity: 'warning', description: 'A shape lies entirely outside the viewBox, so it is never seen (judged only without transforms, filters or style sheets).' }],
  check(ctx, report) {
    if (ctx.hasStyleSheet) return;
    const vb = viewport(ctx);
    if (!vb) return;
    for (const info of ctx.elements) {
      if (!SHAPES.has(info.name) || info.template || info.foreign || unknowable(ctx, info)) continue;
      const reach = strokeReach(ctx, info);
      if (reach === undefined) continue;
      const inside = (x: number, y: number) => x >= vb.x - reach && x <= vb.x + vb.width + reach && y >= vb.y - reach && y <= vb.y + vb.height + reach;
      const box = shapeBox(ctx, info, inside);
      if (!box || box === 'visible' || ![box.minX, box.minY, box.maxX, box.maxY].every(Number.isFinite)) continue;
      const outside = box.maxX + reach < vb.x || box.minX - reach > vb.x + vb.width || box.maxY + reach < vb.y || box.minY - reach > vb.y + vb.height;
      if (!outside) continue;
      const nameStart = info.el.startTagRange.start + 1;
      const f = (n: number) => String(Math.round(n * 100) / 100);
      report('outside-viewbox',
        `This <${info.el.name}> (x ${f(box.minX)}…${f(box.maxX)}, y ${f(box.minY)}…${f(box.maxY)}) lies entirely outside the viewBox ${f(vb.x)} ${f(vb.y)} ${f(vb.width)} ${f(vb.height)}, so it is never seen.`,
        { start: nameStart, end: nameStart + info.el.name.length });
    }
  },
};
