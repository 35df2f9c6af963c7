import type { Rule } from '../rule';
import { checkColor, checkPaint } from '../values/color';

const PAINT = new Set(['fill', 'stroke']);
const COLOR = new Set(['stop-color', 'flood-color', 'lighting-color', 'color']);

/** Paint and color values, in attributes and in style attributes. */
export const colors: Rule = {
  codes: [{ code: 'invalid-color', severity: 'error', description: 'A fill, stroke, stop-color, flood-color, lighting-color or color value is not a valid color or paint.' }],
  check(ctx, report) {
    for (const info of ctx.elements) {
      if (info.foreign) continue;
      for (const a of info.el.attributes) {
        const paint = PAINT.has(a.name);
        if (!paint && !COLOR.has(a.name)) continue;
        const p = paint ? checkPaint(a.value) : checkColor(a.value);
        if (p) report('invalid-color', `Invalid ${a.name}: ${p.message}.`, ctx.valueRange(a, p.start, p.end));
      }
      const style = info.el.attributes.find((a) => a.name === 'style');
      if (!style) continue;
      for (const d of ctx.styleOf(info.el)) {
        const paint = PAINT.has(d.name);
        if (!paint && !COLOR.has(d.name)) continue;
        const p = paint ? checkPaint(d.value) : checkColor(d.value);
        if (p) report('invalid-color', `Invalid ${d.name} in style: ${p.message}.`, ctx.valueRange(style, d.valueStart + p.start, d.valueStart + p.end));
      }
    }
  },
};
