import type { ElementInfo, LintContext } from '../context';
import { replaceValue } from '../edits';
import type { Rule } from '../rule';
import { mayExceed, scanPrecision } from '../values/precision';
import { TRANSFORM_ATTRIBUTES } from './transform';

const GEOMETRY = new Set(['x', 'y', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'x1', 'y1', 'x2', 'y2', 'stroke-width', 'viewBox', ...TRANSFORM_ATTRIBUTES]);
// Their numbers are often fractions of a bounding box (objectBoundingBox units), where 3 decimals are too coarse.
const RELATIVE_UNITS = new Set(['linearGradient', 'radialGradient', 'pattern', 'filter', 'clipPath', 'mask', 'marker']);

/**
 * Decimals worth keeping: 3 for a drawing about 10 units or larger (1/1000 of a
 * 24-unit icon is far below a pixel), one more per factor of 10 smaller.
 */
function allowedDecimals(ctx: LintContext): number {
  const vb = ctx.rootViewBox;
  if (!vb) return 3;
  const size = Math.max(vb.width, vb.height);
  return 3 + Math.max(0, Math.min(6, Math.ceil(Math.log10(10 / size))));
}

function inRelativeUnits(ctx: LintContext, info: ElementInfo): boolean {
  return ctx.selfOrAncestor('precision:relative-units', info, (cur) => RELATIVE_UNITS.has(cur.name));
}

/** Numbers with more decimals than anyone can see only add bytes. */
export const precision: Rule = {
  codes: [{ code: 'excessive-precision', severity: 'info', description: 'Numbers carry more decimals than can be seen at any size the viewBox implies (fix: round them).' }],
  check(ctx, report) {
    const decimals = allowedDecimals(ctx);
    for (const info of ctx.elements) {
      if (info.foreign || !info.name) continue;
      let relative: boolean | undefined;
      for (const a of info.el.attributes) {
        const isPath = a.name === 'd' && info.name === 'path';
        if (!isPath && !(a.name === 'points' && (info.name === 'polyline' || info.name === 'polygon')) && !GEOMETRY.has(a.name)) continue;
        // Matrix coefficients multiply coordinates, so they need more digits (svgo keeps 5 too).
        const allowed = TRANSFORM_ATTRIBUTES.includes(a.name) ? decimals + 2 : decimals;
        if (!mayExceed(a.value, allowed)) continue;
        relative ??= inRelativeUnits(ctx, info);
        if (relative) break;
        if ((isPath || a.name === 'points') && ctx.validateGeometry(info, a).error) continue;
        const scan = scanPrecision(a.value, allowed, isPath);
        if (!scan.excessive) continue;
        const fix = scan.rounded !== undefined && !a.hasReferences
          ? { title: `Round ${a.name} to ${scan.decimals} decimals`, edits: [replaceValue(a, scan.rounded)] }
          : undefined;
        const many = scan.excessive === 1 ? 'number has' : `${scan.excessive} numbers have`;
        report('excessive-precision', `${a.name}: ${many} more than ${scan.decimals} decimals (e.g. ${scan.example.slice(0, 24)}).`, ctx.valueRange(a), fix);
      }
    }
  },
};
