// GBNF grammar (llama.cpp syntax) that constrains a completion to one
// well-formed SVG document: `<svg …>` with the shape, grouping and paint-server
// elements icons use, double-quoted attributes and a closing `</svg>`.
// Clients request it with the request field `"svg_grammar": true` (see
// server/README section in the project README).
//
// GBNF has no back-references, so every element's end tag is spelled out per
// element name. Whitespace runs and name lengths are bounded so a weak model
// cannot wander forever inside one token class; attribute values are not
// bounded because real path data can be long.

const leaf = ['path', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse', 'stop', 'use', 'image'];
const container = ['g', 'defs', 'symbol', 'clipPath', 'mask', 'linearGradient', 'radialGradient', 'pattern', 'marker'];
const textual = ['title', 'desc'];

const rule = (name: string) => `el-${name.toLowerCase()}`;

const lines = [
  'root ::= "<svg" attrs ws ">" content "</svg>"',
  `element ::= ${[...leaf, ...container, ...textual].map(rule).join(' | ')}`,
  'content ::= (ws element)* ws',
  ...leaf.map((n) => `${rule(n)} ::= "<${n}" attrs ws ("/>" | ">" ws "</${n}>")`),
  ...container.map((n) => `${rule(n)} ::= "<${n}" attrs ws ("/>" | ">" content "</${n}>")`),
  ...textual.map((n) => `${rule(n)} ::= "<${n}>" text "</${n}>"`),
  'attrs ::= (sp attr)*',
  'attr ::= name "=\\"" value "\\""',
  // No ":" in names: a prefix nobody declared (the only kind a model can invent)
  // makes the document namespace-invalid, and SVG 2 needs no prefixed attributes.
  'name ::= [a-zA-Z_] [a-zA-Z0-9_.-]{0,31}',
  // XML 1.0 forbids C0 control characters other than tab, newline and carriage return.
  'value ::= ([^"<&\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F] | entity)*',
  'text ::= ([^<&\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F] | entity)*',
  // Named references only: numeric ones can name characters XML forbids.
  'entity ::= "&" ("amp" | "lt" | "gt" | "quot" | "apos") ";"',
  'sp ::= [ \\t\\n]{1,16}',
  'ws ::= [ \\t\\n]{0,16}',
];

/** The SVG document grammar in GBNF. */
export const SVG_GBNF = lines.join('\n') + '\n';
