// Which syntax an inline <svg> block is written in, by the VS Code language id
// of the document that holds it.

export interface HostSyntax {
  /** The document is markup (HTML-like) with script in <script> sections; otherwise it is script. */
  markup: boolean;
  /** `<svg` in script code is JSX: camelCase attribute names, {…} values and children. */
  jsx: boolean;
  /** {…} in markup attribute values, tags and content (Svelte, Astro). */
  braces: boolean;
  /** Vue templates: {{…}} in content, :bound / @event / v-directive attributes. */
  vue: boolean;
  /** A `---` fenced script at the top of the file (Astro frontmatter). */
  frontmatterScript: boolean;
}

const MARKUP: HostSyntax = { markup: true, jsx: false, braces: false, vue: false, frontmatterScript: false };
const SCRIPT: HostSyntax = { markup: false, jsx: true, braces: false, vue: false, frontmatterScript: false };

const BY_LANGUAGE: Record<string, HostSyntax> = {
  html: MARKUP,
  php: MARKUP,
  markdown: MARKUP,
  mdx: { ...MARKUP, braces: true },
  vue: { ...MARKUP, vue: true },
  svelte: { ...MARKUP, braces: true },
  astro: { ...MARKUP, braces: true, frontmatterScript: true },
  javascript: SCRIPT,
  javascriptreact: SCRIPT,
  typescript: SCRIPT,
  typescriptreact: SCRIPT,
};

/** Language ids whose documents may hold inline SVG blocks. */
export const INLINE_SVG_LANGUAGES: readonly string[] = Object.keys(BY_LANGUAGE);

/** The host syntax of a language id, or undefined when inline SVG is not looked for in it. */
export function hostSyntax(languageId: string): HostSyntax | undefined {
  return BY_LANGUAGE[languageId];
}
