import { replaceValue } from '../edits';
import type { Rule } from '../rule';

/** Ids must be unique; references resolve to the first, so renaming the later ones keeps the drawing. */
export const duplicateIds: Rule = {
  codes: [{ code: 'duplicate-id', severity: 'warning', description: 'Several elements share an id; references resolve to the first one only (fix: rename the later ones).' }],
  check(ctx, report) {
    const taken = new Set(ctx.ids.keys());
    for (const [id, holders] of ctx.ids) {
      if (holders.length < 2 || id === '') continue;
      for (let k = 1; k < holders.length; k++) {
        const attr = holders[k].el.attributes.find((a) => (a.name === 'id' || a.name === 'xml:id') && a.value === id)!;
        let n = k + 1;
        while (taken.has(`${id}-${n}`)) n++;
        const fresh = `${id}-${n}`;
        taken.add(fresh);
        report('duplicate-id', `The id "${id}" is already used by an earlier <${holders[0].el.name}>; references resolve to that one.`, ctx.valueRange(attr),
          { title: `Rename to "${fresh}"`, edits: [replaceValue(attr, fresh)] });
      }
    }
  },
};
