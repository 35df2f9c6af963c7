// LLM4SVG answers as LLM4SVG's own encoder spells them, from real icons
// (test/fixtures/llm4svg, made by scripts/llm4svg-fixtures.mjs), must decode
// to the icon's own picture: rendered by resvg, the decoded drawing on its
// 128×128 canvas and the original icon at the same size may differ in at most
// 2% of the icon's ink, for at least 95% of icons in each path spelling.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { decodeSemanticTokens } from '../../../src/core/model/decodeSemanticTokens';
import { parseSvg } from '../../../src/core/svg/parse';

const root = join(__dirname, '..', '..', '..', '..');
type Spelling = 'relative' | 'absolute' | 'mixed';
interface Fixture {
  source: string;
  icons: { name: string; icon: string; tokens: Record<Spelling, string> }[];
}
const load = (name: string) => JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'llm4svg', `${name}.json`), 'utf8')) as Fixture;
// Fill-based paths with the styling on each path; stroked shapes of every kind
// with the styling in a group (which the encoder writes raw).
const CORPORA = ['tabler-filled', 'lucide-grouped'];
const SIZE = 256;
const MAX_INK_DIFFERENCE = 0.02;
const MIN_PASS_RATE = 0.95;

/** Pixels with at least half coverage. */
function inkMask(svg: string): Uint8Array {
  const pixels = new Resvg(svg, { fitTo: { mode: 'width', value: SIZE } }).render().pixels;
  const mask = new Uint8Array(SIZE * SIZE);
  for (let i = 0; i < mask.length; i++) mask[i] = pixels[i * 4 + 3] >= 128 ? 1 : 0;
  return mask;
}

/** Pixels inked in one picture but not the other, as a share of the icon's ink. */
function inkDifference(icon: Uint8Array, decoded: Uint8Array): number {
  let ink = 0;
  let differ = 0;
  for (let i = 0; i < icon.length; i++) {
    ink += icon[i];
    differ += icon[i] ^ decoded[i];
  }
  return differ / Math.max(ink, 1);
}

const iconMasks = new Map<string, Uint8Array>();
function iconMask(icon: string): Uint8Array {
  let mask = iconMasks.get(icon);
  if (!mask) iconMasks.set(icon, (mask = inkMask(icon)));
  return mask;
}

function passRate(fixture: Fixture, spelling: Spelling, rewrite: (svg: string) => string = (s) => s) {
  const failures: string[] = [];
  let worst = 0;
  for (const { name, icon, tokens } of fixture.icons) {
    const decoded = decodeSemanticTokens(tokens[spelling]);
    const diff = inkDifference(iconMask(icon), inkMask(rewrite(decoded.svg)));
    worst = Math.max(worst, diff);
    if (decoded.truncated || decoded.unknownTokens.length || diff > MAX_INK_DIFFERENCE) failures.push(`${name} (${(diff * 100).toFixed(1)}%)`);
  }
  return { rate: 1 - failures.length / fixture.icons.length, failures, worst };
}

for (const corpus of CORPORA) {
  const fixture = load(corpus);

  describe(`model/decodeSemanticTokens on LLM4SVG encoder output from real icons: ${corpus}`, function () {
    this.timeout(120_000);

    it(`has a real sample: ${fixture.icons.length} icons from ${fixture.source}`, () => {
      assert.ok(fixture.icons.length >= 100);
      const withPaths = fixture.icons.filter(({ tokens }) => tokens.relative.includes('[<|svg_path|>]'));
      assert.ok(withPaths.length >= 0.9 * fixture.icons.length);
      for (const { tokens } of withPaths) {
        assert.match(tokens.relative, /\[<\|moveto\|>\]/);
        assert.doesNotMatch(tokens.relative, /\[[A-Za-z]\]/);
        assert.match(tokens.absolute, /\[M\]/);
        assert.doesNotMatch(tokens.absolute, /\[<\|(?:moveto|lineto|curveto|horizontal_lineto|vertical_lineto|elliptical_Arc)\|>\]/);
      }
    });

    for (const spelling of ['relative', 'absolute', 'mixed'] as const) {
      it(`draws the icon's own picture from the ${spelling} spelling for at least 95% of icons`, () => {
        const { rate, failures, worst } = passRate(fixture, spelling);
        console.log(`      ${spelling}: ${(rate * 100).toFixed(1)}% of ${fixture.icons.length} icons within 2% of the icon's ink (largest difference ${(worst * 100).toFixed(2)}%)${failures.length ? `; off: ${failures.join(', ')}` : ''}`);
        assert.ok(rate >= MIN_PASS_RATE, `${(rate * 100).toFixed(1)}% passed; off: ${failures.join(', ')}`);
      });
    }

    it('every decoded icon is well-formed SVG', () => {
      for (const { name, tokens } of fixture.icons) {
        for (const t of Object.values(tokens)) assert.deepEqual(parseSvg(decodeSemanticTokens(t).svg).errors, [], name);
      }
    });

    it('the comparison notices a wrong reading: token words read as absolute commands fail', () => {
      // What the decoder did before: the words' letters in upper case.
      const absoluteReading = (svg: string) => svg.replace(/ d="([^"]*)"/g, (_, d: string) => ` d="${d.toUpperCase()}"`);
      const { rate } = passRate(fixture, 'relative', absoluteReading);
      assert.ok(rate < 0.2, `${(rate * 100).toFixed(1)}% still passed`);
    });
  });
}
