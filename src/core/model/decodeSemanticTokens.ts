// Rebuilds SVG markup from LLM4SVG-style semantic tokens. Values are the text
// between tokens; shapes in the paper's spelling have no end token, so a new
// element token ends the open shape (groups end only at their own token).
import { SEMANTIC_VIEWBOX, START_OF_SVG, semanticTokenByName } from './semanticTokens';

export interface DecodedTokens {
  svg: string;
  /** END_OF_SVG never came (the stream was cut); open elements were closed. */
  truncated: boolean;
  /** Token names the table does not know; they are skipped. */
  unknownTokens: string[];
}

interface Node {
  name: string;
  attrs: Map<string, string>;
  children: Node[];
  text?: string;
  /** Path commands, kept apart until the case of unsuffixed commands is decided. */
  commands?: { letter: string; args: string }[];
}

const CONTAINERS = new Set(['svg', 'g', 'defs', 'clipPath', 'linearGradient', 'radialGradient', 'text']);
const TOKEN = /\[<\|(.*?)\|>\]/g;

export function hasSemanticTokens(text: string): boolean {
  return text.toUpperCase().includes(START_OF_SVG.toUpperCase());
}

/** Decodes from the first START_OF_SVG token to END_OF_SVG (or the end of the text). */
export function decodeSemanticTokens(text: string): DecodedTokens {
  const start = text.toUpperCase().indexOf(START_OF_SVG.toUpperCase());
  const body = start >= 0 ? text.slice(start + START_OF_SVG.length) : text;
  const root: Node = { name: 'svg', attrs: new Map(), children: [] };
  const stack: Node[] = [root];
  const unknownTokens: string[] = [];
  let truncated = true;
  let attr: string | undefined;
  let last = 0;
  const top = () => stack[stack.length - 1];

  const takeValue = (value: string) => {
    const v = value.trim();
    if (!v) return;
    const node = top();
    const cmds = node.commands;
    if (attr === 'd' && cmds?.length) {
      const lastCmd = cmds[cmds.length - 1];
      lastCmd.args = `${lastCmd.args} ${v}`.trim();
    } else if (attr === '#text') {
      node.text = (node.text ?? '') + v;
    } else if (attr) {
      node.attrs.set(attr, node.attrs.has(attr) ? `${node.attrs.get(attr)} ${v}` : v);
    }
  };

  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(body))) {
    takeValue(body.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1];
    if (name.toUpperCase() === 'END_OF_SVG') {
      truncated = false;
      break;
    }
    const token = semanticTokenByName(name);
    if (!token) {
      // An unlisted `name=` token is still plainly an attribute.
      attr = /^[A-Za-z][\w:-]*=$/.test(name) ? name.slice(0, -1) : undefined;
      if (!attr) unknownTokens.push(name);
      continue;
    }
    switch (token.role) {
      case 'document':
        break;
      case 'element': {
        // A shape without an end token ends when the next element starts.
        while (stack.length > 1 && !CONTAINERS.has(top().name)) stack.pop();
        const node: Node = { name: token.value, attrs: new Map(), children: [] };
        top().children.push(node);
        stack.push(node);
        attr = undefined;
        break;
      }
      case 'end-element': {
        const at = findLast(stack, token.value);
        if (at > 0) stack.length = at;
        attr = undefined;
        break;
      }
      case 'attribute':
        attr = token.value;
        if (attr === 'd') top().commands ??= [];
        break;
      case 'path-command': {
        const node = top();
        node.commands ??= [];
        node.commands.push({ letter: token.value, args: '' });
        attr = 'd';
        break;
      }
    }
  }
  if (truncated) takeValue(body.slice(last));
  if (!root.attrs.has('viewBox')) root.attrs.set('viewBox', SEMANTIC_VIEWBOX);
  root.attrs.delete('xmlns');
  return { svg: serialize(root, true), truncated, unknownTokens };
}

function findLast(stack: Node[], name: string): number {
  for (let i = stack.length - 1; i > 0; i--) if (stack[i].name === name) return i;
  return -1;
}

/**
 * Unsuffixed commands carry no case. On the 128×128 canvas an absolute path
 * never needs negative numbers, so a negative argument after the first
 * moveto means the path was written relative.
 */
function pathData(commands: { letter: string; args: string }[]): string {
  const relative = commands.some((c, i) => i > 0 && c.letter.startsWith('?') && /(^|[\s,])-\d|(^|[\s,])-\./.test(c.args));
  return commands
    .map((c, i) => {
      let letter = c.letter;
      if (letter.startsWith('?')) letter = relative && i > 0 ? letter.slice(1).toLowerCase() : letter.slice(1);
      return c.args ? `${letter}${c.args}` : letter;
    })
    .join(' ');
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function serialize(node: Node, isRoot = false): string {
  const attrs = new Map(node.attrs);
  if (node.commands?.length) attrs.set('d', pathData(node.commands));
  let open = `<${node.name}`;
  if (isRoot) open += ' xmlns="http://www.w3.org/2000/svg"';
  for (const [k, v] of attrs) open += ` ${k}="${escapeAttr(v)}"`;
  const inner = (node.text ? escapeText(node.text) : '') + node.children.map((c) => serialize(c)).join('');
  return inner ? `${open}>${inner}</${node.name}>` : `${open}/>`;
}
