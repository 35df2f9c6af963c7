import { attribute } from '../context';
import { insertAttribute } from '../edits';
import type { Rule } from '../rule';

/** An <svg> meant as an image needs an accessible name and role="img" for screen readers. */
export const accessibility: Rule = {
  codes: [
    { code: 'missing-title', severity: 'hint', description: 'The <svg> has no <title> (or aria-label), so screen readers have no name for it.' },
    { code: 'missing-role', severity: 'hint', description: 'The <svg> has no role="img" (or aria-hidden="true" when decorative) (fix: add role="img").' },
  ],
  check(ctx, report) {
    const rootInfo = ctx.root;
    if (!rootInfo || rootInfo.name !== 'svg') return;
    const el = rootInfo.el;
    if (attribute(el, 'aria-hidden')?.value.trim() === 'true') return;
    const role = attribute(el, 'role')?.value.trim();
    if (role === 'presentation' || role === 'none') return;
    const nameStart = el.startTagRange.start + 1;
    const range = { start: nameStart, end: nameStart + el.name.length };
    const named = attribute(el, 'aria-label') || attribute(el, 'aria-labelledby') || rootInfo.children.some((c) => c.name === 'title');
    if (!named) report('missing-title', 'Add a <title> (or aria-label) so screen readers can name this image; use aria-hidden="true" if it is decorative.', range);
    if (role === undefined) report('missing-role', 'Add role="img" so assistive technology treats the SVG as one image.', range,
      { title: 'Add role="img"', edits: [insertAttribute(el, 'role', 'img')] });
  },
};
