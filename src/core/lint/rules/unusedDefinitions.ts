import { attribute } from '../context';
import type { Rule } from '../rule';
import { removeFix } from './degenerateShape';

/** Definitions nothing refers to only add bytes. Symbols are left alone: sprite sheets export them to other files. */
export const unusedDefinitions: Rule = {
  codes: [{ code: 'unused-definition', severity: 'info', description: 'A definition inside <defs> (gradient, clip path, filter, …) is referenced by nothing in the file.' }],
  check(ctx, report) {
    // Scripts can look elements up by id at run time.
    if (ctx.hasDynamicContent) return;
    for (const info of ctx.elements) {
      if (info.name !== 'defs' || info.foreign) continue;
      for (const child of info.children) {
        if (child.name === 'symbol' || child.name === 'style' || child.name === 'script' || child.name === '') continue;
        if (ctx.subtreeReferenced(child)) continue;
        const id = attribute(child.el, 'id')?.value;
        const nameStart = child.el.startTagRange.start + 1;
        const what = id ? `<${child.el.name} id="${id}">` : `<${child.el.name}> without an id`;
        report('unused-definition', `${what} is defined but never used.`, { start: nameStart, end: nameStart + child.el.name.length },
          removeFix(ctx, child, `the unused <${child.el.name}>`));
      }
    }
  },
};
