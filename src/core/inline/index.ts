// Inline SVG: <svg> blocks inside HTML, JSX/TSX, Vue, Svelte, Astro, Markdown and JS strings.
export { findInlineSvgBlocks, blockAt, InlineSvgBlock, type SkippedPart } from './findBlocks';
export { hostSyntax, INLINE_SVG_LANGUAGES, type HostSyntax } from './hostSyntax';
export { svgAttributeName } from './jsxNames';
