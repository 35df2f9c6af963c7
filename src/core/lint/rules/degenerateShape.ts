import type { ElementInfo, LintContext } from '../context';
import { removeNode } from '../edits';
import type { Rule } from '../rule';
import type { Fix } from '../types';
import { plainNumber } from '../values/number';

/** Size attributes per shape; a missing one counts as 0 (the SVG default) unless CSS might set it. */
const SIZES: Record<string, readonly string[]> = { rect: ['width', 'height'], circle: ['r'], ellipse: ['rx', 'ry'] };

export function removeFix(ctx: LintContext, info: ElementInfo, what: string): Fix | undefined {
  // Removing something referenced, or something a script or animation may bring back, is not safe.
  if (ctx.hasDynamicContent || ctx.subtreeReferenced(info)) return undefined;
  return { title: `Remove ${what}`, edits: [removeNode(ctx.text, info.el.range)] };
}

/** Shapes with a zero size draw nothing. */
export const degenerateShape: Rule = {
  codes: [{ code: 'degenerate-shape', severity: 'warning', description: 'A rect, circle or ellipse has a zero (or missing) size and draws nothing.' }],
  check(ctx, report) {
    if (ctx.hasStyleSheet) return;
    for (const info of ctx.elements) {
      const sizes = SIZES[info.name];
      if (!sizes || info.foreign) continue;
      for (const name of sizes) {
        const value = ctx.ownProperty(info, name);
        // An ellipse's rx/ry of auto (or missing one) takes the other.
        if (info.name === 'ellipse' && (value === undefined || value === 'auto')) {
          const other = ctx.ownProperty(info, name === 'rx' ? 'ry' : 'rx');
          if (other !== undefined && other !== 'auto') continue;
        }
        const n = value === undefined ? 0 : plainNumber(value);
        if (n !== 0) continue;
        const attr = info.el.attributes.find((a) => a.name === name);
        const nameStart = info.el.startTagRange.start + 1;
        const range = attr ? ctx.valueRange(attr) : { start: nameStart, end: nameStart + info.el.name.length };
        const why = value === undefined ? `has no ${name} (0 by default)` : `has ${name}="${value}"`;
        report('degenerate-shape', `This <${info.el.name}> ${why}, so it draws nothing.`, range, removeFix(ctx, info, `the empty <${info.el.name}>`));
        break;
      }
    }
  },
};
