// Checks that text is one well-formed SVG document: the project's SVG parser
// when present, else a strict XML parse.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type ParseSvg = (text: string) => { errors?: Array<{ message: string }>; root?: { name?: string } | null };

function projectParser(): ParseSvg | undefined {
  const file = join(__dirname, '..', '..', 'src', 'core', 'svg', 'parse.js');
  if (!existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { parseSvg?: ParseSvg };
  return mod.parseSvg;
}

export function assertWellFormedSvg(text: string): void {
  assert.match(text, /^<svg[\s>]/, `does not start with <svg: ${JSON.stringify(text.slice(0, 80))}`);
  assert.match(text, /<\/svg>$/, `does not end with </svg>: ${JSON.stringify(text.slice(-80))}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sax = require('sax') as { parser: (strict: boolean) => { write: (s: string) => { close: () => void }; onopentag: (t: { name: string }) => void } };
  const p = sax.parser(true);
  let rootName: string | undefined;
  p.onopentag = (t) => { rootName ??= t.name; };
  p.write(text).close();
  assert.equal(rootName, 'svg');
  const parseSvg = projectParser();
  if (parseSvg) {
    const doc = parseSvg(text);
    assert.deepEqual((doc.errors ?? []).map((e) => e.message), [], `parseSvg errors for ${JSON.stringify(text.slice(0, 200))}`);
  }
}
