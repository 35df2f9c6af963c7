import type { Rule } from '../rule';

/** The document must have an <svg> root element in the SVG namespace. */
export const root: Rule = {
  codes: [{ code: 'not-svg-root', severity: 'error', description: 'The document has no root element, or its root is not <svg>.' }],
  check(ctx, report) {
    const rootInfo = ctx.root;
    if (!rootInfo) {
      if (ctx.doc.errors.length === 0) report('not-svg-root', 'The document has no <svg> element.', { start: 0, end: Math.min(ctx.text.length, 1) });
      return;
    }
    const el = rootInfo.el;
    const local = el.name.slice(el.name.indexOf(':') + 1);
    // An <svg> in the wrong namespace is reported by the namespace rule.
    if (rootInfo.name !== 'svg' && local !== 'svg') {
      const nameStart = el.startTagRange.start + 1;
      const what = rootInfo.name ? `<${el.name}>` : `<${el.name}> (not in the SVG namespace)`;
      report('not-svg-root', `The root element is ${what}; an SVG file needs an <svg> root.`, { start: nameStart, end: nameStart + el.name.length });
    }
  },
};
