import type { Rule } from '../rule';

/** Syntax errors the parser recovered from: the file is not well-formed XML, so browsers refuse to show it. */
export const xmlSyntax: Rule = {
  codes: [{ code: 'malformed-xml', severity: 'error', description: 'The file is not well-formed XML (unclosed tag, bad attribute, stray "<", entity limit, …).' }],
  check(ctx, report) {
    for (const e of ctx.doc.errors) report('malformed-xml', e.message, e.range);
  },
};
