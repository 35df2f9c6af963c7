import type { Rule } from '../rule';

/** url(#id) and href="#id" must point at an element of the document. */
export const references: Rule = {
  codes: [{ code: 'broken-reference', severity: 'warning', description: 'A url(#id), href="#id" or aria id reference points at an id no element has.' }],
  check(ctx, report) {
    for (const ref of ctx.idReferences) {
      if (ctx.ids.has(ref.id)) continue;
      const where = ref.attribute ? ` in ${ref.attribute.name}` : ' in the style sheet';
      report('broken-reference', `No element has the id "${ref.id}" referenced${where}.`, ref.range);
    }
  },
};
