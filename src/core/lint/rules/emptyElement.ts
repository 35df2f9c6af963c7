import type { ElementInfo, LintContext } from '../context';
import type { Rule } from '../rule';
import { removeFix } from './degenerateShape';

const GROUPS = new Set(['g', 'defs', 'symbol', 'a', 'switch']);

function emptyBecause(ctx: LintContext, info: ElementInfo): string | undefined {
  if (GROUPS.has(info.name)) {
    const hasContent = info.el.children.some((c) => c.kind === 'element' || ((c.kind === 'text' || c.kind === 'cdata') && c.value.trim() !== ''));
    return hasContent ? undefined : 'has no content';
  }
  if (info.name === 'path') {
    const d = info.el.attributes.find((a) => a.name === 'd');
    if (!d) return ctx.ownProperty(info, 'd') === undefined && !ctx.hasStyleSheet ? 'has no d attribute' : undefined;
    return d.value.trim() === '' ? 'has empty path data' : undefined;
  }
  if (info.name === 'polyline' || info.name === 'polygon') {
    const points = info.el.attributes.find((a) => a.name === 'points');
    return !points || points.value.trim() === '' ? 'has no points' : undefined;
  }
  return undefined;
}

/** Groups without content and shapes without geometry. */
export const emptyElement: Rule = {
  codes: [{ code: 'empty-element', severity: 'info', description: 'A group or defs without content, or a path/polyline without geometry.' }],
  check(ctx, report) {
    for (const info of ctx.elements) {
      if (info.foreign || info === ctx.root || !info.el.closed) continue;
      const why = emptyBecause(ctx, info);
      if (!why) continue;
      const nameStart = info.el.startTagRange.start + 1;
      report('empty-element', `This <${info.el.name}> ${why}.`, { start: nameStart, end: nameStart + info.el.name.length },
        removeFix(ctx, info, `the empty <${info.el.name}>`));
    }
  },
};
