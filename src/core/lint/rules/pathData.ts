import type { Rule } from '../rule';

/** Path data must follow the SVG grammar; renderers draw only up to the first error. */
export const pathData: Rule = {
  codes: [{ code: 'invalid-path-data', severity: 'error', description: 'Path data (d) breaks the SVG path grammar; everything after the offending character is not drawn.' }],
  check(ctx, report) {
    for (const info of ctx.elements) {
      if (info.name !== 'path') continue;
      const d = info.el.attributes.find((a) => a.name === 'd');
      if (!d) continue;
      const { error, segments } = ctx.validateGeometry(info, d);
      if (!error) continue;
      const tail = segments > 1 ? ` Only the first ${segments} segments are drawn.` : segments ? ' Only the first segment is drawn.' : ' Nothing is drawn.';
      report('invalid-path-data', `Invalid path data: ${error.message}${tail}`, ctx.valueRange(d, error.range.start, error.range.end));
    }
  },
};
