import * as assert from 'node:assert/strict';
import { checkColor, checkPaint } from '../../../src/core/lint/values/color';
import { checkLength } from '../../../src/core/lint/values/length';
import { checkTransform } from '../../../src/core/lint/values/transform';
import { isViewBox, parseViewBox } from '../../../src/core/lint/values/viewBox';
import { scanPrecision } from '../../../src/core/lint/values/precision';
import { parseStyle } from '../../../src/core/lint/values/style';
import { scanUrls } from '../../../src/core/lint/values/urlRefs';
import { parsePathData } from '../../../src/core/svg/path';

describe('lint value checkers', () => {
  it('paint accepts every CSS color form browsers draw', () => {
    for (const v of ['none', 'red', 'RebeccaPurple', 'currentColor', 'transparent', '#abc', '#abcd', '#aabbcc', '#aabbccdd',
      'rgb(1, 2, 3)', 'rgba(1 2 3 / 50%)', 'hsl(120deg 50% 50%)', 'oklch(0.7 0.1 200)', 'color(display-p3 1 0 0)',
      'url(#g)', 'url(#g) red', "url('#g') none", 'context-stroke', 'var(--c)', '#CD853F icc-color(acmecmyk, 0.11, 0.48, 0.83, 0.00)', ' inherit ']) {
      assert.equal(checkPaint(v), undefined, v);
    }
  });

  it('color problems point at the offending part', () => {
    assert.deepEqual(checkColor('#12345'), { message: 'hex color "#12345" needs 3, 4, 6 or 8 digits, has 5', start: 0, end: 6 });
    assert.equal(checkColor('rgb(1,2,3')?.start, 0);
    assert.deepEqual(pick(checkPaint('red blue')), [4, 8]);
    assert.deepEqual(pick(checkPaint('ultraviolet')), [0, 11]);
    assert.deepEqual(pick(checkPaint('hsv(1,2,3)')), [0, 3]);
    assert.ok(checkColor('none'), 'none is a paint, not a color');
  });

  it('lengths accept units, keywords and lists; reject the rest at the right place', () => {
    for (const v of ['0', '1.5', '-2e3', '10px', '2em', '50%', '1e-3mm', ' 4 ', 'calc(1px + 2%)', 'inherit']) assert.equal(checkLength(v), undefined, v);
    assert.equal(checkLength('auto', { keywords: ['auto'] }), undefined);
    assert.equal(checkLength('1 2,3 -4', { list: true }), undefined);
    assert.deepEqual(pick(checkLength('10 px')), [3, 5]);
    assert.deepEqual(pick(checkLength('12qq')), [2, 4]);
    assert.deepEqual(pick(checkLength('-1', { nonNegative: true })), [0, 2]);
    assert.deepEqual(pick(checkLength('abc')), [0, 3]);
    assert.deepEqual(pick(checkLength('')), [0, 0]);
  });

  it('transforms accept SVG and CSS syntax and report bad functions, numbers and counts', () => {
    for (const v of ['', 'none', 'translate(1)', 'translate(1,2) scale(2)', 'rotate(45 12 12)', 'matrix(1,0,0,1,0,0)', 'rotate(45deg)', 'skewX(-1e-2)', 'translate(1 2),scale(3)']) {
      assert.equal(checkTransform(v), undefined, v);
    }
    assert.deepEqual(pick(checkTransform('rotate(1 2)')), [0, 11]);
    assert.deepEqual(pick(checkTransform('translate(1 2')), [0, 13]);
    assert.deepEqual(pick(checkTransform('translate (1) 5')), [14, 15]);
    assert.deepEqual(pick(checkTransform('scale(a)')), [6, 7]);
  });

  it('viewBox: four numbers with a positive size', () => {
    assert.deepEqual(parseViewBox('0,0,24,24'), { x: 0, y: 0, width: 24, height: 24 });
    assert.deepEqual(parseViewBox(' -1 -1 2 2 '), { x: -1, y: -1, width: 2, height: 2 });
    const zero = parseViewBox('0 0 0 24');
    assert.ok(!isViewBox(zero) && zero.start === 4);
    assert.ok(!isViewBox(parseViewBox('0 0 24 24 1')));
  });

  it('rounding keeps path data meaning (arc flags, compact numbers, merges)', () => {
    const cases: Array<[string, string]> = [
      ['M1.23456.5', 'M1.235.5'],
      ['M1.99999.5', 'M2 .5'],
      ['M1.5.1234567', 'M1.5.123'],
      ['a1 1 0 01.23456 2', 'a1 1 0 01.235 2'],
      ['M0 0a1.00001 1 0 1 1 2.5 0', 'M0 0a1 1 0 1 1 2.5 0'],
      ['M-0.00001-5', 'M0-5'],
      ['M1 1e-7', 'M1 0'],
    ];
    for (const [input, expected] of cases) {
      const { rounded } = scanPrecision(input, 3, true);
      assert.equal(rounded, expected, input);
      const before = parsePathData(input).segments.map((s) => [s.type, Math.round(s.to.x * 1000) || 0, Math.round(s.to.y * 1000) || 0]);
      const after = parsePathData(rounded!).segments.map((s) => [s.type, Math.round(s.to.x * 1000) || 0, Math.round(s.to.y * 1000) || 0]);
      assert.deepEqual(after, before, `${input} → ${rounded}`);
    }
    assert.equal(scanPrecision('M1.123 2', 3, true).excessive, 0);
    assert.equal(scanPrecision('translate(1.00004 2)', 4, false).rounded, 'translate(1 2)');
  });

  it('style declarations split on semicolons outside quotes and parentheses', () => {
    assert.deepEqual(parseStyle('fill: red; stroke:url("a;b") ! important;;bad').map((d) => [d.name, d.value]), [['fill', 'red'], ['stroke', 'url("a;b")']]);
  });

  it('url() scanning finds quoted and unquoted targets with offsets', () => {
    const s = "url(#a) , URL( '#b c' )";
    assert.deepEqual(scanUrls(s).map((u) => [u.target, s.slice(u.start, u.end)]), [['#a', '#a'], ['#b c', '#b c']]);
  });
});

function pick(p: { start: number; end: number } | undefined): [number, number] | undefined {
  return p && [p.start, p.end];
}
