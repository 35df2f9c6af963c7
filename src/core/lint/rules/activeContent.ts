import { textBase } from '../context';
import { removeAttribute, removeNode } from '../edits';
import type { Rule } from '../rule';
import { scanUrls } from '../values/urlRefs';

// Attributes whose value can be navigated to or loaded, including by animation (<set attributeName="href" to="javascript:…">).
const URL_ATTRIBUTES = new Set(['href', 'to', 'from', 'values', 'action', 'formaction', 'src', 'data']);

/** "javascript:" after the whitespace and control characters URL parsers skip, in any letter case. */
function isJavascriptUrl(value: string): boolean {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) <= 32) i++;
  // Browsers also drop tabs and newlines inside the scheme.
  let scheme = '';
  for (; i < value.length && scheme.length < 11; i++) {
    const c = value[i];
    if (c === '\t' || c === '\n' || c === '\r') continue;
    scheme += c.toLowerCase();
  }
  return scheme === 'javascript:';
}

/** Script, event handlers, javascript: URLs, foreignObject and external resources: all unsafe to open or embed. */
export const activeContent: Rule = {
  codes: [
    { code: 'script-element', severity: 'warning', description: 'A <script> element runs code wherever the SVG is opened directly (fix: remove it).' },
    { code: 'event-handler', severity: 'warning', description: 'An on* event handler attribute (onload, onclick, …) runs code (fix: remove it).' },
    { code: 'javascript-url', severity: 'warning', description: 'A javascript: URL runs code when followed or animated in (fix: remove the attribute).' },
    { code: 'foreign-object', severity: 'warning', description: 'A <foreignObject> embeds HTML, which renderers and sanitizers treat differently.' },
    { code: 'external-resource', severity: 'warning', description: 'An href, url() or @import loads a file or URL from outside the SVG (tracking, broken when moved, blocked by renderers).' },
  ],
  check(ctx, report) {
    for (const info of ctx.elements) {
      const el = info.el;
      const nameStart = el.startTagRange.start + 1;
      const nameRange = { start: nameStart, end: nameStart + el.name.length };
      const local = el.name.slice(el.name.indexOf(':') + 1);
      if (info.name === 'script' || (info.foreign && local.toLowerCase() === 'script')) {
        report('script-element', 'A <script> element runs code when the SVG is opened in a browser.', nameRange,
          { title: 'Remove the <script>', edits: [removeNode(ctx.text, el.range)] });
        continue;
      }
      // An empty one (Illustrator writes these as a fallback switch) embeds nothing.
      const embedsSomething = () => el.children.some((c) => c.kind === 'element' || ((c.kind === 'text' || c.kind === 'cdata') && c.value.trim() !== ''));
      if (info.name === 'foreignObject' && embedsSomething()) {
        report('foreign-object', '<foreignObject> embeds HTML; many renderers and sanitizers drop or mishandle it.', nameRange);
      }
      if (info.foreign && ['iframe', 'embed', 'object'].includes(local.toLowerCase())) {
        report('external-resource', `<${el.name}> inside foreignObject loads other content.`, nameRange);
      }
      for (const a of el.attributes) {
        const lower = a.name.toLowerCase();
        if (lower.startsWith('on') && lower.length > 2 && !a.name.includes(':')) {
          report('event-handler', `The ${a.name} handler runs code when the SVG is opened in a browser.`, a.nameRange,
            { title: `Remove ${a.name}`, edits: [removeAttribute(ctx.text, a)] });
          continue;
        }
        const local = a.name.slice(a.name.indexOf(':') + 1);
        if (URL_ATTRIBUTES.has(local) && a.value.includes(':') && isJavascriptUrl(a.value)) {
          report('javascript-url', `A javascript: URL in ${a.name} runs code.`, ctx.valueRange(a),
            { title: `Remove ${a.name}`, edits: [removeAttribute(ctx.text, a)] });
        }
      }
      if (info.name === 'style') {
        for (const child of el.children) {
          if (child.kind !== 'text' && child.kind !== 'cdata') continue;
          const base = textBase(ctx.text, child);
          const at = (s: number, e: number) => (base === undefined ? child.range : { start: base + s, end: base + e });
          for (const u of scanUrls(child.value)) {
            const t = u.target.trim();
            if (t && !t.startsWith('#') && !/^data:/i.test(t)) report('external-resource', `The style sheet loads "${t.slice(0, 80)}".`, at(u.start, u.end));
          }
          const css = child.value.toLowerCase();
          for (let i = css.indexOf('@import'); i >= 0; i = css.indexOf('@import', i + 7)) {
            report('external-resource', 'The style sheet @imports another style sheet.', at(i, i + 7));
          }
        }
      }
    }
    for (const ref of ctx.externalReferences) {
      // Links are followed only on click; javascript: ones are reported above.
      if (ref.from.name === 'a' || isJavascriptUrl(ref.target)) continue;
      report('external-resource', `<${ref.from.el.name}> loads "${ref.target.slice(0, 80)}" from outside the file.`, ref.range);
    }
  },
};
