// The document model shared by the parser, the path engine, lint, hover, the
// preview's source linking and the model loop. Offsets are UTF-16 code units
// into the original text (what JavaScript strings and VS Code use).

/** Half-open [start, end) offset range into the source text. */
export interface Range {
  start: number;
  end: number;
}

/** 0-based line and UTF-16 character, as VS Code's Position. */
export interface Position {
  line: number;
  character: number;
}

export interface SvgSyntaxError {
  /** Stable code, e.g. "unclosed-tag", "mismatched-end-tag", "entity-limit". */
  code: string;
  message: string;
  range: Range;
}

export interface SvgAttribute {
  /** Qualified name as written, e.g. "xlink:href". */
  name: string;
  /** Value with entities expanded. */
  value: string;
  /** Whole attribute: name through closing quote. */
  range: Range;
  nameRange: Range;
  /** Inside the quotes (raw source text; equals the value when it has no entity references). */
  valueRange: Range;
  /** True when the raw value contains entity/character references, so value offsets do not map 1:1 to source. */
  hasReferences: boolean;
}

export interface SvgElement {
  kind: 'element';
  /** Qualified name as written, e.g. "svg", "path", "svg:rect". */
  name: string;
  attributes: SvgAttribute[];
  children: SvgNode[];
  parent: SvgElement | undefined;
  /** From "<" of the start tag through ">" of the end tag (or of the self-closing tag). */
  range: Range;
  startTagRange: Range;
  endTagRange: Range | undefined;
  selfClosing: boolean;
  /** False when the document ended (or a mismatched end tag came) before this element closed. */
  closed: boolean;
}

export interface SvgText {
  kind: 'text' | 'cdata';
  /** Text with entities expanded. */
  value: string;
  range: Range;
  parent: SvgElement | undefined;
}

export interface SvgComment {
  kind: 'comment';
  value: string;
  range: Range;
  parent: SvgElement | undefined;
}

export interface SvgProcessingInstruction {
  kind: 'pi' | 'doctype';
  value: string;
  range: Range;
  parent: SvgElement | undefined;
}

export type SvgNode = SvgElement | SvgText | SvgComment | SvgProcessingInstruction;

export interface SvgDocument {
  text: string;
  /** Top-level nodes, in order (prolog, comments, the root element, trailing nodes). */
  children: SvgNode[];
  /** The first top-level element, whatever its name. */
  root: SvgElement | undefined;
  errors: SvgSyntaxError[];
  /** Internal entities declared in the DOCTYPE, after bounds checks. */
  entities: ReadonlyMap<string, string>;
}

export interface ParseOptions {
  /** Most entity references expanded in the whole document (default 10,000). */
  maxEntityExpansions?: number;
  /** Most characters produced by entity expansion in the whole document (default 1,000,000). */
  maxEntityExpansionChars?: number;
}
