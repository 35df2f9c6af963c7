// The SVG semantic tokens LLM4SVG-style models write instead of XML, each
// with a one-line description (also used as hover text). Two spellings are in
// circulation: the paper's (`[<|svg_path|>]`, `[<|d|>]`, `[<|moveto|>]`, shapes
// closed implicitly) and a later syntactic one (`[<|path|>]` … `[<|/path|>]`,
// `[<|d=|>]`, `[<|moveto_abs|>]`). Both are listed; the decoder reads both.

export type SemanticTokenRole = 'document' | 'element' | 'end-element' | 'attribute' | 'path-command';

export interface SemanticToken {
  role: SemanticTokenRole;
  /** Element or attribute name, or the path command letter ('' for the document tokens). */
  value: string;
  description: string;
}

export const START_OF_SVG = '[<|START_OF_SVG|>]';
export const END_OF_SVG = '[<|END_OF_SVG|>]';

/** The fixed canvas LLM4SVG models draw on. */
export const SEMANTIC_VIEWBOX = '0 0 128 128';

const table = new Map<string, SemanticToken>();
const add = (names: string[], role: SemanticTokenRole, value: string, description: string) => {
  for (const n of names) table.set(n, { role, value, description });
};

add(['START_OF_SVG'], 'document', '', 'Starts the SVG document (a 128×128 canvas).');
add(['END_OF_SVG'], 'document', '', 'Ends the SVG document.');
add(['start_of_g', 'START_OF_GROUP'], 'element', 'g', 'Opens a group; its attributes apply to everything inside.');
add(['end_of_g', 'END_OF_GROUP'], 'end-element', 'g', 'Closes the current group.');

const elements: [string, string][] = [
  ['path', 'A path: an outline drawn from path commands.'],
  ['circle', 'A circle, given by its centre (cx, cy) and radius r.'],
  ['rect', 'A rectangle, given by its corner (x, y), width and height.'],
  ['ellipse', 'An ellipse, given by its centre (cx, cy) and radii rx, ry.'],
  ['line', 'A straight line from (x1, y1) to (x2, y2).'],
  ['polyline', 'An open chain of straight lines through its points.'],
  ['polygon', 'A closed shape of straight lines through its points.'],
  ['text', 'A run of text.'],
  ['tspan', 'A styled piece inside a text run.'],
  ['linearGradient', 'A colour gradient along a line.'],
  ['radialGradient', 'A colour gradient spreading from a centre.'],
  ['stop', 'One colour stop of a gradient.'],
  ['defs', 'Definitions used by reference, not drawn directly.'],
  ['clipPath', 'A clipping outline that masks what it is applied to.'],
];
for (const [name, description] of elements) {
  add([`svg_${name}`, name], 'element', name, description);
  add([`/${name}`], 'end-element', name, `Closes the ${name} element.`);
}

const attributes: [string, string][] = [
  ['d', 'The path data: the commands that follow draw the outline.'],
  ['fill', 'Fill colour of the shape.'],
  ['stroke', 'Outline colour of the shape.'],
  ['stroke-width', 'Outline thickness.'],
  ['stroke-linecap', 'How open line ends are drawn (butt, round, square).'],
  ['stroke-linejoin', 'How line corners are drawn (miter, round, bevel).'],
  ['stroke-dasharray', 'Dash and gap lengths of the outline.'],
  ['stroke-miterlimit', 'Longest miter corner before it is bevelled.'],
  ['opacity', 'Overall transparency (0 to 1).'],
  ['fill-opacity', 'Transparency of the fill.'],
  ['stroke-opacity', 'Transparency of the outline.'],
  ['fill-rule', 'Which enclosed areas count as inside (nonzero, evenodd).'],
  ['clip-rule', 'Inside rule for clipping outlines.'],
  ['cx', 'Horizontal centre.'],
  ['cy', 'Vertical centre.'],
  ['r', 'Radius.'],
  ['rx', 'Horizontal radius (or corner rounding).'],
  ['ry', 'Vertical radius (or corner rounding).'],
  ['x', 'Left edge or text position.'],
  ['y', 'Top edge or text baseline.'],
  ['x1', 'Start x of a line or gradient.'],
  ['y1', 'Start y of a line or gradient.'],
  ['x2', 'End x of a line or gradient.'],
  ['y2', 'End y of a line or gradient.'],
  ['dx', 'Horizontal text shift.'],
  ['dy', 'Vertical text shift.'],
  ['width', 'Width.'],
  ['height', 'Height.'],
  ['points', 'The corner points of a polyline or polygon.'],
  ['transform', 'Moves, rotates or scales the element.'],
  ['gradientTransform', 'Moves, rotates or scales a gradient.'],
  ['font-size', 'Text size.'],
  ['font-family', 'Typeface of the text.'],
  ['font-weight', 'Boldness of the text.'],
  ['font-style', 'Slant of the text.'],
  ['text-anchor', 'Horizontal text alignment.'],
  ['stop-color', 'Colour at a gradient stop.'],
  ['stop-opacity', 'Transparency at a gradient stop.'],
  ['offset', 'Where a gradient stop sits (0 to 1).'],
  ['viewBox', 'The canvas coordinates.'],
  ['preserveAspectRatio', 'How the canvas fits its box.'],
  ['id', 'A name other elements can refer to.'],
  ['class', 'A style class.'],
  ['clip-path', 'The clipping outline applied.'],
  ['href', 'Reference to another element.'],
  ['style', 'Inline CSS.'],
  ['visibility', 'Whether the element is shown.'],
  ['display', 'Whether the element takes part in rendering.'],
];
for (const [name, description] of attributes) add([name, `${name}=`], 'attribute', name, description);
add(['path_d'], 'attribute', 'd', 'The path data: the commands that follow draw the outline.');
add(['text-content', 'text-content='], 'attribute', '#text', 'The characters of a text element.');

// Path commands. Suffixed spellings say absolute or relative; the paper's
// plain spelling does not, so its case is decided by the decoder ('?' here).
const commands: [string[], string, string][] = [
  [['moveto'], 'M', 'Moves the pen to a point without drawing, starting a new outline.'],
  [['lineto'], 'L', 'Draws a straight line to a point.'],
  [['horizontal_lineto'], 'H', 'Draws a horizontal line to an x position.'],
  [['vertical_lineto'], 'V', 'Draws a vertical line to a y position.'],
  [['curveto'], 'C', 'Draws a cubic Bézier curve with two control points to a point.'],
  [['smooth_curveto', 'smooth curveto'], 'S', 'Draws a cubic Bézier that continues the previous curve smoothly.'],
  [['quadratic_curveto', 'quadratic_bezier_curve'], 'Q', 'Draws a quadratic Bézier curve with one control point.'],
  [['smooth_quadratic_curveto', 'smooth_quadratic_bezier_curveto'], 'T', 'Draws a quadratic Bézier that continues the previous curve smoothly.'],
  [['arc', 'elliptical_arc', 'elliptical_Arc'], 'A', 'Draws an elliptical arc to a point.'],
];
for (const [names, letter, description] of commands) {
  add(names, 'path-command', `?${letter}`, description);
  add(names.map((n) => `${n}_abs`), 'path-command', letter, `${description} Coordinates are absolute.`);
  add(names.map((n) => `${n}_rel`), 'path-command', letter.toLowerCase(), `${description} Coordinates are relative to the pen.`);
}
add(['close_the_path', 'close the path', 'close_path'], 'path-command', 'Z', 'Closes the outline with a straight line back to its start.');

/** The description of one token, e.g. lookupSemanticToken('[<|moveto|>]'). */
export function lookupSemanticToken(token: string): SemanticToken | undefined {
  const m = /^\[<\|(.*)\|>\]$/.exec(token.trim());
  return m ? table.get(m[1]) : undefined;
}

/** Every known token spelling with its meaning. */
export function semanticTokenTable(): ReadonlyMap<string, SemanticToken> {
  return table;
}

export function semanticTokenByName(name: string): SemanticToken | undefined {
  return table.get(name);
}
