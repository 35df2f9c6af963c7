// Adapts a generated SVG document to the file it is inserted into: markup
// languages take it inline without the XML prolog; JSX/TSX need React's
// attribute names and a style object.

const JSX_LANGUAGES = new Set(['javascriptreact', 'typescriptreact']);
const INLINE_LANGUAGES = new Set(['html', 'markdown', 'vue', 'php', 'svelte', 'astro', ...JSX_LANGUAGES]);

const JSX_RENAMES: Record<string, string> = {
  class: 'className',
  for: 'htmlFor',
  'xlink:href': 'xlinkHref',
  'xml:space': 'xmlSpace',
  'xml:lang': 'xmlLang',
  'xmlns:xlink': 'xmlnsXlink',
};

export function svgForTarget(svg: string, languageId: string): string {
  if (!INLINE_LANGUAGES.has(languageId)) return svg;
  const inline = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/^\s*<!DOCTYPE[^>]*>\s*/i, '');
  return JSX_LANGUAGES.has(languageId) ? toJsx(inline) : inline;
}

function camel(name: string): string {
  if (/^(data|aria)-/.test(name)) return name;
  return JSX_RENAMES[name] ?? name.replace(/[-:]([a-z])/g, (_, c: string) => c.toUpperCase());
}

function styleObject(css: string): string {
  const entries = css.split(';').map((d) => d.trim()).filter(Boolean).map((decl) => {
    const colon = decl.indexOf(':');
    if (colon < 0) return undefined;
    const prop = decl.slice(0, colon).trim().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    return `${prop}: ${JSON.stringify(decl.slice(colon + 1).trim())}`;
  }).filter(Boolean);
  return `{{ ${entries.join(', ')} }}`;
}

/** Rewrites attribute names inside tags and comments; text content is left alone. */
export function toJsx(svg: string): string {
  return svg
    .replace(/<!--([\s\S]*?)-->/g, (_, body: string) => `{/*${body.replace(/\*\//g, '* /')}*/}`)
    .replace(/<([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g, (_m, tag: string, attrs: string, selfClose: string) => {
      const rewritten = attrs.replace(/(\s+)([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'))?/g, (_a, space: string, name: string, value?: string) => {
        if (name === 'style' && value) return `${space}style=${styleObject(value.slice(1, -1))}`;
        return value === undefined ? `${space}${camel(name)}` : `${space}${camel(name)}=${value}`;
      });
      return `<${tag}${rewritten}${selfClose ? ' /' : ''}>`;
    });
}
