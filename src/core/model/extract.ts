// Gets the SVG out of whatever a model said: a bare <svg>, a ```svg/```xml
// fence, prose around either, a rationale first (<think>…</think> or plain
// text, kept as the explanation), or LLM4SVG semantic tokens. A cut-off SVG
// is repaired by closing what is open; the result is checked with the parser.
import { parseSvg } from '../svg/parse';
import type { SvgDocument } from '../svg/types';
import { decodeSemanticTokens, semanticTokensStart } from './decodeSemanticTokens';
import { repairTruncatedSvg } from './repair';

export type SvgSource = 'bare' | 'fence' | 'tokens' | 'none';

export interface Extraction {
  /** Well-formed SVG (possibly repaired); absent when none could be had. */
  svg?: string;
  /** The SVG text as the model wrote it (decoded for tokens), even when broken: the refiner starts from it. */
  raw?: string;
  source: SvgSource;
  /** Reasoning or prose the model wrote besides the SVG. */
  rationale?: string;
  /** Changes made to get well-formed SVG, in words. */
  repairs: string[];
  /** The SVG was cut off before it ended. */
  truncated: boolean;
  /** Why there is no usable SVG, for people and for the refiner. */
  error?: string;
  /** Parse of `svg` when present. */
  doc?: SvgDocument;
}

const OPEN_SVG = /<svg(?=[\s>/])/i;
const CLOSE_SVG = /<\/svg\s*>/gi;
const FENCE = /```[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g;

export function extractSvg(answer: string): Extraction {
  let text = answer.replace(/\r\n?/g, '\n');
  let rationale: string | undefined;

  const think = /<think>([\s\S]*?)(<\/think>|$)/i.exec(text);
  if (think) {
    rationale = clean(think[1]);
    if (!think[2]) {
      return { source: 'none', rationale, repairs: [], truncated: true, error: 'The answer ended inside the model\'s reasoning (<think> was never closed), before any SVG.' };
    }
    text = text.slice(0, think.index) + text.slice(think.index + think[0].length);
  }

  const at = semanticTokensStart(text);
  if (at >= 0) {
    rationale ??= clean(text.slice(0, at));
    const decoded = decodeSemanticTokens(text);
    const cut = decoded.droppedAtCut ? `the token stream was cut before its end; left out the unfinished <${decoded.droppedAtCut}>` : 'the token stream was cut before its end; closed it';
    return finish(decoded.svg, 'tokens', rationale, decoded.truncated, decoded.truncated ? [cut] : []);
  }

  for (const fence of text.matchAll(FENCE)) {
    const body = fence[2];
    if (!OPEN_SVG.test(body)) continue;
    rationale ??= clean(text.slice(0, fence.index));
    const bare = sliceSvg(body);
    return finish(bare.svg, 'fence', rationale, bare.truncated, []);
  }

  const open = OPEN_SVG.exec(text);
  if (!open) {
    return { source: 'none', rationale: rationale ?? clean(text), repairs: [], truncated: false, error: 'The answer contains no SVG (no <svg> element).' };
  }
  rationale ??= clean(text.slice(0, open.index).replace(/<\?xml[^>]*\?>\s*$/i, ''));
  const bare = sliceSvg(text);
  return finish(bare.svg, 'bare', rationale, bare.truncated, []);
}

/**
 * From the first <svg to the first </svg> that ends a well-formed document
 * (nested <svg> and prose mentioning "</svg>" both occur), else to the last
 * </svg>, else to the end when it never closes.
 */
function sliceSvg(text: string): { svg: string; truncated: boolean } {
  const open = OPEN_SVG.exec(text);
  const start = open ? open.index : 0;
  const ends: number[] = [];
  for (const m of text.matchAll(CLOSE_SVG)) if (m.index >= start) ends.push(m.index + m[0].length);
  if (!ends.length) return { svg: text.slice(start).replace(/\s*`{1,3}\s*$/, ''), truncated: true };
  if (ends.length > 1) {
    for (const end of ends) {
      const svg = text.slice(start, end);
      if (!parseSvg(svg).errors.length) return { svg, truncated: false };
    }
  }
  return { svg: text.slice(start, ends[ends.length - 1]), truncated: false };
}

function finish(raw: string, source: SvgSource, rationale: string | undefined, truncated: boolean, repairs: string[]): Extraction {
  const repaired = repairTruncatedSvg(raw);
  const all = [...repairs, ...repaired.repairs];
  const base = { raw, source, rationale: rationale || undefined, repairs: all, truncated };
  const doc = repaired.doc;
  if (!doc.root || localName(doc.root.name) !== 'svg') {
    return { ...base, error: `The answer's SVG has no <svg> root element${doc.root ? ` (found <${doc.root.name}>)` : ''}.` };
  }
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, character } = lineAndCharacter(repaired.svg, e.range.start);
    return { ...base, error: `The SVG is not well-formed: ${e.message} (line ${line + 1}, column ${character + 1}).` };
  }
  return { ...base, svg: repaired.svg, doc };
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function clean(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
