// Rebuilds SVG markup from LLM4SVG semantic tokens, as LLM4SVG's released
// encoder writes them (see semanticTokens.ts for the grammar). Values are the
// text between tokens. Besides the tokens, the encoder writes a few things
// raw, and they are read here too:
// - attributes it has no token for, as `_name_value` (`_stop-color_#fff`,
//   `_dx_2`, `_{http://www.w3.org/1999/xlink}href_#a`);
// - `</stop>` after each stop, and `<defs>`-like tags of elements it does not
//   encode (passed over);
// - a group's attributes as a Python dict after `[<|start_of_g|>]`
//   (`(_{'fill': 'none', 'stroke': '#000'}_)`). Those attributes are also
//   copied onto every child, so the group keeps the inherited ones, and a
//   child's transform or opacity equal to its group's is left to the group.
import { PATH_COMMAND_LETTERS, SEMANTIC_VIEWBOX, START_OF_SVG, semanticTokenByName } from './semanticTokens';

export interface DecodedTokens {
  svg: string;
  /** END_OF_SVG never came (the stream was cut); what was complete is kept. */
  truncated: boolean;
  /** The element that was being written when the stream was cut, left out (e.g. 'path'). */
  droppedAtCut?: string;
  /** Token names the grammar does not know; they are skipped. */
  unknownTokens: string[];
  /** Raw text the encoder writes for things it does not encode (e.g. `<defs>`), passed over. */
  ignored: string[];
}

interface Node {
  name: string;
  attrs: Map<string, string>;
  children: Node[];
  text?: string;
  /** Path commands: the letter as written (case is meaning) and its numbers. */
  commands?: { letter: string; args: string[] }[];
  /** A group's attributes as the encoder wrote them (its own merged with its ancestors'). */
  groupDict?: Map<string, string>;
  /** A gradient written inside a path's tokens: that path. */
  owner?: Node;
}

const GRADIENTS = new Set(['linearGradient', 'radialGradient']);
const TOKEN = new RegExp(`\\[<\\|(.*?)\\|>\\]|\\[([${PATH_COMMAND_LETTERS}])\\]`, 'g');
const PATH_PIECE = new RegExp(`[${PATH_COMMAND_LETTERS}]|[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?`, 'g');
/** Numbers each command takes per segment. */
const ARITY: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

/**
 * Attributes the encoder can write raw (`_name_value`): every attribute it
 * copies from gradients, stops and text but has no token for. Only these are
 * read, so an underscore inside a value (`url(#paint0_linear_1)`) is not taken
 * for one.
 */
const RAW_ATTRIBUTES = new Set(['stop-color', 'dx', 'dy', 'textLength', 'spreadMethod', '{http://www.w3.org/1999/xlink}href']);
const RAW_ATTRIBUTE = /_((?:\{[^{}\s]*\})?[A-Za-z][\w:.-]*)_/g;
const RAW_TAG = /<(\/?)([A-Za-z][\w:.-]*)\s*\/?>/g;

/**
 * A group's dict keys that are safe to put back on the group: inherited
 * presentation properties (setting them on both group and child changes
 * nothing) and the two non-inherited ones handled apart (transform, opacity).
 * References to things the encoder drops (clip-path, mask, filter) and
 * free-form ones (style, event handlers) are not taken.
 */
const GROUP_ATTRIBUTES = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'clip-rule', 'color',
  'font-family', 'font-size', 'font-style', 'font-weight', 'text-anchor', 'visibility', 'transform', 'opacity',
]);
/** Not inherited: a child carrying the same value as its group got it from the group. */
const GROUP_COPIED = ['transform', 'opacity'];

/**
 * LLM4SVG's tokenizer makes START_OF_SVG and END_OF_SVG special tokens, which
 * a server decoding with skip_special_tokens leaves out; then the first
 * element or group token starts the drawing.
 */
const FIRST_ELEMENT = /\[<\|(?:svg_(?:path|circle|rect|ellipse|line|polyline|polygon|text)|start_of_g)\|>\]/;

/** Where the token stream starts in a model's answer, or -1 when there is none. */
export function semanticTokensStart(text: string): number {
  const start = text.toUpperCase().indexOf(START_OF_SVG.toUpperCase());
  return start >= 0 ? start : (FIRST_ELEMENT.exec(text)?.index ?? -1);
}

/** Decodes from the start of the token stream to END_OF_SVG (or the end of the text). */
export function decodeSemanticTokens(text: string): DecodedTokens {
  const start = semanticTokensStart(text);
  const hasStart = start >= 0 && text.slice(start, start + START_OF_SVG.length).toUpperCase() === START_OF_SVG.toUpperCase();
  const body = hasStart ? text.slice(start + START_OF_SVG.length) : text.slice(Math.max(start, 0));
  const root: Node = { name: 'svg', attrs: new Map(), children: [] };
  const defs: Node[] = [];
  const gradientIds = new Set<string>();
  const groups: Node[] = [root];
  const unknownTokens: string[] = [];
  const ignored = new Set<string>();
  /** The element tokens are being written for, and the attribute whose value comes next. */
  let current: Node | undefined;
  /** The shape whose tokens these are (a gradient after its data is its fill). */
  let shape: Node | undefined;
  let gradient: Node | undefined;
  let attr: string | undefined;
  let groupDictNext = false;
  let truncated = true;

  const setAttr = (node: Node, name: string, value: string) => {
    const v = value.trim();
    if (!v) return;
    node.attrs.set(name, node.attrs.has(name) ? `${node.attrs.get(name)} ${v}` : v);
  };

  const takeText = (raw: string) => {
    if (groupDictNext) {
      groupDictNext = false;
      const m = /^\s*\(_(\{[\s\S]*\})_\)/.exec(raw);
      if (m) {
        readGroupDict(groups[groups.length - 1], m[1]);
        raw = raw.slice(m[0].length);
      }
    }
    if (attr === '#text') {
      if (current) current.text = (current.text ?? '') + raw.trim();
      return;
    }
    if (attr === 'd' && current?.commands) {
      addPathData(current.commands, raw);
      return;
    }
    // Raw tags and `_name_` markers split the text; what comes before the
    // first one is the value of the pending token attribute.
    const marks: { at: number; end: number; name?: string; tag?: string; closing?: boolean }[] = [];
    for (const m of raw.matchAll(RAW_ATTRIBUTE)) if (RAW_ATTRIBUTES.has(m[1])) marks.push({ at: m.index, end: m.index + m[0].length, name: m[1] });
    for (const m of raw.matchAll(RAW_TAG)) marks.push({ at: m.index, end: m.index + m[0].length, tag: m[2], closing: m[1] === '/' });
    marks.sort((a, b) => a.at - b.at);
    let from = 0;
    let name = attr;
    // Attribute tokens outside any element go to the open group, as in LLM4SVG's decoder.
    const target = current ?? (groups.length > 1 ? groups[groups.length - 1] : undefined);
    const flush = (to: number) => {
      if (target && name) setAttr(target, name, raw.slice(from, to));
    };
    for (const mark of marks) {
      if (mark.at < from) continue;
      flush(mark.at);
      from = mark.end;
      name = undefined;
      if (mark.name) {
        name = rawAttributeName(mark.name);
      } else if (mark.tag === 'stop' && mark.closing && current?.name === 'stop') {
        current = gradient;
      } else if (mark.tag) {
        ignored.add(`<${mark.closing ? '/' : ''}${mark.tag}>`);
      }
    }
    flush(raw.length);
    attr = name;
  };

  /** Ends the element being written; groups stay open. */
  const finishElement = () => {
    current = undefined;
    shape = undefined;
    gradient = undefined;
    attr = undefined;
  };

  const beginGradient = (name: string) => {
    // The first gradient inside a shape's tokens is that shape's fill; more
    // (the ones it takes stops from) are plain definitions.
    const node: Node = { name, attrs: new Map(), children: [], owner: shape };
    if (shape && !shape.attrs.has('fill') && !shape.children.length) shape.children.push(node);
    else defs.push(node);
    current = node;
    gradient = node;
    attr = undefined;
  };

  TOKEN.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(body))) {
    const bracket = m[2];
    if (bracket && !current?.commands) continue; // literal text outside path data
    takeText(body.slice(last, m.index));
    last = m.index + m[0].length;
    if (bracket) {
      current!.commands!.push({ letter: bracket, args: [] });
      attr = 'd';
      continue;
    }
    const name = m[1];
    if (name.toUpperCase() === 'END_OF_SVG') {
      truncated = false;
      break;
    }
    const token = semanticTokenByName(name);
    if (!token) {
      unknownTokens.push(name);
      attr = undefined;
      continue;
    }
    switch (token.role) {
      case 'document':
        break;
      case 'element':
        if (token.value === 'g') {
          finishElement();
          const g: Node = { name: 'g', attrs: new Map(), children: [] };
          groups[groups.length - 1].children.push(g);
          groups.push(g);
          groupDictNext = true;
        } else if (GRADIENTS.has(token.value)) {
          beginGradient(token.value);
        } else if (token.value === 'stop') {
          if (!gradient) {
            unknownTokens.push(name);
            break;
          }
          const stop: Node = { name: 'stop', attrs: new Map(), children: [] };
          gradient.children.push(stop);
          current = stop;
          attr = undefined;
        } else {
          finishElement();
          const node: Node = { name: token.value, attrs: new Map(), children: [] };
          groups[groups.length - 1].children.push(node);
          current = node;
          shape = node;
        }
        break;
      case 'end-element':
        finishElement();
        if (groups.length > 1) groups.pop();
        break;
      case 'attribute':
        attr = token.value;
        if (attr === 'd') {
          if (current?.name === 'path') current.commands ??= [];
          else attr = undefined;
        }
        break;
      case 'path-command':
        if (current?.name === 'path') {
          current.commands ??= [];
          current.commands.push({ letter: token.value, args: [] });
          attr = 'd';
        }
        break;
    }
  }

  let droppedAtCut: string | undefined;
  if (truncated) {
    const rest = body.slice(last);
    // Without its start marker the stream's end marker was left out too, so
    // only a token cut in half shows that it was cut.
    if (!hasStart && !/\[(?:<\|?[^\]]*)?$/.test(rest)) truncated = false;
    takeText(truncated ? rest.replace(/\[(?:<\|?[^\]]*)?$/, '') : rest);
    if (truncated) droppedAtCut = dropUnfinished(current, groups, defs);
  }

  const gradients = resolve(root, defs, gradientIds);
  root.attrs.set('viewBox', SEMANTIC_VIEWBOX);
  if (gradients.length) root.children.unshift({ name: 'defs', attrs: new Map(), children: gradients });
  return { svg: serialize(root, true), truncated, droppedAtCut, unknownTokens, ignored: [...ignored] };
}

function rawAttributeName(name: string): string {
  return name === '{http://www.w3.org/1999/xlink}href' || name === 'xlink:href' ? 'href' : name;
}

/** Splits raw path text into commands: letters start one, numbers extend the last. */
function addPathData(commands: { letter: string; args: string[] }[], raw: string) {
  for (const piece of raw.match(PATH_PIECE) ?? []) {
    if (PATH_COMMAND_LETTERS.includes(piece)) commands.push({ letter: piece, args: [] });
    else if (commands.length) commands[commands.length - 1].args.push(piece);
  }
}

/**
 * Reads the group dict the encoder prints with Python's repr: quoted keys and
 * values, `{'fill': 'none', 'stroke-width': '2'}`.
 */
function readGroupDict(group: Node, dict: string) {
  const entries = new Map<string, string>();
  const str = String.raw`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"`;
  const pair = new RegExp(`(?:${str})\\s*:\\s*(?:${str})`, 'g');
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  for (const p of dict.matchAll(pair)) {
    entries.set(rawAttributeName(unescape(p[1] ?? p[2])), unescape(p[3] ?? p[4]));
  }
  group.groupDict = entries;
}

/**
 * The stream was cut: the element being written has not had all its
 * attributes (the encoder writes a path's data before its fill), so it is
 * left out. A cut stop leaves its gradient its earlier stops; a gradient left
 * with none takes the path it fills with it.
 */
function dropUnfinished(current: Node | undefined, groups: Node[], defs: Node[]): string | undefined {
  if (!current) return undefined;
  const remove = (node: Node) => {
    for (const list of [defs, ...groups.map((g) => g.children)]) {
      const at = list.indexOf(node);
      if (at >= 0) list.splice(at, 1);
    }
    if (node.owner) {
      const at = node.owner.children.indexOf(node);
      if (at >= 0) node.owner.children.splice(at, 1);
    }
  };
  const container = (node: Node): Node | undefined => {
    for (const g of groups) if (g.children.includes(node)) return g;
    return undefined;
  };
  if (current.name === 'stop') {
    const grad = findGradientOf(current, groups, defs);
    if (grad) {
      grad.children.splice(grad.children.indexOf(current), 1);
      if (grad.children.length) return 'stop';
      current = grad;
    }
  }
  if (GRADIENTS.has(current.name)) {
    remove(current);
    if (current.owner && container(current.owner)) {
      remove(current.owner);
      return current.owner.name;
    }
    return current.name;
  }
  remove(current);
  return current.name;
}

function findGradientOf(stop: Node, groups: Node[], defs: Node[]): Node | undefined {
  const all: Node[] = [...defs];
  const walk = (n: Node) => {
    for (const c of n.children) {
      if (GRADIENTS.has(c.name)) all.push(c);
      walk(c);
    }
  };
  walk(groups[0]);
  return all.find((g) => g.children.includes(stop));
}

/**
 * Settles what the token order left open: gradients move to <defs> under a
 * usable id (the first of a repeated id wins), the path they were written in
 * is filled with them, group attributes go on the group, and path data
 * becomes a `d` string. Returns the gradients for <defs>.
 */
function resolve(root: Node, defs: Node[], ids: Set<string>): Node[] {
  const out: Node[] = [];
  let n = 0;
  const place = (grad: Node): string => {
    let id = (grad.attrs.get('id') ?? '').replace(/^#/, '');
    if (!/^[A-Za-z_][\w.-]*$/.test(id)) id = '';
    if (id && ids.has(id)) return id;
    if (!id) {
      do id = `llm4svg-gradient-${++n}`; while (ids.has(id));
    }
    ids.add(id);
    grad.attrs.set('id', id);
    finishGradient(grad);
    out.push(grad);
    return id;
  };
  for (const grad of defs) place(grad);
  const walk = (node: Node, dict: Map<string, string> | undefined) => {
    for (const child of node.children) {
      if (child.name === 'g') {
        applyGroupDict(child, dict);
        walk(child, child.groupDict);
        continue;
      }
      const grads = child.children.filter((c) => GRADIENTS.has(c.name));
      if (grads.length) {
        child.children = child.children.filter((c) => !GRADIENTS.has(c.name));
        const id = place(grads[0]);
        if (!child.attrs.has('fill')) child.attrs.set('fill', `url(#${id})`);
      }
      for (const name of GROUP_COPIED) if (dict?.has(name) && child.attrs.get(name) === dict.get(name)) child.attrs.delete(name);
      if (child.commands) {
        const d = pathData(child.commands);
        if (d) child.attrs.set('d', d);
      }
    }
  };
  walk(root, undefined);
  return out;
}

function applyGroupDict(group: Node, parent: Map<string, string> | undefined) {
  for (const [k, v] of group.groupDict ?? []) {
    if (!GROUP_ATTRIBUTES.has(k)) continue;
    // The dict holds the ancestors' attributes too: the parent group already
    // applies those (a transform or opacity would apply twice).
    if (parent?.get(k) === v) continue;
    group.attrs.set(k, v);
  }
}

/**
 * The encoder drops gradientUnits; coordinates beyond the 0–1 box mean they
 * were in user space (userSpaceOnUse), as in most gradient-filled icons.
 */
function finishGradient(grad: Node) {
  const href = grad.attrs.get('href');
  if (href !== undefined && !/^#[\w.-]+$/.test(href)) grad.attrs.delete('href');
  if (!grad.attrs.has('gradientUnits')) {
    const coords = ['x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'fx', 'fy', 'fr'].map((k) => grad.attrs.get(k)).filter((v): v is string => v !== undefined);
    if (coords.some((v) => !v.trim().endsWith('%') && Math.abs(Number.parseFloat(v)) > 1)) grad.attrs.set('gradientUnits', 'userSpaceOnUse');
  }
}

/**
 * The commands with complete argument groups only (a model can stop a
 * command short); a path must start with a moveto to draw at all.
 */
function pathData(commands: { letter: string; args: string[] }[]): string {
  const parts: string[] = [];
  for (const c of commands) {
    const arity = ARITY[c.letter.toLowerCase()];
    if (arity === 0) {
      if (parts.length) parts.push(c.letter);
      continue;
    }
    const whole = c.args.length - (c.args.length % arity);
    if (!whole) continue;
    if (!parts.length && c.letter.toLowerCase() !== 'm') continue;
    parts.push(`${c.letter}${c.args.slice(0, whole).join(' ')}`);
  }
  return parts.join(' ');
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const XML_NAME = /^[A-Za-z_][\w.-]*$/;

function serialize(node: Node, isRoot = false): string {
  let open = `<${node.name}`;
  if (isRoot) open += ' xmlns="http://www.w3.org/2000/svg"';
  for (const [k, v] of node.attrs) if (XML_NAME.test(k) && k !== 'xmlns') open += ` ${k}="${escapeAttr(v)}"`;
  const inner = (node.text ? escapeText(node.text) : '') + node.children.map((c) => serialize(c)).join('');
  return inner ? `${open}>${inner}</${node.name}>` : `${open}/>`;
}
