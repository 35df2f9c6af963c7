import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countDifferingPixels, isVisibleChange } from '../../../src/core/render/compare';
import { WorkerPool } from '../../../src/core/render/pool';
import { bytesSavedText, optimizeChecked, pictureChangeWarning } from '../../../src/core/optimizeChecked';

const root = join(__dirname, '..', '..', '..', '..');
const icon = (name: string) => readFileSync(join(root, 'node_modules', 'lucide-static', 'icons', `${name}.svg`), 'utf8');
const NS = 'xmlns="http://www.w3.org/2000/svg"';

describe('pixel comparison of renders', function () {
  this.timeout(60_000);
  let pool: WorkerPool;
  before(() => {
    pool = new WorkerPool({ size: 1 });
  });
  after(() => pool.dispose());

  it('counts channel differences beyond the tolerance, alpha included', () => {
    const a = new Uint8Array([0, 0, 0, 255, 10, 10, 10, 255, 0, 0, 0, 0]);
    const b = new Uint8Array([0, 0, 0, 255, 20, 10, 10, 255, 0, 0, 0, 200]);
    assert.deepEqual(countDifferingPixels(a, b, 16), { differing: 1, total: 3, maxDelta: 200 });
    assert.deepEqual(countDifferingPixels(a, b, 5), { differing: 2, total: 3, maxDelta: 200 });
    assert.throws(() => countDifferingPixels(a, b.subarray(4)), /different sizes/);
  });

  it('finds no visible change when real icons are optimized with the safe preset (anti-aliasing noise is not a change)', async () => {
    const dir = join(root, 'node_modules', 'lucide-static', 'icons');
    const names = readdirSync(dir).filter((f) => f.endsWith('.svg')).sort().filter((_, i) => i % 40 === 0).map((f) => f.replace(/\.svg$/, ''));
    let noisy = 0;
    for (const name of ['house', 'a-arrow-down', ...names]) {
      const r = await optimizeChecked(pool, icon(name));
      assert.ok(r.ok, !r.ok ? r.error : '');
      assert.ok(r.bytesAfter < r.bytesBefore, `${name}: ${r.bytesBefore} → ${r.bytesAfter}`);
      assert.ok(r.comparison.ok, !r.comparison.ok ? r.comparison.error : '');
      if (r.comparison.differing > 0) noisy++;
      assert.equal(pictureChangeWarning(r.comparison), undefined, `${name}: ${JSON.stringify(r.comparison)}`);
    }
    assert.ok(noisy > 0, 'some icons do differ by a few edge pixels (else the tolerance test below proves nothing)');
    assert.equal(isVisibleChange({ differing: 98, total: 65536, maxDelta: 64 }), false);
    assert.equal(isVisibleChange({ differing: 400, total: 65536, maxDelta: 60 }), true, 'a recoloured shape');
    assert.equal(isVisibleChange({ differing: 10, total: 65536, maxDelta: 200 }), true, 'a moved edge');
  });

  it('warns when the picture changes: a precision too coarse for a tiny viewBox', async () => {
    const svg = `<svg ${NS} viewBox="0 0 1 1"><path d="M0.12 0.12 L0.88 0.12 L0.5 0.73 Z" fill="black"/></svg>`;
    const r = await optimizeChecked(pool, svg, { floatPrecision: 0 });
    assert.ok(r.ok, !r.ok ? r.error : '');
    assert.ok(r.comparison.ok && r.comparison.differing > 1000, JSON.stringify(r.comparison));
    assert.match(pictureChangeWarning(r.comparison) ?? '', /draws differently: [\d,]+ of 65,536 pixels changed \([\d.]+%\) at 256×256/);
  });

  it('tells a changed aspect ratio and an unrenderable side apart', async () => {
    const wide = await pool.compare(`<svg ${NS} viewBox="0 0 20 10"/>`, `<svg ${NS} viewBox="0 0 10 10"/>`);
    assert.ok(wide.ok && wide.sizeChanged, JSON.stringify(wide));
    assert.match(pictureChangeWarning(wide) ?? '', /aspect ratio/);
    const broken = await pool.compare(`<svg ${NS} viewBox="0 0 1 1"/>`, 'not svg');
    assert.equal(broken.ok, false);
    assert.match(!broken.ok ? broken.error : '', /^the optimized SVG does not render/);
    assert.match(pictureChangeWarning(broken) ?? '', /could not be compared/);
  });

  it('formats bytes saved', () => {
    assert.equal(bytesSavedText(2000, 1500), '2,000 → 1,500 bytes (25.0% smaller)');
  });
});
