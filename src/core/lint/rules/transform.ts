import type { Rule } from '../rule';
import { checkTransform } from '../values/transform';

export const TRANSFORM_ATTRIBUTES = ['transform', 'gradientTransform', 'patternTransform'];

/** transform lists: known functions, right argument counts, numbers only. */
export const transform: Rule = {
  codes: [{ code: 'invalid-transform', severity: 'error', description: 'A transform, gradientTransform or patternTransform is not a valid transform list; browsers ignore the whole attribute.' }],
  check(ctx, report) {
    for (const info of ctx.elements) {
      if (info.foreign) continue;
      for (const a of info.el.attributes) {
        if (!TRANSFORM_ATTRIBUTES.includes(a.name)) continue;
        const p = checkTransform(a.value);
        if (p) report('invalid-transform', `Invalid ${a.name}: ${p.message}.`, ctx.valueRange(a, p.start, p.end));
      }
    }
  },
};
