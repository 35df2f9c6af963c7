// Which SVG elements may appear inside which (the content model), with a
// one-line description of each element. No npm package carries SVG's content
// model, so this table is written from the specifications; every row cites
// the section that defines the element. Element *names* are checked against
// the svg-tag-names package by a unit test, so a typo here cannot ship.
//
// Specifications:
//   SVG 2                      https://www.w3.org/TR/SVG2/
//   CSS Masking Module 1       https://www.w3.org/TR/css-masking-1/
//   Filter Effects Module 1    https://www.w3.org/TR/filter-effects-1/
//   SVG Animations Level 2     https://svgwg.org/specs/animations/
//
// The element categories are those of SVG 2 §1.6 "Definitions"
// (https://www.w3.org/TR/SVG2/intro.html#Definitions).

/** SVG 2 §1.6 element categories used by the content models below. */
const ANIMATION = ['animate', 'animateMotion', 'animateTransform', 'discard', 'set'];
const DESCRIPTIVE = ['desc', 'metadata', 'title'];
const SHAPE = ['circle', 'ellipse', 'line', 'path', 'polygon', 'polyline', 'rect'];
const STRUCTURAL = ['defs', 'g', 'svg', 'symbol', 'use'];
const PAINT_SERVER = ['linearGradient', 'pattern', 'radialGradient'];
const FILTER_PRIMITIVE = [
  'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting', 'feDisplacementMap',
  'feDropShadow', 'feFlood', 'feGaussianBlur', 'feImage', 'feMerge', 'feMorphology', 'feOffset', 'feSpecularLighting', 'feTile',
  'feTurbulence',
];
const LIGHT_SOURCE = ['feDistantLight', 'fePointLight', 'feSpotLight'];
const TRANSFER_FUNCTION = ['feFuncA', 'feFuncB', 'feFuncG', 'feFuncR'];

/**
 * The content model shared by the container elements (svg, g, defs, symbol,
 * marker, pattern, mask, a): SVG 2 §5.2 "The 'g' element", "Content model".
 */
const CONTAINER = [
  ...ANIMATION, ...DESCRIPTIVE, ...PAINT_SERVER, ...SHAPE, ...STRUCTURAL,
  'a', 'clipPath', 'filter', 'foreignObject', 'image', 'marker', 'mask', 'script', 'style', 'switch', 'text', 'view',
];
/** Filter Effects 1 §9: a primitive holds descriptive elements and animate/set. */
const PRIMITIVE_CHILDREN = [...DESCRIPTIVE, 'animate', 'set'];

export interface ElementSpec {
  /** One line: what the element is for. */
  doc: string;
  /** The section of the specification that defines the element. */
  spec: string;
  /** Element children the content model allows, in no particular order. */
  children: readonly string[];
  /** True when the element may hold text (character data). */
  text?: boolean;
  /** Written with no content: `<circle … />` rather than `<g>…</g>`. */
  empty?: boolean;
}

const SVG2 = 'https://www.w3.org/TR/SVG2/';
const MASKING = 'https://www.w3.org/TR/css-masking-1/';
const FILTERS = 'https://www.w3.org/TR/filter-effects-1/';
const ANIMATIONS = 'https://svgwg.org/specs/animations/';

function primitive(doc: string, anchor: string, children: readonly string[] = PRIMITIVE_CHILDREN): ElementSpec {
  return { doc, spec: FILTERS + anchor, children, empty: children === PRIMITIVE_CHILDREN };
}

function leaf(doc: string, spec: string, children: readonly string[] = [...ANIMATION, ...DESCRIPTIVE]): ElementSpec {
  return { doc, spec, children, empty: true };
}

export const ELEMENTS: Readonly<Record<string, ElementSpec>> = {
  // SVG 2 chapter 5, Document Structure
  svg: { doc: 'A container that defines a new coordinate system and viewport; the root of every SVG document.', spec: SVG2 + 'struct.html#SVGElement', children: CONTAINER },
  g: { doc: 'Groups elements so that transforms, styles and other attributes apply to all of them.', spec: SVG2 + 'struct.html#GElement', children: CONTAINER },
  defs: { doc: 'Holds elements that are not drawn directly but referenced elsewhere (gradients, symbols, filters).', spec: SVG2 + 'struct.html#DefsElement', children: CONTAINER },
  symbol: { doc: 'A reusable graphic with its own viewBox, drawn only where a <use> references it.', spec: SVG2 + 'struct.html#SymbolElement', children: CONTAINER },
  use: leaf('Draws a copy of another element, referenced by href="#id".', SVG2 + 'struct.html#UseElement'),
  switch: { doc: 'Draws the first direct child whose conditions (systemLanguage, requiredExtensions) hold.', spec: SVG2 + 'struct.html#SwitchElement', children: [...ANIMATION, ...DESCRIPTIVE, ...SHAPE, 'a', 'foreignObject', 'g', 'image', 'svg', 'switch', 'text', 'use'] },
  desc: { doc: 'A text description of its parent, for accessibility.', spec: SVG2 + 'struct.html#DescElement', children: [], text: true },
  title: { doc: 'A short title of its parent, shown as a tooltip and read by assistive technology.', spec: SVG2 + 'struct.html#TitleElement', children: [], text: true },
  metadata: { doc: 'Structured metadata (for example RDF) about the document.', spec: SVG2 + 'struct.html#MetadataElement', children: [], text: true },
  // Chapter 9, Paths; chapter 10, Basic Shapes
  path: leaf('A shape drawn from path data: lines, curves and arcs in the d attribute.', SVG2 + 'paths.html#PathElement'),
  rect: leaf('A rectangle, optionally with rounded corners (rx, ry).', SVG2 + 'shapes.html#RectElement'),
  circle: leaf('A circle given by its center (cx, cy) and radius r.', SVG2 + 'shapes.html#CircleElement'),
  ellipse: leaf('An ellipse given by its center (cx, cy) and radii rx, ry.', SVG2 + 'shapes.html#EllipseElement'),
  line: leaf('A straight line segment from (x1, y1) to (x2, y2).', SVG2 + 'shapes.html#LineElement'),
  polyline: leaf('Connected straight lines through the points list, left open.', SVG2 + 'shapes.html#PolylineElement'),
  polygon: leaf('A closed shape of straight lines through the points list.', SVG2 + 'shapes.html#PolygonElement'),
  // Chapter 11, Text
  text: { doc: 'Draws text at x, y.', spec: SVG2 + 'text.html#TextElement', children: [...ANIMATION, ...DESCRIPTIVE, 'a', 'textPath', 'tspan'], text: true },
  tspan: { doc: 'A run of text inside <text> with its own position or style.', spec: SVG2 + 'text.html#TSpanElement', children: [...DESCRIPTIVE, 'a', 'animate', 'set', 'tspan'], text: true },
  textPath: { doc: 'Lays text out along a path referenced by href or given by path.', spec: SVG2 + 'text.html#TextPathElement', children: [...DESCRIPTIVE, 'a', 'animate', 'set', 'tspan'], text: true },
  // Chapter 12, Embedded Content
  image: leaf('Draws a raster or SVG image from href into the given rectangle.', SVG2 + 'embedded.html#ImageElement'),
  foreignObject: { doc: 'Embeds content from another namespace, usually XHTML, in a rectangle.', spec: SVG2 + 'embedded.html#ForeignObjectElement', children: ['svg'], text: true },
  // Chapter 13, Painting
  marker: { doc: 'A graphic drawn at the vertices of paths and shapes through marker-start, marker-mid, marker-end.', spec: SVG2 + 'painting.html#MarkerElement', children: CONTAINER },
  // Chapter 14, Paint Servers
  linearGradient: { doc: 'A gradient along a line, used as fill or stroke through url(#id).', spec: SVG2 + 'pservers.html#LinearGradientElement', children: [...DESCRIPTIVE, 'animate', 'animateTransform', 'script', 'set', 'stop', 'style'] },
  radialGradient: { doc: 'A gradient radiating from a focal point, used as fill or stroke through url(#id).', spec: SVG2 + 'pservers.html#RadialGradientElement', children: [...DESCRIPTIVE, 'animate', 'animateTransform', 'script', 'set', 'stop', 'style'] },
  stop: { doc: 'A color stop of a gradient, at offset.', spec: SVG2 + 'pservers.html#StopElement', children: ['animate', 'script', 'set', 'style'], empty: true },
  pattern: { doc: 'A tile repeated to fill or stroke a shape, used through url(#id).', spec: SVG2 + 'pservers.html#PatternElement', children: CONTAINER },
  // Chapter 15, Scripting; chapter 6, Styling; chapter 16, Linking
  script: { doc: 'A script; not run when the SVG is used as an image.', spec: SVG2 + 'interact.html#ScriptElement', children: [], text: true },
  style: { doc: 'A CSS style sheet for the document.', spec: SVG2 + 'styling.html#StyleElement', children: [], text: true },
  a: { doc: 'A hyperlink around its children, to href.', spec: SVG2 + 'linking.html#AElement', children: CONTAINER, text: true },
  view: leaf('A named view (viewBox, preserveAspectRatio) that a URL fragment can select.', SVG2 + 'linking.html#ViewElement', DESCRIPTIVE),
  // CSS Masking 1
  clipPath: { doc: 'A clipping path: only what lies inside its shapes stays visible.', spec: MASKING + '#ClipPathElement', children: [...ANIMATION, ...DESCRIPTIVE, ...SHAPE, 'text', 'use'] },
  mask: { doc: 'A mask: its luminance or alpha sets how visible the masked element is.', spec: MASKING + '#MaskElement', children: CONTAINER },
  // Filter Effects 1
  filter: { doc: 'A filter effect built from fe* primitives, applied through filter="url(#id)".', spec: FILTERS + '#FilterElement', children: [...DESCRIPTIVE, ...FILTER_PRIMITIVE, 'animate', 'set'] },
  feBlend: primitive('Blends two inputs with a blend mode.', '#feBlendElement'),
  feColorMatrix: primitive('Transforms colors with a matrix, saturation or hue rotation.', '#feColorMatrixElement'),
  feComponentTransfer: primitive('Remaps each color channel through feFuncR/G/B/A transfer functions.', '#feComponentTransferElement', [...PRIMITIVE_CHILDREN, ...TRANSFER_FUNCTION]),
  feComposite: primitive('Combines two inputs with a Porter-Duff operator or arithmetic.', '#feCompositeElement'),
  feConvolveMatrix: primitive('Applies a convolution kernel (blur, sharpen, emboss, edge detection).', '#feConvolveMatrixElement'),
  feDiffuseLighting: primitive('Lights the input alpha as a bump map with diffuse light.', '#feDiffuseLightingElement', [...PRIMITIVE_CHILDREN, ...LIGHT_SOURCE]),
  feDisplacementMap: primitive('Displaces the pixels of one input by the colors of another.', '#feDisplacementMapElement'),
  feDropShadow: primitive('Draws a blurred, offset shadow of the input.', '#feDropShadowElement'),
  feFlood: primitive('Fills the filter region with flood-color and flood-opacity.', '#feFloodElement'),
  feGaussianBlur: primitive('Blurs the input by stdDeviation.', '#feGaussianBlurElement'),
  feImage: primitive('Draws an external image or a referenced element as filter input.', '#feImageElement', [...PRIMITIVE_CHILDREN, 'animateTransform']),
  feMerge: primitive('Stacks its feMergeNode inputs on top of each other.', '#feMergeElement', [...PRIMITIVE_CHILDREN, 'feMergeNode']),
  feMergeNode: primitive('One input of an feMerge.', '#feMergeNodeElement', ['animate', 'set']),
  feMorphology: primitive('Erodes or dilates the input.', '#feMorphologyElement'),
  feOffset: primitive('Shifts the input by dx, dy.', '#feOffsetElement'),
  feSpecularLighting: primitive('Lights the input alpha as a bump map with specular highlights.', '#feSpecularLightingElement', [...PRIMITIVE_CHILDREN, ...LIGHT_SOURCE]),
  feTile: primitive('Tiles the input across the primitive subregion.', '#feTileElement'),
  feTurbulence: primitive('Generates Perlin turbulence or fractal noise.', '#feTurbulenceElement'),
  feDistantLight: primitive('A light infinitely far away, from an azimuth and elevation.', '#feDistantLightElement', ['animate', 'set']),
  fePointLight: primitive('A light at a point (x, y, z).', '#fePointLightElement', ['animate', 'set']),
  feSpotLight: primitive('A spotlight at (x, y, z) pointing at (pointsAtX, pointsAtY, pointsAtZ).', '#feSpotLightElement', ['animate', 'set']),
  feFuncR: primitive('Transfer function of the red channel.', '#feFuncRElement', ['animate', 'set']),
  feFuncG: primitive('Transfer function of the green channel.', '#feFuncGElement', ['animate', 'set']),
  feFuncB: primitive('Transfer function of the blue channel.', '#feFuncBElement', ['animate', 'set']),
  feFuncA: primitive('Transfer function of the alpha channel.', '#feFuncAElement', ['animate', 'set']),
  // SVG Animations 2
  animate: { doc: 'Animates one attribute or property over time.', spec: ANIMATIONS + '#AnimateElement', children: DESCRIPTIVE, empty: true },
  set: { doc: 'Sets an attribute to a value for a duration, without interpolation.', spec: ANIMATIONS + '#SetElement', children: DESCRIPTIVE, empty: true },
  animateMotion: { doc: 'Moves an element along a motion path.', spec: ANIMATIONS + '#AnimateMotionElement', children: [...DESCRIPTIVE, 'mpath'], empty: true },
  animateTransform: { doc: 'Animates the transform attribute (translate, scale, rotate, skew).', spec: ANIMATIONS + '#AnimateTransformElement', children: DESCRIPTIVE, empty: true },
  mpath: { doc: 'Points an animateMotion at a <path> for its motion path.', spec: ANIMATIONS + '#MPathElement', children: DESCRIPTIVE, empty: true },
  discard: { doc: 'Removes an element from the document at a given time.', spec: ANIMATIONS + '#DiscardElement', children: DESCRIPTIVE, empty: true },
};

export function elementSpec(name: string): ElementSpec | undefined {
  return Object.prototype.hasOwnProperty.call(ELEMENTS, name) ? ELEMENTS[name] : undefined;
}

/** MDN's reference page of an element. */
export function elementMdnUrl(name: string): string {
  return `https://developer.mozilla.org/docs/Web/SVG/Reference/Element/${encodeURIComponent(name)}`;
}
