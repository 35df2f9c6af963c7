import type { ElementInfo, LintContext } from '../context';
import { removeAttribute, removeNode } from '../edits';
import type { Rule } from '../rule';
import type { TextEdit } from '../types';
import type { SvgAttribute, SvgComment, SvgNode } from '../../svg/types';

// Namespaces drawing programs write their private state into; nothing renders them.
const EDITOR_NAMESPACES = [
  'http://www.inkscape.org/namespaces/inkscape',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.bohemiancoding.com/sketch/ns',
  'http://www.serif.com/',
  'http://ns.adobe.com/',
  'http://www.figma.com/',
  'http://www.vectornator.io',
  'http://purl.org/dc/elements/1.1/',
  'http://creativecommons.org/ns#',
  'http://web.resource.org/cc/',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
];
// Used when a file forgot to declare them.
const EDITOR_PREFIXES = new Set(['inkscape', 'sodipodi', 'sketch', 'serif']);

function isEditorNamespace(uri: string | undefined): boolean {
  return uri !== undefined && EDITOR_NAMESPACES.some((ns) => uri.startsWith(ns));
}

function prefixOf(qname: string): string | undefined {
  const colon = qname.indexOf(':');
  return colon > 0 ? qname.slice(0, colon) : undefined;
}

function isEditorPrefix(prefix: string | undefined, info: ElementInfo): boolean {
  if (prefix === undefined || prefix === 'xml' || prefix === 'xmlns') return false;
  const uri = info.scope.prefixes.get(prefix);
  return uri === undefined ? EDITOR_PREFIXES.has(prefix) : isEditorNamespace(uri);
}

function isGeneratorComment(c: SvgComment): boolean {
  const v = c.value.trimStart();
  return v.startsWith('Generator:') || v.startsWith('Created with') || v.startsWith('Created by');
}

function nameRange(info: ElementInfo) {
  const start = info.el.startTagRange.start + 1;
  return { start, end: start + info.el.name.length };
}

/** Items of the editor namespaces, outermost elements first; attributes only outside removed elements. */
function usages(ctx: LintContext, prefix: string | undefined) {
  const elements: ElementInfo[] = [];
  const attributes: SvgAttribute[] = [];
  const removed = new Set<ElementInfo>();
  for (const info of ctx.elements) {
    if (info.parent && removed.has(info.parent)) { removed.add(info); continue; }
    const p = prefixOf(info.el.name);
    const match = prefix === undefined ? isEditorPrefix(p, info) || (info.name === 'metadata' && info !== ctx.root) : p === prefix;
    if (match && info !== ctx.root) { removed.add(info); elements.push(info); continue; }
    for (const a of info.el.attributes) {
      const ap = prefixOf(a.name);
      if (ap === 'xmlns') continue;
      if (prefix === undefined ? isEditorPrefix(ap, info) : ap === prefix) attributes.push(a);
    }
  }
  return { elements, attributes };
}

/** Editor state (Inkscape, Sodipodi, Sketch, Illustrator…) and generator comments: bytes that draw nothing. */
export const editorMetadata: Rule = {
  codes: [{ code: 'editor-metadata', severity: 'info', description: 'Drawing-program state (Inkscape/Sodipodi/Sketch/Illustrator namespaces, <metadata>, generator comments) that renders nothing (fix: remove it).' }],
  check(ctx, report) {
    const rootInfo = ctx.root;
    if (!rootInfo) return;
    const anyEditorItems = ctx.hasPrefixedNames || ctx.elements.some((e) => e.name === 'metadata');
    const { elements, attributes } = anyEditorItems ? usages(ctx, undefined) : { elements: [], attributes: [] };
    for (const info of elements) {
      report('editor-metadata', `<${info.el.name}> is editor metadata; it draws nothing.`, nameRange(info),
        { title: `Remove <${info.el.name}>`, edits: [removeNode(ctx.text, info.el.range)] });
    }
    for (const a of attributes) {
      report('editor-metadata', `${a.name} is editor metadata; it draws nothing.`, a.nameRange,
        { title: `Remove ${a.name}`, edits: [removeAttribute(ctx.text, a)] });
    }
    // A namespace declaration can only go together with everything that uses its prefix.
    for (const info of ctx.elements) {
      for (const a of info.el.attributes) {
        if (!a.name.startsWith('xmlns:') || !isEditorNamespace(a.value)) continue;
        const prefix = a.name.slice(6);
        const used = usages(ctx, prefix);
        const edits: TextEdit[] = [removeAttribute(ctx.text, a)];
        for (const e of used.elements) edits.push(removeNode(ctx.text, e.el.range));
        for (const u of used.attributes) edits.push(removeAttribute(ctx.text, u));
        const count = used.elements.length + used.attributes.length;
        report('editor-metadata', `The ${prefix}: namespace is editor metadata${count ? ` (${count} use${count === 1 ? '' : 's'})` : ''}.`, a.nameRange,
          { title: `Remove the ${prefix}: namespace${count ? ' and everything in it' : ''}`, edits });
      }
    }
    const stack: SvgNode[] = [...ctx.doc.children];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.kind === 'comment' && isGeneratorComment(n)) {
        report('editor-metadata', 'Generator comment left by a drawing program.', n.range,
          { title: 'Remove the generator comment', edits: [removeNode(ctx.text, n.range)] });
      } else if (n.kind === 'element') {
        for (const c of n.children) stack.push(c);
      }
    }
  },
};
