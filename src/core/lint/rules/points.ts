import type { Rule } from '../rule';

/** polyline/polygon points: pairs of numbers. */
export const points: Rule = {
  codes: [{ code: 'invalid-points', severity: 'error', description: 'A polyline or polygon points list has a bad number or an odd count of coordinates.' }],
  check(ctx, report) {
    for (const info of ctx.elements) {
      if (info.name !== 'polyline' && info.name !== 'polygon') continue;
      const attr = info.el.attributes.find((a) => a.name === 'points');
      if (!attr) continue;
      const { error } = ctx.validateGeometry(info, attr);
      if (error) report('invalid-points', `Invalid points: ${error.message}`, ctx.valueRange(attr, error.range.start, error.range.end));
    }
  },
};
