// Rewrites an SVG so that rendering it can never read a local file or reach the
// network. resvg-js resolves <image href="/abs/path"> (and file: URLs) against
// the file system and draws what it finds, so every reference that is not an
// in-document fragment (#id) or inline data (data:) is blanked out before the
// text reaches the renderer. Inline SVG images (data:image/svg+xml) are
// decoded and neutralized recursively, since the nested document would be
// resolved the same way.
//
// This works on the text, not a parse tree, on purpose: it must be total over
// hostile input (broken markup, huge files) and it over-approximates — an
// href-looking run of characters inside text content is blanked too, which can
// only change what is drawn, never what is read.

export interface NeutralizeResult {
  svg: string;
  /** References that were blanked out (external hrefs, url() targets, @import rules). */
  blocked: number;
}

/** Nested data:image/svg+xml documents deeper than this are dropped rather than decoded. */
const MAX_NESTED_DEPTH = 3;

// name="value" or name='value' where name ends in "href" (href, xlink:href, any prefix) or is "src".
const HREF_ATTR = /(\s)((?:[A-Za-z_][\w.-]*:)?(?:href|src))(\s*=\s*)("[^"]*"|'[^']*')/g;
// url(...) with optional quotes, as in CSS and presentation attributes.
const CSS_URL = /url\(\s*("[^"]*"|'[^']*'|[^)]*?)\s*\)/gi;
// @import rules in style sheets (url or string form), up to the terminating semicolon.
const CSS_IMPORT = /@import\b[^;]*;?/gi;
// <?xml-stylesheet href="..."?> and any other processing instruction that names a resource.
const STYLESHEET_PI = /<\?xml-stylesheet[\s\S]*?\?>/gi;

const SVG_DATA_URL = /^data:image\/svg\+xml(;[^,]*)?,/i;

export function neutralizeExternalReferences(svg: string, depth = 0): NeutralizeResult {
  let blocked = 0;
  let out = svg.replace(STYLESHEET_PI, () => {
    blocked++;
    return '';
  });
  out = out.replace(HREF_ATTR, (_all, space: string, name: string, eq: string, quoted: string) => {
    const quote = quoted[0];
    const value = quoted.slice(1, -1);
    const safe = safeReference(value, depth);
    if (safe === value) return `${space}${name}${eq}${quoted}`;
    blocked++;
    return `${space}${name}${eq}${quote}${safe}${quote}`;
  });
  out = out.replace(CSS_IMPORT, () => {
    blocked++;
    return '';
  });
  out = out.replace(CSS_URL, (all, target: string) => {
    const t = unquote(target).trim();
    if (t.startsWith('#')) return all;
    if (/^data:/i.test(t) && !SVG_DATA_URL.test(t)) return all;
    blocked++;
    // A fragment that matches nothing: paint falls back to its fallback color or none.
    return 'url(#svg-copilot-blocked)';
  });
  return { svg: out, blocked };
}

function unquote(s: string): string {
  return (s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")) ? s.slice(1, -1) : s;
}

/** The value to keep for one href: unchanged when it is safe, otherwise a safe replacement ('' blanks it). */
function safeReference(value: string, depth: number): string {
  const v = value.trim();
  if (v.startsWith('#')) return value;
  if (!/^data:/i.test(v)) return '';
  const svgData = v.match(SVG_DATA_URL);
  if (!svgData) return value;
  if (depth >= MAX_NESTED_DEPTH) return '';
  const decoded = decodeSvgDataUrl(v, svgData[0], svgData[1] ?? '');
  if (decoded === undefined) return '';
  const inner = neutralizeExternalReferences(decoded, depth + 1);
  if (inner.blocked === 0) return value;
  return `data:image/svg+xml;base64,${Buffer.from(inner.svg, 'utf8').toString('base64')}`;
}

function decodeSvgDataUrl(url: string, head: string, params: string): string | undefined {
  const payload = url.slice(head.length);
  try {
    if (/;base64$/i.test(params)) return Buffer.from(payload, 'base64').toString('utf8');
    return decodeURIComponent(payload);
  } catch {
    return undefined;
  }
}
