// Checks that text is one well-formed SVG document: the project's own parser
// reports no syntax errors and a strict XML parse (sax) accepts it.
import assert from 'node:assert/strict';
import { parseSvg } from '../../src/core/svg/parse';

export function assertWellFormedSvg(text: string): void {
  assert.match(text, /^<svg[\s>]/, `does not start with <svg: ${JSON.stringify(text.slice(0, 80))}`);
  assert.match(text, /<\/svg>$/, `does not end with </svg>: ${JSON.stringify(text.slice(-80))}`);
  const doc = parseSvg(text);
  assert.deepEqual(doc.errors.map((e) => e.message), [], `parseSvg errors for ${JSON.stringify(text.slice(0, 200))}`);
  assert.equal(doc.root?.name, 'svg');
  // sax ships with svgo; its strict mode is a second, independent well-formedness check.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sax = require('sax') as { parser: (strict: boolean) => { write: (s: string) => { close: () => void } } };
  sax.parser(true).write(text).close();
}
