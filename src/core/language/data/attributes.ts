// Attributes of each SVG element, their one-line descriptions, and the values
// of the enumerated ones. Which attributes an element has comes from the
// svg-element-attributes package (the union of SVG 1.1, SVG Tiny 1.2 and
// SVG 2); this file only says which of those are obsolete or Tiny-only,
// describes them, and lists keyword values from the specifications.
import { svgElementAttributes } from 'svg-element-attributes';

/**
 * SVG Tiny 1.2 only (navigation, RDFa, timeline control): no browser
 * implements them, so completion does not offer them.
 * https://www.w3.org/TR/SVGTiny12/attributeTable.html
 */
const TINY_ONLY = new Set([
  'nav-down', 'nav-down-left', 'nav-down-right', 'nav-left', 'nav-next', 'nav-prev', 'nav-right', 'nav-up', 'nav-up-left', 'nav-up-right',
  'focusHighlight', 'focusable', 'requiredFonts', 'requiredFormats', 'about', 'content', 'datatype', 'property', 'rel', 'resource', 'rev',
  'typeof', 'playbackorder', 'playbackOrder', 'snapshotTime', 'syncBehaviorDefault', 'syncToleranceDefault', 'timelinebegin',
  'timelineBegin', 'editable', 'text-overflow',
]);

/**
 * Removed or deprecated by SVG 2 (Appendix "Changes from SVG 1.1",
 * https://www.w3.org/TR/SVG2/changes.html): offered last and marked deprecated.
 */
export const DEPRECATED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'baseProfile', 'version', 'clip', 'color-profile', 'color-rendering', 'contentScriptType', 'contentStyleType', 'enable-background',
  'externalResourcesRequired', 'glyph-orientation-horizontal', 'glyph-orientation-vertical', 'kerning', 'requiredFeatures', 'zoomAndPan',
  'xlink:href', 'xlink:title', 'xml:space',
]);

/** Attributes most elements carry (presentation attributes, core attributes): listed after an element's own. */
const SHARED: ReadonlySet<string> = (() => {
  const counts = new Map<string, number>();
  const lists = Object.values(svgElementAttributes);
  for (const list of lists) for (const a of list) counts.set(a, (counts.get(a) ?? 0) + 1);
  const shared = new Set<string>(svgElementAttributes['*']);
  for (const [a, n] of counts) if (n > lists.length / 3) shared.add(a);
  return shared;
})();

export interface AttributeEntry {
  name: string;
  /** The element's own attribute (x, d, viewBox…) rather than one shared by most elements (fill, opacity…). */
  own: boolean;
  deprecated: boolean;
}

const attributeCache = new Map<string, readonly AttributeEntry[]>();

/** Attributes completion offers on an element, own attributes first. */
export function attributesOf(element: string): readonly AttributeEntry[] {
  const hit = attributeCache.get(element);
  if (hit) return hit;
  const names = new Set<string>(svgElementAttributes['*']);
  const own = Object.prototype.hasOwnProperty.call(svgElementAttributes, element) ? svgElementAttributes[element] : [];
  for (const a of own) names.add(a);
  if (names.has('href')) names.add('xlink:href');
  if (element === 'svg') { names.add('xmlns'); names.add('xmlns:xlink'); }
  const out: AttributeEntry[] = [];
  for (const name of names) {
    if (TINY_ONLY.has(name)) continue;
    out.push({ name, own: !SHARED.has(name) || name === 'xmlns', deprecated: DEPRECATED_ATTRIBUTES.has(name) });
  }
  out.sort((a, b) => Number(b.own) - Number(a.own) || Number(a.deprecated) - Number(b.deprecated) || a.name.localeCompare(b.name));
  attributeCache.set(element, out);
  return out;
}

/** Whether the data package knows the element (used for elements outside the content-model table). */
export function knownElement(element: string): boolean {
  return Object.prototype.hasOwnProperty.call(svgElementAttributes, element) && element !== '*';
}

/** MDN's reference page of an attribute. */
export function attributeMdnUrl(name: string): string {
  return `https://developer.mozilla.org/docs/Web/SVG/Reference/Attribute/${encodeURIComponent(name)}`;
}

/** One-line descriptions; attributes without one get a generic line naming the element. */
const DOCS: Record<string, string> = {
  id: 'A unique name for the element, referenced by url(#id), href="#id" and CSS #id.',
  class: 'Space-separated class names for CSS selectors.',
  style: 'Inline CSS declarations for this element.',
  lang: 'The language of the element\'s text content.',
  tabindex: 'Whether and in which order the element takes keyboard focus.',
  xmlns: 'The SVG namespace, http://www.w3.org/2000/svg; required when the file is served as XML.',
  'xmlns:xlink': 'The XLink namespace, needed only for xlink:href.',
  href: 'The URL or #id of the resource or element this element refers to.',
  'xlink:href': 'SVG 1.1 spelling of href; prefer href.',
  viewBox: 'The user-space rectangle (min-x min-y width height) mapped onto the viewport.',
  preserveAspectRatio: 'How the viewBox is aligned and scaled when its aspect ratio differs from the viewport\'s.',
  width: 'Width of the viewport, rectangle or region.',
  height: 'Height of the viewport, rectangle or region.',
  x: 'x coordinate of the element\'s position.',
  y: 'y coordinate of the element\'s position.',
  cx: 'x coordinate of the center.',
  cy: 'y coordinate of the center.',
  r: 'Radius.',
  rx: 'Horizontal radius (corner radius of a rect).',
  ry: 'Vertical radius (corner radius of a rect).',
  x1: 'x coordinate of the start point.',
  y1: 'y coordinate of the start point.',
  x2: 'x coordinate of the end point.',
  y2: 'y coordinate of the end point.',
  d: 'Path data: moveto, lineto, curveto, arc and closepath commands.',
  points: 'A list of x,y coordinate pairs.',
  pathLength: 'The author\'s total length of the path, scaling dash and text-path distances.',
  transform: 'Transformations (translate, scale, rotate, skewX, skewY, matrix) applied to the element.',
  fill: 'Paint of the inside of the shape: a color, url(#id) of a paint server, or none.',
  'fill-opacity': 'Opacity of the fill, 0 to 1.',
  'fill-rule': 'Which parts of a self-intersecting shape count as inside: nonzero or evenodd.',
  stroke: 'Paint of the outline: a color, url(#id) of a paint server, or none.',
  'stroke-width': 'Width of the outline.',
  'stroke-opacity': 'Opacity of the outline, 0 to 1.',
  'stroke-linecap': 'Shape at the ends of open subpaths: butt, round or square.',
  'stroke-linejoin': 'Shape at the corners of the outline: miter, round, bevel…',
  'stroke-miterlimit': 'Limit on the ratio of miter length to stroke width before a miter join is beveled.',
  'stroke-dasharray': 'Lengths of alternating dashes and gaps.',
  'stroke-dashoffset': 'Distance into the dash pattern at which the stroke starts.',
  opacity: 'Opacity of the whole element, 0 to 1.',
  color: 'The value of currentColor for this element and its descendants.',
  'clip-path': 'Clips the element to a clipPath, url(#id), or a basic shape.',
  'clip-rule': 'Fill rule of the shapes inside a clipPath: nonzero or evenodd.',
  mask: 'Masks the element with a mask, url(#id).',
  filter: 'Applies a filter, url(#id), or CSS filter functions.',
  display: 'Whether the element is rendered: none removes it and its children.',
  visibility: 'Whether the element is drawn; hidden keeps its space and lets children override.',
  overflow: 'Whether content outside the viewport or box is clipped.',
  'marker-start': 'Marker drawn at the first vertex, url(#id).',
  'marker-mid': 'Marker drawn at every vertex but the first and last, url(#id).',
  'marker-end': 'Marker drawn at the last vertex, url(#id).',
  'stop-color': 'Color of a gradient stop.',
  'stop-opacity': 'Opacity of a gradient stop, 0 to 1.',
  'flood-color': 'Color of feFlood and feDropShadow.',
  'flood-opacity': 'Opacity of feFlood and feDropShadow.',
  'lighting-color': 'Color of the light of feDiffuseLighting and feSpecularLighting.',
  'font-family': 'Font families of the text, most preferred first.',
  'font-size': 'Font size of the text.',
  'font-weight': 'Boldness of the text.',
  'font-style': 'normal, italic or oblique text.',
  'text-anchor': 'Alignment of the text at x: start, middle or end.',
  'dominant-baseline': 'Baseline used to align the text vertically.',
  'vector-effect': 'non-scaling-stroke keeps the stroke width constant under transforms.',
  'paint-order': 'Order in which fill, stroke and markers are painted.',
  'shape-rendering': 'Trade-off between speed, crisp edges and geometric precision.',
  'pointer-events': 'Which parts of the element receive mouse and touch events.',
  cursor: 'Mouse cursor over the element.',
  offset: 'Position of a gradient stop along the gradient, 0 to 1 or a percentage.',
  gradientUnits: 'Coordinate system of the gradient attributes: objectBoundingBox or userSpaceOnUse.',
  gradientTransform: 'Extra transform applied to the gradient.',
  spreadMethod: 'What the gradient does past its ends: pad, reflect or repeat.',
  fx: 'x coordinate of the focal point of a radial gradient.',
  fy: 'y coordinate of the focal point of a radial gradient.',
  fr: 'Radius of the focal circle of a radial gradient.',
  patternUnits: 'Coordinate system of x, y, width, height of the pattern tile.',
  patternContentUnits: 'Coordinate system of the pattern\'s content.',
  patternTransform: 'Extra transform applied to the pattern tile.',
  clipPathUnits: 'Coordinate system of the clipPath\'s content.',
  maskUnits: 'Coordinate system of x, y, width, height of the mask.',
  maskContentUnits: 'Coordinate system of the mask\'s content.',
  'mask-type': 'Whether the mask uses luminance or alpha.',
  filterUnits: 'Coordinate system of x, y, width, height of the filter region.',
  primitiveUnits: 'Coordinate system of filter primitive attributes.',
  markerUnits: 'Coordinate system of markerWidth/markerHeight: strokeWidth or userSpaceOnUse.',
  markerWidth: 'Width of the marker viewport.',
  markerHeight: 'Height of the marker viewport.',
  refX: 'x of the marker\'s reference point, placed on the vertex.',
  refY: 'y of the marker\'s reference point, placed on the vertex.',
  orient: 'Rotation of the marker: an angle, auto or auto-start-reverse.',
  in: 'Input of a filter primitive: SourceGraphic, SourceAlpha or an earlier result.',
  in2: 'Second input of a filter primitive.',
  result: 'Name of this primitive\'s output, usable as in/in2 of later primitives.',
  stdDeviation: 'Blur amount of feGaussianBlur or feDropShadow.',
  dx: 'Horizontal shift.',
  dy: 'Vertical shift.',
  mode: 'Blend mode of feBlend.',
  operator: 'Operator of feComposite or feMorphology.',
  type: 'Type of the element (color matrix, transfer function, turbulence, media type…).',
  values: 'List of values (animation keyframes, color matrix entries).',
  attributeName: 'Name of the attribute or property to animate.',
  begin: 'When the animation starts: a time, an event, or another animation\'s id.begin / id.end.',
  end: 'When the animation ends.',
  dur: 'Duration of one iteration of the animation.',
  repeatCount: 'How many times the animation repeats, or indefinite.',
  from: 'Starting value of the animation.',
  to: 'Ending value of the animation.',
  by: 'Relative change of the animation.',
  calcMode: 'Interpolation mode of the animation.',
  keyTimes: 'Times of the values list, 0 to 1.',
  keySplines: 'Bézier control points of each interval for calcMode="spline".',
  additive: 'Whether the animation adds to the underlying value.',
  accumulate: 'Whether repeated iterations build on the previous one.',
  restart: 'Whether the animation may restart.',
  textLength: 'The length the text is stretched or squeezed to.',
  lengthAdjust: 'How the text fits textLength: spacing or spacingAndGlyphs.',
  startOffset: 'Distance along the path where a textPath starts.',
  systemLanguage: 'Languages in which the element is rendered (within <switch>).',
};

export function attributeDoc(name: string, element: string): string {
  return DOCS[name] ?? `The ${name} attribute of <${element}>.`;
}

const ALIGN = ['none', ...['Min', 'Mid', 'Max'].flatMap((x) => ['Min', 'Mid', 'Max'].map((y) => `x${x}Y${y}`))];
const UNITS = ['userSpaceOnUse', 'objectBoundingBox'];
const BLEND_MODES = [
  'normal', 'multiply', 'screen', 'overlay', 'darken', 'lighten', 'color-dodge', 'color-burn', 'hard-light', 'soft-light', 'difference',
  'exclusion', 'hue', 'saturation', 'color', 'luminosity',
];
const FILTER_INPUTS = ['SourceGraphic', 'SourceAlpha', 'BackgroundImage', 'BackgroundAlpha', 'FillPaint', 'StrokePaint'];

/**
 * Keyword values of enumerated attributes (SVG 2 property and attribute
 * definitions, Filter Effects 1, CSS Masking 1, SVG Animations 2). A key
 * "element:attribute" applies to that element only and wins over the plain key.
 */
const ENUMS: Record<string, readonly string[]> = {
  'stroke-linecap': ['butt', 'round', 'square'],
  'stroke-linejoin': ['miter', 'round', 'bevel', 'miter-clip', 'arcs'],
  'fill-rule': ['nonzero', 'evenodd'],
  'clip-rule': ['nonzero', 'evenodd'],
  preserveAspectRatio: [...ALIGN, ...ALIGN.slice(1).flatMap((a) => [`${a} meet`, `${a} slice`])],
  gradientUnits: UNITS,
  patternUnits: UNITS,
  patternContentUnits: UNITS,
  clipPathUnits: UNITS,
  maskUnits: UNITS,
  maskContentUnits: UNITS,
  filterUnits: UNITS,
  primitiveUnits: UNITS,
  markerUnits: ['strokeWidth', 'userSpaceOnUse'],
  spreadMethod: ['pad', 'reflect', 'repeat'],
  'text-anchor': ['start', 'middle', 'end'],
  'dominant-baseline': ['auto', 'alphabetic', 'central', 'hanging', 'ideographic', 'mathematical', 'middle', 'text-after-edge', 'text-before-edge', 'text-bottom', 'text-top'],
  'alignment-baseline': ['auto', 'baseline', 'alphabetic', 'central', 'hanging', 'ideographic', 'mathematical', 'middle', 'text-after-edge', 'text-before-edge', 'text-bottom', 'text-top'],
  visibility: ['visible', 'hidden', 'collapse'],
  display: ['inline', 'block', 'none', 'inline-block', 'contents'],
  overflow: ['visible', 'hidden', 'scroll', 'auto'],
  'vector-effect': ['none', 'non-scaling-stroke', 'non-scaling-size', 'non-rotation', 'fixed-position'],
  'paint-order': ['normal', 'fill', 'stroke', 'markers', 'stroke fill markers', 'markers stroke fill'],
  'shape-rendering': ['auto', 'optimizeSpeed', 'crispEdges', 'geometricPrecision'],
  'text-rendering': ['auto', 'optimizeSpeed', 'optimizeLegibility', 'geometricPrecision'],
  'image-rendering': ['auto', 'optimizeSpeed', 'optimizeQuality', 'pixelated', 'crisp-edges'],
  'color-interpolation': ['auto', 'sRGB', 'linearRGB'],
  'color-interpolation-filters': ['auto', 'sRGB', 'linearRGB'],
  'pointer-events': ['auto', 'none', 'visiblePainted', 'visibleFill', 'visibleStroke', 'visible', 'painted', 'fill', 'stroke', 'bounding-box', 'all'],
  'font-style': ['normal', 'italic', 'oblique'],
  'font-weight': ['normal', 'bold', 'bolder', 'lighter', '100', '200', '300', '400', '500', '600', '700', '800', '900'],
  'mask-type': ['luminance', 'alpha'],
  'writing-mode': ['horizontal-tb', 'vertical-rl', 'vertical-lr'],
  direction: ['ltr', 'rtl'],
  'unicode-bidi': ['normal', 'embed', 'isolate', 'bidi-override', 'isolate-override', 'plaintext'],
  lengthAdjust: ['spacing', 'spacingAndGlyphs'],
  orient: ['auto', 'auto-start-reverse'],
  'textPath:method': ['align', 'stretch'],
  'textPath:spacing': ['auto', 'exact'],
  'textPath:side': ['left', 'right'],
  fill: ['none', 'currentColor', 'context-fill', 'context-stroke'],
  stroke: ['none', 'currentColor', 'context-fill', 'context-stroke'],
  color: ['currentColor'],
  'stop-color': ['currentColor'],
  'flood-color': ['currentColor'],
  'lighting-color': ['currentColor'],
  in: FILTER_INPUTS,
  in2: FILTER_INPUTS,
  'feBlend:mode': BLEND_MODES,
  'feComposite:operator': ['over', 'in', 'out', 'atop', 'xor', 'lighter', 'arithmetic'],
  'feMorphology:operator': ['erode', 'dilate'],
  'feColorMatrix:type': ['matrix', 'saturate', 'hueRotate', 'luminanceToAlpha'],
  'feTurbulence:type': ['fractalNoise', 'turbulence'],
  'feTurbulence:stitchTiles': ['noStitch', 'stitch'],
  'feFuncR:type': ['identity', 'table', 'discrete', 'linear', 'gamma'],
  'feFuncG:type': ['identity', 'table', 'discrete', 'linear', 'gamma'],
  'feFuncB:type': ['identity', 'table', 'discrete', 'linear', 'gamma'],
  'feFuncA:type': ['identity', 'table', 'discrete', 'linear', 'gamma'],
  edgeMode: ['duplicate', 'wrap', 'none'],
  xChannelSelector: ['R', 'G', 'B', 'A'],
  yChannelSelector: ['R', 'G', 'B', 'A'],
  preserveAlpha: ['false', 'true'],
  'animate:fill': ['freeze', 'remove'],
  'animateMotion:fill': ['freeze', 'remove'],
  'animateTransform:fill': ['freeze', 'remove'],
  'set:fill': ['freeze', 'remove'],
  'animateTransform:type': ['translate', 'scale', 'rotate', 'skewX', 'skewY'],
  'animateMotion:rotate': ['auto', 'auto-reverse'],
  calcMode: ['discrete', 'linear', 'paced', 'spline'],
  additive: ['replace', 'sum'],
  accumulate: ['none', 'sum'],
  restart: ['always', 'whenNotActive', 'never'],
  repeatCount: ['indefinite'],
  repeatDur: ['indefinite'],
  dur: ['indefinite', 'media'],
  attributeType: ['CSS', 'XML', 'auto'],
  'a:target': ['_self', '_parent', '_top', '_blank'],
  'xml:space': ['default', 'preserve'],
  crossorigin: ['anonymous', 'use-credentials'],
  decoding: ['sync', 'async', 'auto'],
};

/** Keyword values of an attribute on an element, or undefined when it takes free values. */
export function enumeratedValues(element: string, attribute: string): readonly string[] | undefined {
  const specific = ENUMS[`${element}:${attribute}`];
  if (specific) return specific;
  return Object.prototype.hasOwnProperty.call(ENUMS, attribute) ? ENUMS[attribute] : undefined;
}

/** Attributes whose value is a list of ids or SMIL timing references (begin="a.end; 2s"). */
export const TIMING_ATTRIBUTES: ReadonlySet<string> = new Set(['begin', 'end']);
