import type { ElementInfo } from '../context';
import type { Rule } from '../rule';
import { checkLength, type LengthOptions } from '../values/length';

const SIZE: LengthOptions = { nonNegative: true, keywords: ['auto'] };
const COORDINATE: LengthOptions = {};
const RADIUS: LengthOptions = { nonNegative: true, keywords: ['auto'] };
const NON_NEGATIVE: LengthOptions = { nonNegative: true };
const NUMBER: LengthOptions = { numberOnly: true };
const LIST: LengthOptions = { list: true };
const DASHES: LengthOptions = { list: true, nonNegative: true, keywords: ['none'] };

const BY_ATTRIBUTE: Record<string, LengthOptions> = {
  width: SIZE, height: SIZE, x: COORDINATE, y: COORDINATE, cx: COORDINATE, cy: COORDINATE,
  x1: COORDINATE, y1: COORDINATE, x2: COORDINATE, y2: COORDINATE, fx: COORDINATE, fy: COORDINATE,
  r: NON_NEGATIVE, fr: NON_NEGATIVE, rx: RADIUS, ry: RADIUS,
  'stroke-width': NON_NEGATIVE, 'stroke-dashoffset': COORDINATE, 'stroke-dasharray': DASHES,
  markerWidth: NON_NEGATIVE, markerHeight: NON_NEGATIVE,
  opacity: NUMBER, 'fill-opacity': NUMBER, 'stroke-opacity': NUMBER, 'stop-opacity': NUMBER, 'flood-opacity': NUMBER,
  'stroke-miterlimit': NUMBER, offset: NUMBER,
};

// Text positioning takes lists (one value per character).
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'tref', 'altGlyph']);
const TEXT_LISTS = new Set(['x', 'y', 'dx', 'dy', 'rotate']);
// Elements whose x/y/width/height or r mean something else (light sources, glyphs, animation, the <view> of a font).
const SKIP_ELEMENTS = new Set(['fePointLight', 'feSpotLight', 'glyph', 'missing-glyph', 'font', 'font-face', 'animate', 'set', 'animateTransform', 'animateMotion', 'feFuncR', 'feFuncG', 'feFuncB', 'feFuncA', 'feComponentTransfer', 'feMorphology']);

function optionsFor(info: ElementInfo, name: string): LengthOptions | undefined {
  if (TEXT_ELEMENTS.has(info.name) && TEXT_LISTS.has(name)) return LIST;
  return Object.hasOwn(BY_ATTRIBUTE, name) ? BY_ATTRIBUTE[name] : undefined;
}

/** Lengths, sizes and opacities: a number with a known unit, not negative where that is an error. */
export const lengths: Rule = {
  codes: [{ code: 'invalid-length', severity: 'error', description: 'A length, size, radius or opacity is not a number with a valid unit, or is negative where that is an error.' }],
  check(ctx, report) {
    for (const info of ctx.elements) {
      if (info.foreign || SKIP_ELEMENTS.has(info.name)) continue;
      for (const a of info.el.attributes) {
        const options = optionsFor(info, a.name);
        if (!options) continue;
        const p = checkLength(a.value, options);
        if (p) report('invalid-length', `Invalid ${a.name}: ${p.message}.`, ctx.valueRange(a, p.start, p.end));
      }
    }
  },
};
