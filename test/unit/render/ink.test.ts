// Ink: the pixels of a render that differ from its background, measured in
// the isolated worker. Checked against the decoded PNG the same job returns.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLANK_INK_FRACTION, inkLost, isBlank, measureInk } from '../../../src/core/render/ink';
import { WorkerPool } from '../../../src/core/render/pool';
import { decodePng } from './png';

const root = join(__dirname, '..', '..', '..', '..');
const icon = (name: string) => readFileSync(join(root, 'node_modules', 'lucide-static', 'icons', `${name}.svg`), 'utf8');
const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">${body}</svg>`;

/** Differing pixels counted from the PNG itself. */
function countFromPng(png: Uint8Array, background: number[]): number {
  const px = decodePng(png);
  let n = 0;
  for (let y = 0; y < px.height; y++) for (let x = 0; x < px.width; x++) if (px.at(x, y).some((v, i) => v !== background[i])) n++;
  return n;
}

describe('render ink (blank drawings)', function () {
  this.timeout(60_000);
  let pool: WorkerPool;
  before(() => {
    pool = new WorkerPool({ size: 1 });
  });
  after(() => pool.dispose());

  async function ink(text: string, background = 'white') {
    const r = await pool.render(text, { size: 200, background, measureInk: true });
    assert.ok(r.ok, !r.ok ? r.error : '');
    assert.ok(r.ink, 'ink measured');
    return { ink: r.ink, png: r.png };
  }

  it('counts exactly the pixels of the PNG that differ from the background', async () => {
    for (const name of ['house', 'heart', 'star']) {
      const { ink: k, png } = await ink(icon(name));
      assert.equal(k.pixels, countFromPng(png, [255, 255, 255, 255]), name);
      assert.equal(k.fraction, k.pixels / 40_000);
      assert.equal(isBlank(k), false, name);
    }
  });

  it('finds nothing visible in an empty drawing, a white one on white, an invisible one and a speck', async () => {
    const blanks = [
      svg(''),
      svg('<rect x="20" y="20" width="160" height="160" fill="white"/>'),
      svg('<circle cx="100" cy="100" r="80" fill="red" opacity="0"/>'),
      svg('<path d="M10 10 L190 190" stroke="none" fill="none"/>'),
      svg('<rect x="100" y="100" width="4" height="4" fill="black"/>'), // 16 px < 0.1% of 40,000
    ];
    for (const b of blanks) {
      const { ink: k } = await ink(b);
      assert.ok(k.fraction < BLANK_INK_FRACTION, `${b}: ${k.pixels} px`);
      assert.equal(isBlank(k), true);
    }
    const visible = await ink(svg('<rect x="100" y="100" width="8" height="8" fill="black"/>')); // 64 px
    assert.equal(visible.ink.pixels, 64);
    assert.equal(isBlank(visible.ink), false);
  });

  it('measures against any background colour, and transparent', async () => {
    const onBlack = await ink(svg('<rect width="200" height="100" fill="black"/>'), 'black');
    assert.equal(onBlack.ink.pixels, 0);
    const onNavy = await ink(svg('<rect width="200" height="100" fill="white"/>'), '#000080');
    assert.equal(onNavy.ink.pixels, 20_000);
    const clear = await ink(svg('<rect width="200" height="50" fill="red"/>'), 'transparent');
    assert.equal(clear.ink.pixels, 10_000);
  });

  it('letterboxes to exactly size × size like the IntroSVG critic\'s renders, without resampling the drawing', async () => {
    const wide = await pool.render('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><rect width="100" height="50" fill="#00f"/><rect width="50" height="25" fill="#f80"/></svg>', { size: 200, background: 'white', letterbox: true, measureInk: true });
    assert.ok(wide.ok, !wide.ok ? wide.error : '');
    assert.deepEqual([wide.width, wide.height], [200, 200]);
    const px = decodePng(wide.png);
    assert.deepEqual(px.at(100, 49), [255, 255, 255, 255]);
    assert.deepEqual(px.at(0, 50), [255, 136, 0, 255]);
    assert.deepEqual(px.at(99, 99), [255, 136, 0, 255]);
    assert.deepEqual(px.at(100, 100), [0, 0, 255, 255]);
    assert.deepEqual(px.at(199, 149), [0, 0, 255, 255]);
    assert.deepEqual(px.at(100, 150), [255, 255, 255, 255]);
    assert.equal(wide.ink?.pixels, 200 * 100);
    // Same pixels as the plain render, shifted down by 50 rows (translucent ones within 1 of it: blending a
    // clear render onto white rounds differently from drawing on white directly).
    const plain = await pool.render('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><circle cx="50" cy="25" r="20" fill="#0a0" opacity="0.5"/></svg>', { size: 200, background: 'white' });
    const boxed = await pool.render('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><circle cx="50" cy="25" r="20" fill="#0a0" opacity="0.5"/></svg>', { size: 200, background: 'white', letterbox: true });
    assert.ok(plain.ok && boxed.ok);
    const a = decodePng(plain.png);
    const b = decodePng(boxed.png);
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 200; x++) {
        const d = Math.max(...b.at(x, y + 50).map((v, i) => Math.abs(v - a.at(x, y)[i])));
        assert.ok(d <= 1, `${x},${y}: ${String(b.at(x, y + 50))} vs ${String(a.at(x, y))}`);
      }
    }
    const tall = await pool.render('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="40"><rect width="10" height="40"/></svg>', { size: 200, background: 'white', letterbox: true });
    assert.ok(tall.ok);
    assert.deepEqual([tall.width, tall.height], [200, 200]);
    const square = await pool.render(icon('house'), { size: 200, background: 'white', letterbox: true });
    const unboxed = await pool.render(icon('house'), { size: 200, background: 'white' });
    assert.ok(square.ok && unboxed.ok);
    assert.deepEqual(Buffer.from(square.png), Buffer.from(unboxed.png), 'a square drawing is rendered once, as before');
  });

  it('is only measured when asked for', async () => {
    const r = await pool.render(icon('house'), { size: 200, background: 'white' });
    assert.ok(r.ok);
    assert.equal(r.ink, undefined);
  });

  it('measureInk and inkLost on raw pixels', () => {
    const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 254, 255, 255, 255, 255]);
    assert.deepEqual(measureInk(rgba, 2, 2, [255, 255, 255, 255]), { pixels: 2, fraction: 0.5 });
    assert.equal(inkLost({ pixels: 100, fraction: 0.1 }, { pixels: 40, fraction: 0.04 }), 0.6);
    assert.equal(inkLost({ pixels: 100, fraction: 0.1 }, { pixels: 140, fraction: 0.14 }), 0);
    assert.equal(inkLost({ pixels: 0, fraction: 0 }, { pixels: 0, fraction: 0 }), 0);
  });
});
