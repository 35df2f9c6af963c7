import { SVG_NS, XLINK_NS, attribute, resolvePrefix } from '../context';
import { insertAttribute } from '../edits';
import type { Rule } from '../rule';

// Prefixes whose namespace every SVG tool knows, so a missing declaration can be added safely.
const KNOWN_PREFIXES: Record<string, string> = { xlink: XLINK_NS, svg: SVG_NS };

/** Namespace declarations: a standalone .svg needs xmlns, and every prefix used must be declared. */
export const namespaces: Rule = {
  codes: [
    { code: 'missing-xmlns', severity: 'warning', description: 'The <svg> root has no xmlns="http://www.w3.org/2000/svg"; opened as a file or through <img>, it is not shown as SVG.' },
    { code: 'wrong-namespace', severity: 'error', description: 'The <svg> root declares a default namespace other than SVG\'s.' },
    { code: 'unbound-prefix', severity: 'error', description: 'An element or attribute uses a namespace prefix (e.g. xlink:) that is not declared; XML parsers reject the file.' },
  ],
  check(ctx, report) {
    const rootInfo = ctx.root;
    if (!rootInfo) return;
    const rootEl = rootInfo.el;
    const localRoot = rootEl.name.includes(':') ? rootEl.name.slice(rootEl.name.indexOf(':') + 1) : rootEl.name;
    if (localRoot === 'svg' && !rootEl.name.includes(':')) {
      const xmlns = attribute(rootEl, 'xmlns');
      const nameStart = rootEl.startTagRange.start + 1;
      if (!xmlns) {
        report('missing-xmlns', 'The <svg> root has no xmlns="http://www.w3.org/2000/svg"; browsers will not show the file as SVG on its own.',
          { start: nameStart, end: nameStart + rootEl.name.length },
          { title: 'Add xmlns="http://www.w3.org/2000/svg"', edits: [insertAttribute(rootEl, 'xmlns', SVG_NS)] });
      } else if (xmlns.value !== SVG_NS) {
        report('wrong-namespace', `The default namespace is "${xmlns.value}", not the SVG namespace "${SVG_NS}".`, ctx.valueRange(xmlns));
      }
    }
    // One finding per undeclared prefix, at its first use; the fix declares it on the root.
    const seen = new Set<string>();
    const check = (qname: string, at: number, info: typeof rootInfo): void => {
      const colon = qname.indexOf(':');
      if (colon <= 0) return;
      const prefix = qname.slice(0, colon);
      if (prefix === 'xmlns' || seen.has(prefix) || resolvePrefix(prefix, info.scope) !== undefined) return;
      seen.add(prefix);
      const uri = KNOWN_PREFIXES[prefix];
      report('unbound-prefix', `The prefix "${prefix}:" is not declared${uri ? ` (add xmlns:${prefix}="${uri}")` : ''}; XML parsers reject the file.`,
        { start: at, end: at + colon },
        uri ? { title: `Declare xmlns:${prefix}="${uri}"`, edits: [insertAttribute(rootEl, `xmlns:${prefix}`, uri)] } : undefined);
    };
    for (const info of ctx.elements) {
      check(info.el.name, info.el.startTagRange.start + 1, info);
      // Only prefixed names are looked at, so no other attribute's range object is made.
      for (const a of info.el.attributes) if (a.name.includes(':')) check(a.name, a.nameRange.start, info);
    }
  },
};
