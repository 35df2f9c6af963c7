import { lintSvg, type Finding } from '../../../src/core/lint';

export const NS = 'xmlns="http://www.w3.org/2000/svg"';

/** A well-formed, accessible icon wrapper so only the body under test produces findings. */
export function icon(body: string, rootAttributes = 'viewBox="0 0 24 24"'): string {
  return `<svg ${NS} ${rootAttributes} role="img">\n<title>t</title>\n${body}\n</svg>\n`;
}

export function findingsWith(text: string, code: string): Finding[] {
  return lintSvg(text).filter((f) => f.code === code);
}

export function rangeText(text: string, f: Finding): string {
  return text.slice(f.range.start, f.range.end);
}
