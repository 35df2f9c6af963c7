import { attribute } from '../context';
import { insertAttribute } from '../edits';
import type { Rule } from '../rule';
import { plainNumber } from '../values/number';
import { isViewBox, parseViewBox } from '../values/viewBox';

const VIEWBOX_ELEMENTS = new Set(['svg', 'symbol', 'marker', 'pattern', 'view']);

/** A plain user-unit size ("24", "24px") usable for a viewBox; undefined for %, em, auto… */
function userUnits(value: string | undefined): number | undefined {
  const n = plainNumber(value);
  return n !== undefined && n > 0 ? n : undefined;
}

/** viewBox present and valid: without it an icon does not scale with its width/height. */
export const viewBox: Rule = {
  codes: [
    { code: 'missing-viewbox', severity: 'warning', description: 'The <svg> root has no viewBox, so the drawing does not scale when the size changes (fix: derive it from width/height).' },
    { code: 'invalid-viewbox', severity: 'error', description: 'A viewBox is not four numbers with a positive width and height.' },
  ],
  check(ctx, report) {
    for (const info of ctx.elements) {
      if (!VIEWBOX_ELEMENTS.has(info.name)) continue;
      const vb = attribute(info.el, 'viewBox');
      if (vb) {
        const parsed = parseViewBox(vb.value);
        if (!isViewBox(parsed)) report('invalid-viewbox', `Invalid viewBox: ${parsed.message}.`, ctx.valueRange(vb, parsed.start, parsed.end));
      } else if (info === ctx.root && info.name === 'svg') {
        const el = info.el;
        const nameStart = el.startTagRange.start + 1;
        const range = { start: nameStart, end: nameStart + el.name.length };
        const w = userUnits(attribute(el, 'width')?.value);
        const h = userUnits(attribute(el, 'height')?.value);
        if (w !== undefined && h !== undefined) {
          report('missing-viewbox', `The <svg> has width and height but no viewBox; it will not scale. Add viewBox="0 0 ${w} ${h}".`, range,
            { title: `Add viewBox="0 0 ${w} ${h}"`, edits: [insertAttribute(el, 'viewBox', `0 0 ${w} ${h}`)] });
        } else {
          report('missing-viewbox', 'The <svg> has no viewBox; its drawing will not scale with its size.', range);
        }
      }
    }
  },
};
