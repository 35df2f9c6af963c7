import * as assert from 'node:assert/strict';
import { parseSvg } from '../../../src/core/svg/parse';
import { isSprite, spriteSymbols } from '../../../src/core/svg/symbols';
import { WorkerPool } from '../../../src/core/render/pool';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const SPRITE = `<svg ${NS}>
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/></linearGradient></defs>
  <symbol id="square" viewBox="0 0 10 10"><rect width="10" height="10" fill="url(#g)"/></symbol>
  <symbol id="dot" viewBox="0 0 20 20"><circle cx="10" cy="10" r="5"/></symbol>
  <symbol viewBox="0 0 4 4"><use href="#dot"/></symbol>
</svg>`;

describe('sprite symbols', function () {
  this.timeout(60_000);

  it('lists each symbol with its id, range and a standalone SVG that draws only it', async () => {
    const doc = parseSvg(SPRITE);
    assert.equal(isSprite(doc), true);
    const symbols = spriteSymbols(doc);
    assert.deepEqual(symbols.map((s) => [s.id, s.viewBox]), [['square', '0 0 10 10'], ['dot', '0 0 20 20'], ['', '0 0 4 4']]);
    assert.ok(SPRITE.slice(symbols[1].range.start, symbols[1].range.end).startsWith('<symbol id="dot"'));
    for (const s of symbols) assert.equal(parseSvg(s.svg).errors.length, 0, s.svg);
    const pool = new WorkerPool({ size: 1 });
    try {
      // The square fills its whole picture (the gradient resolved), the dot only its middle.
      const square = await pool.compare(symbols[0].svg, `<svg ${NS} viewBox="0 0 10 10"><rect width="10" height="10" fill="red"/></svg>`, { size: 40 });
      assert.ok(square.ok && !square.sizeChanged && square.differing < square.total, JSON.stringify(square));
      const dot = await pool.compare(symbols[1].svg, `<svg ${NS} viewBox="0 0 20 20"><circle cx="10" cy="10" r="5"/></svg>`, { size: 40 });
      assert.ok(dot.ok && dot.differing === 0, JSON.stringify(dot));
      const empty = await pool.compare(symbols[1].svg, `<svg ${NS} viewBox="0 0 20 20"/>`, { size: 40 });
      assert.ok(empty.ok && empty.differing > 50, 'the symbol draws something');
    } finally {
      pool.dispose();
    }
  });

  it('copies into each symbol only the shared definitions and the symbols it uses, not every other symbol', () => {
    const symbols = spriteSymbols(parseSvg(SPRITE));
    assert.ok(symbols[0].svg.includes('linearGradient') && !symbols[0].svg.includes('id="dot"'), symbols[0].svg);
    assert.ok(symbols[1].svg.includes('id="dot"') && !symbols[1].svg.includes('id="square"'));
    // The third uses #dot: it comes along.
    assert.ok(symbols[2].svg.includes('id="dot"') && !symbols[2].svg.includes('id="square"'));
    const many = `<svg ${NS}>${Array.from({ length: 300 }, (_, i) => `<symbol id="s${i}" viewBox="0 0 1 1"><rect width="1" height="1"/></symbol>`).join('')}</svg>`;
    const total = spriteSymbols(parseSvg(many)).reduce((n, s) => n + s.svg.length, 0);
    // Linear: each copy is its own symbol plus a fixed wrapper, whatever the sprite's size.
    assert.ok(total / 300 < 400, `${total} characters for a ${many.length}-character sprite of 300 symbols`);
  });

  it('is not a sprite when the file draws outside its symbols', () => {
    assert.equal(isSprite(parseSvg(`<svg ${NS}><symbol id="a"/><rect width="1" height="1"/></svg>`)), false);
    assert.equal(isSprite(parseSvg(`<svg ${NS}><rect width="1" height="1"/></svg>`)), false);
    assert.deepEqual(spriteSymbols(parseSvg(`<svg ${NS}><rect/></svg>`)), []);
    assert.equal(isSprite(parseSvg(`<svg ${NS}><defs><symbol id="a"/></defs><title>t</title></svg>`)), true);
  });
});
