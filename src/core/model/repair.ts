// Repairs SVG cut off mid-stream (a max_tokens limit, a dropped connection)
// using the core parser's partial tree: an incomplete trailing tag, comment or
// entity is dropped, then every element still open is closed, innermost first.
// Documents broken in other ways are left alone: they are not truncations.
import { parseSvg } from '../svg/parse';
import type { SvgElement, SvgDocument } from '../svg/types';

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

export interface RepairResult {
  svg: string;
  /** What was changed, in words ("closed 2 open elements"); empty when nothing was. */
  repairs: string[];
  /** The parse of `svg`. */
  doc: SvgDocument;
}

export function repairTruncatedSvg(text: string): RepairResult {
  const repairs: string[] = [];
  let svg = text.replace(/\s+$/, '');
  let doc = parseSvg(svg);
  if (!doc.errors.length) return withNamespace(svg, doc, repairs);

  const cut = incompleteTail(svg);
  if (cut < svg.length) {
    svg = svg.slice(0, cut).replace(/\s+$/, '');
    repairs.push('dropped an incomplete tag at the end');
    doc = parseSvg(svg);
  }
  const open = openChain(doc);
  if (open.length) {
    svg += open
      .reverse()
      .map((e) => `</${e.name}>`)
      .join('');
    repairs.push(open.length === 1 ? 'closed 1 open element' : `closed ${open.length} open elements`);
    doc = parseSvg(svg);
  }
  return withNamespace(svg, doc, repairs);
}

/** Offset where an unfinished tag, comment, CDATA section or entity reference starts at the end of the text. */
function incompleteTail(text: string): number {
  let cut = text.length;
  const lt = text.lastIndexOf('<');
  if (lt >= 0) {
    const tail = text.slice(lt);
    if (tail.startsWith('<!--')) {
      if (!tail.endsWith('-->')) cut = lt;
    } else if (tail.startsWith('<![CDATA[')) {
      if (!tail.includes(']]>')) cut = lt;
    } else if (!tail.includes('>')) cut = lt;
  }
  // An unterminated comment may hold '<' characters of its own.
  const comment = text.lastIndexOf('<!--');
  if (comment >= 0 && comment < cut && !text.slice(comment).includes('-->')) cut = comment;
  const entity = /&#?\w*$/.exec(text.slice(0, cut));
  if (entity) cut = entity.index;
  return cut;
}

/** The open elements along the document's last edge, outermost first. */
function openChain(doc: SvgDocument): SvgElement[] {
  const chain: SvgElement[] = [];
  let el = doc.root;
  while (el && !el.closed) {
    chain.push(el);
    const last = [...el.children].reverse().find((c): c is SvgElement => c.kind === 'element');
    el = last && !last.closed ? last : undefined;
  }
  return chain;
}

/** resvg draws nothing without the SVG namespace, and models often leave it out. */
function withNamespace(svg: string, doc: SvgDocument, repairs: string[]): RepairResult {
  const root = doc.root;
  if (!root || root.name !== 'svg' || root.attributes.some((a) => a.name === 'xmlns')) return { svg, repairs, doc };
  const at = root.startTagRange.start + 4;
  const fixed = `${svg.slice(0, at)} xmlns="${SVG_NAMESPACE}"${svg.slice(at)}`;
  repairs.push('added the SVG namespace');
  return { svg: fixed, repairs, doc: parseSvg(fixed) };
}
