// The SVG semantic tokens LLM4SVG models write instead of XML, each with a
// one-line description (also used as hover text). This is the vocabulary of
// LLM4SVG's released encoder (ximinng/LLM4SVG, llm4svg/data/semantic_tokens.py
// and token_config.py at 375d7c4), the only one a released model was trained on:
// - shapes have no end token: the next element, group or END_OF_SVG ends them;
// - the path-command words stand for the *relative* (lowercase) commands; the
//   encoder has no word for an absolute command and leaves it as a bracket
//   form, `[M]`, `[C]`, `[Z]`…, which means that literal letter;
// - gradients and stops have no end token either; a gradient written right
//   after a path's data is that path's fill.

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
const add = (name: string, role: SemanticTokenRole, value: string, description: string) => {
  table.set(name, { role, value, description });
};

add('START_OF_SVG', 'document', '', 'Starts the SVG document (a 128×128 canvas).');
add('END_OF_SVG', 'document', '', 'Ends the SVG document.');
add('start_of_g', 'element', 'g', 'Opens a group; its attributes apply to everything inside.');
add('end_of_g', 'end-element', 'g', 'Closes the current group.');

const elements: [string, string][] = [
  ['path', 'A path: an outline drawn from path commands.'],
  ['circle', 'A circle, given by its centre (cx, cy) and radius r.'],
  ['rect', 'A rectangle, given by its corner (x, y), width and height.'],
  ['ellipse', 'An ellipse, given by its centre (cx, cy) and radii rx, ry.'],
  ['line', 'A straight line from (x1, y1) to (x2, y2).'],
  ['polyline', 'An open chain of straight lines through its points.'],
  ['polygon', 'A closed shape of straight lines through its points.'],
  ['text', 'A run of text.'],
  ['linearGradient', 'A colour gradient along a line; written after a path, it is that path\'s fill.'],
  ['radialGradient', 'A colour gradient spreading from a centre; written after a path, it is that path\'s fill.'],
  ['stop', 'One colour stop of the gradient before it.'],
];
for (const [name, description] of elements) add(`svg_${name}`, 'element', name, description);

const attributes: [string, string, string][] = [
  ['tag_id', 'id', 'The name a gradient is referred to by.'],
  ['path_d', 'd', 'The path data: the commands that follow draw the outline.'],
  ['fill', 'fill', 'Fill colour of the shape.'],
  ['stroke-width', 'stroke-width', 'Outline thickness.'],
  ['stroke-linecap', 'stroke-linecap', 'How open line ends are drawn (butt, round, square).'],
  ['stroke', 'stroke', 'Outline colour of the shape.'],
  ['opacity', 'opacity', 'Overall transparency (0 to 1).'],
  ['transform', 'transform', 'Moves, rotates or scales the element.'],
  ['gradientTransform', 'gradientTransform', 'Moves, rotates or scales a gradient.'],
  ['offset', 'offset', 'Where a gradient stop sits (0 to 1).'],
  ['width', 'width', 'Width.'],
  ['height', 'height', 'Height.'],
  ['cx', 'cx', 'Horizontal centre.'],
  ['cy', 'cy', 'Vertical centre.'],
  ['rx', 'rx', 'Horizontal radius (or corner rounding).'],
  ['ry', 'ry', 'Vertical radius (or corner rounding).'],
  ['r', 'r', 'Radius.'],
  ['points', 'points', 'The corner points of a polyline or polygon.'],
  ['x1', 'x1', 'Start x of a line or gradient.'],
  ['y1', 'y1', 'Start y of a line or gradient.'],
  ['x2', 'x2', 'End x of a line or gradient.'],
  ['y2', 'y2', 'End y of a line or gradient.'],
  ['x', 'x', 'Left edge or text position.'],
  ['y', 'y', 'Top edge or text baseline.'],
  ['fr', 'fr', 'Focal radius of a radial gradient.'],
  ['fx', 'fx', 'Focal point x of a radial gradient.'],
  ['fy', 'fy', 'Focal point y of a radial gradient.'],
  ['href', 'href', 'Another gradient this one takes its stops from.'],
  ['rotate', 'rotate', 'Rotation of each character of a text.'],
  ['font-size', 'font-size', 'Text size.'],
  ['font-style', 'font-style', 'Slant of the text.'],
  ['font-family', 'font-family', 'Typeface of the text.'],
  ['text-content', '#text', 'The characters of a text element.'],
];
for (const [name, value, description] of attributes) add(name, 'attribute', value, description);

// The encoder's words for the relative commands.
const commands: [string, string, string][] = [
  ['moveto', 'm', 'Moves the pen without drawing, starting a new outline.'],
  ['lineto', 'l', 'Draws a straight line.'],
  ['horizontal_lineto', 'h', 'Draws a horizontal line.'],
  ['vertical_lineto', 'v', 'Draws a vertical line.'],
  ['curveto', 'c', 'Draws a cubic Bézier curve with two control points.'],
  ['smooth_curveto', 's', 'Draws a cubic Bézier that continues the previous curve smoothly.'],
  ['quadratic_bezier_curve', 'q', 'Draws a quadratic Bézier curve with one control point.'],
  ['smooth_quadratic_bezier_curveto', 't', 'Draws a quadratic Bézier that continues the previous curve smoothly.'],
  ['elliptical_Arc', 'a', 'Draws an elliptical arc.'],
  ['close_the_path', 'z', 'Closes the outline with a straight line back to its start.'],
];
const commandDescription = new Map<string, string>();
for (const [name, letter, description] of commands) {
  commandDescription.set(letter, description);
  add(name, 'path-command', letter, letter === 'z' ? description : `${description} Coordinates are relative to the pen.`);
}

/** The path-command letters that may appear as bracket forms (`[M]`, `[c]`…). */
export const PATH_COMMAND_LETTERS = 'MmLlHhVvCcSsQqTtAaZz';

/** A bracket form `[X]` read as the literal command letter X. */
function bracketCommand(letter: string): SemanticToken {
  const description = commandDescription.get(letter.toLowerCase()) ?? '';
  const where = letter === letter.toLowerCase() ? 'relative to the pen' : 'absolute';
  return {
    role: 'path-command',
    value: letter,
    description: letter.toLowerCase() === 'z' ? description : `${description} Coordinates are ${where}.`,
  };
}

/** The description of one token, e.g. lookupSemanticToken('[<|moveto|>]') or lookupSemanticToken('[M]'). */
export function lookupSemanticToken(token: string): SemanticToken | undefined {
  const t = token.trim();
  const m = /^\[<\|(.*)\|>\]$/.exec(t);
  if (m) return table.get(m[1]);
  const b = /^\[([A-Za-z])\]$/.exec(t);
  return b && PATH_COMMAND_LETTERS.includes(b[1]) ? bracketCommand(b[1]) : undefined;
}

/** Every token word with its meaning (bracket forms are not words). */
export function semanticTokenTable(): ReadonlyMap<string, SemanticToken> {
  return table;
}

export function semanticTokenByName(name: string): SemanticToken | undefined {
  return table.get(name);
}
