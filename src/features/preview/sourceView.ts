// Turns SVG text into the 'update' message the webview draws, plus the source
// ranges that map the webview's element ids back to the text. Pure: no vscode import.
import { parseSvg } from '../../core/svg/parse';
import type { Range, SvgDocument } from '../../core/svg/types';
import type { HostMessage, RootGeometry } from '../../shared/previewProtocol';
import { extractGeometry } from './hitGeometry';

export type UpdateMessage = Extract<HostMessage, { type: 'update' }>;

export interface PreparedUpdate {
  message: UpdateMessage;
  ranges: Range[];
}

const MAX_ERRORS_SHOWN = 5;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The copy of the text the webview draws. A root with a numeric width and
 * height but no viewBox is drawn unscaled by <img> at other sizes; giving it
 * the viewBox its size implies makes zoom scale the drawing instead of
 * cropping it. Model output without the SVG namespace (which browsers refuse
 * to draw, while resvg draws it) gets the namespace. Only this copy changes.
 */
function drawableCopy(doc: SvgDocument, root: RootGeometry | null, addNamespace: boolean): { svg: string; root: RootGeometry | null } {
  const el = doc.root;
  if (!el || !root) return { svg: doc.text, root };
  let insert = '';
  let geometry = root;
  const w = Number(root.width?.replace(/px$/, ''));
  const h = Number(root.height?.replace(/px$/, ''));
  if (!root.viewBox && w > 0 && h > 0) {
    geometry = { ...root, viewBox: `0 0 ${w} ${h}` };
    insert += ` viewBox="0 0 ${w} ${h}"`;
  }
  if (addNamespace && !el.attributes.some((a) => a.name === 'xmlns')) insert += ` xmlns="${SVG_NS}"`;
  if (!insert) return { svg: doc.text, root };
  const at = el.startTagRange.start + 1 + el.name.length;
  return { svg: doc.text.slice(0, at) + insert + doc.text.slice(at), root: geometry };
}

/**
 * `generated`: the text is model output not yet in any document, so it is
 * drawn as leniently as the renderer would; a user's file is shown as browsers
 * will show it, with the reason when they will not.
 */
export function prepareUpdate(text: string, fields: { seq: number; uri: string; version: number; streaming: boolean }, generated = false): PreparedUpdate {
  const doc = parseSvg(text);
  const geometry = extractGeometry(doc);
  const { svg, root } = drawableCopy(doc, geometry.root, generated);
  const errors = doc.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `Line ${lineOf(text, e.range.start)}: ${e.message}`);
  if (doc.errors.length > MAX_ERRORS_SHOWN) errors.push(`… and ${doc.errors.length - MAX_ERRORS_SHOWN} more problems.`);
  const xmlns = doc.root?.attributes.find((a) => a.name === 'xmlns')?.value;
  if (!generated && doc.root?.name === 'svg' && xmlns !== SVG_NS) {
    errors.push(xmlns === undefined
      ? `The root <svg> has no xmlns="${SVG_NS}"; browsers will not draw it as an image.`
      : `The root element's namespace is "${xmlns}", not ${SVG_NS}.`);
  }
  if (!doc.root && !errors.length) errors.push(text.trim() ? 'No <svg> element found.' : 'The document is empty.');
  return {
    message: { type: 'update', ...fields, svg, root, elements: geometry.elements, errors },
    ranges: geometry.ranges,
  };
}
