// JSX spells SVG attributes the DOM way: hyphenated and namespaced names in
// camelCase (strokeWidth, xlinkHref, xmlSpace) and class as className. SVG's
// own camelCase names (viewBox, gradientUnits, stdDeviation…) are written the
// same in both, so only names whose SVG spelling has a hyphen or a colon are
// turned back.

/**
 * Every SVG 1.1 / SVG 2 attribute whose name has a hyphen (presentation
 * attributes, font description attributes, glyph and rendering hints), as
 * listed in the SVG 1.1 attribute index (§ Attribute Index) and SVG 2's
 * presentation attribute table (§ 6.6).
 */
const HYPHENATED_SVG_ATTRIBUTES = [
  'accent-height', 'alignment-baseline', 'arabic-form', 'baseline-shift', 'cap-height', 'clip-path', 'clip-rule',
  'color-interpolation', 'color-interpolation-filters', 'color-profile', 'color-rendering', 'dominant-baseline',
  'enable-background', 'fill-opacity', 'fill-rule', 'flood-color', 'flood-opacity', 'font-family', 'font-size',
  'font-size-adjust', 'font-stretch', 'font-style', 'font-variant', 'font-weight', 'glyph-name',
  'glyph-orientation-horizontal', 'glyph-orientation-vertical', 'horiz-adv-x', 'horiz-origin-x', 'horiz-origin-y',
  'image-rendering', 'letter-spacing', 'lighting-color', 'marker-end', 'marker-mid', 'marker-start', 'overline-position',
  'overline-thickness', 'paint-order', 'pointer-events', 'rendering-intent', 'shape-rendering', 'stop-color',
  'stop-opacity', 'strikethrough-position', 'strikethrough-thickness', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity', 'stroke-width', 'text-anchor',
  'text-decoration', 'text-rendering', 'transform-origin', 'underline-position', 'underline-thickness', 'unicode-bidi',
  'unicode-range', 'units-per-em', 'v-alphabetic', 'v-hanging', 'v-ideographic', 'v-mathematical', 'vector-effect',
  'vert-adv-y', 'vert-origin-x', 'vert-origin-y', 'word-spacing', 'writing-mode', 'x-height',
];

/** Namespaced attributes React writes in camelCase. */
const NAMESPACED = ['xlink:actuate', 'xlink:arcrole', 'xlink:href', 'xlink:role', 'xlink:show', 'xlink:title', 'xlink:type',
  'xml:base', 'xml:lang', 'xml:space', 'xmlns:xlink'];

function camel(name: string): string {
  return name.replace(/[-:]([a-z])/g, (_, c: string) => c.toUpperCase());
}

const JSX_TO_SVG = new Map<string, string>([
  ['className', 'class'],
  ['htmlFor', 'for'],
  ...[...HYPHENATED_SVG_ATTRIBUTES, ...NAMESPACED].map((n): [string, string] => [camel(n), n]),
]);

/** The SVG name of a JSX attribute name (itself when it is already the SVG name). */
export function svgAttributeName(jsxName: string): string {
  return JSX_TO_SVG.get(jsxName) ?? jsxName;
}
