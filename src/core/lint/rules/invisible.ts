import type { ElementInfo, LintContext } from '../context';
import type { Rule } from '../rule';
import { removeFix } from './degenerateShape';
import { plainNumber } from '../values/number';

const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text']);
const MARKERS = ['marker-start', 'marker-mid', 'marker-end', 'marker'];
const CONTAINERS = new Set(['g', 'use', 'image', 'svg', 'a', 'switch', 'foreignObject']);

function isNone(v: string | undefined): boolean {
  return v !== undefined && v.toLowerCase() === 'none';
}

/** Why an element draws nothing, or undefined when it may draw something. */
function invisibleBecause(ctx: LintContext, info: ElementInfo): string | undefined {
  if (isNone(ctx.ownProperty(info, 'display'))) return 'display="none"';
  const opacity = ctx.ownProperty(info, 'opacity');
  if (opacity !== undefined && plainNumber(opacity) === 0) return 'opacity="0"';
  if (!SHAPES.has(info.name)) return undefined;
  if (!isNone(ctx.inheritedProperty(info, 'fill'))) return undefined;
  const stroke = ctx.inheritedProperty(info, 'stroke');
  if (stroke !== undefined && !isNone(stroke)) return undefined;
  // Markers draw even without fill or stroke.
  if (MARKERS.some((m) => { const v = ctx.inheritedProperty(info, m); return v !== undefined && !isNone(v); })) return undefined;
  return 'fill="none" and no stroke';
}

/** Elements that draw nothing: hidden, fully transparent, or neither filled nor stroked. */
export const invisible: Rule = {
  codes: [{ code: 'invisible-element', severity: 'info', description: 'An element draws nothing (display="none", opacity="0", or fill="none" without a stroke).' }],
  check(ctx, report) {
    // Style sheets and animations can make any element visible; then nothing can be said.
    if (ctx.hasStyleSheet || ctx.hasDynamicContent) return;
    const hiddenAncestors = new Set<ElementInfo>();
    for (const info of ctx.elements) {
      if (info.template || info.foreign || info === ctx.root) continue;
      if (!SHAPES.has(info.name) && !CONTAINERS.has(info.name)) continue;
      if (info.parent && hiddenAncestors.has(info.parent)) { hiddenAncestors.add(info); continue; }
      // Referenced elements draw in another context; pointer-events may make an invisible shape a hit area.
      if (ctx.isReferenced(info) || ctx.inheritedProperty(info, 'pointer-events') !== undefined) continue;
      const why = invisibleBecause(ctx, info);
      if (!why) continue;
      hiddenAncestors.add(info);
      const nameStart = info.el.startTagRange.start + 1;
      report('invisible-element', `This <${info.el.name}> draws nothing (${why}).`, { start: nameStart, end: nameStart + info.el.name.length },
        removeFix(ctx, info, `the invisible <${info.el.name}>`));
    }
  },
};
