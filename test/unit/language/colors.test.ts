import * as assert from 'node:assert/strict';
import { colorPresentations, documentColors, parseColorAt } from '../../../src/core/language';
import { at, inHost } from './cursor';

const hex = (c: { red: number; green: number; blue: number; alpha: number }): string =>
  [c.red, c.green, c.blue, c.alpha].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('');

describe('language: colours', () => {
  it('parses hex, rgb(a), hsl(a) and named colours', () => {
    assert.equal(hex(parseColorAt('#f00')!.color), 'ff0000ff');
    assert.equal(hex(parseColorAt('#ff000080')!.color), 'ff000080');
    assert.equal(hex(parseColorAt('rgb(0, 128, 255)')!.color), '0080ffff');
    assert.equal(hex(parseColorAt('rgba(0,0,0,0.5)')!.color), '00000080');
    assert.equal(hex(parseColorAt('rgb(100% 0% 0% / 50%)')!.color), 'ff000080');
    assert.equal(hex(parseColorAt('hsl(120, 100%, 50%)')!.color), '00ff00ff');
    assert.equal(hex(parseColorAt('hsla(240deg 100% 50% / .25)')!.color), '0000ff40');
    assert.equal(hex(parseColorAt('RebeccaPurple')!.color), '663399ff');
    assert.equal(parseColorAt('#ff'), undefined);
    assert.equal(parseColorAt('notacolor'), undefined);
    assert.equal(parseColorAt('rgb(1,2)'), undefined);
  });

  it('finds colours in colour attributes, style attributes and style sheets, and nowhere else', () => {
    const text = [
      '<svg><style>.a { fill: #abc; font-family: red } #x{stroke:hsl(0,100%,50%)}</style>',
      '<rect fill="red" stroke="url(#g) #00ff00" stop-color="rgb(0,0,255)" flood-color="#123456" lighting-color="white" color="navy"',
      ' style="fill: rgba(1,2,3,0.5); font-family: blue" class="red" id="tan"/>',
      '<text>red #fff</text></svg>',
    ].join('');
    const colors = documentColors(at(text).region).map((c) => text.slice(c.range.start, c.range.end));
    assert.deepEqual(colors, ['#abc', 'hsl(0,100%,50%)', 'red', '#00ff00', 'rgb(0,0,255)', '#123456', 'white', 'navy', 'rgba(1,2,3,0.5)']);
  });

  it('writes the new colour in the notation of the value edited', () => {
    const text = '<svg><rect fill="#ABC" stroke="rgb(10, 20, 30)" stop-color="hsl(0 100% 50%)" color="red" flood-color="#aabbcc"/></svg>';
    const { region } = at(text);
    const colors = documentColors(region);
    const first = (i: number, c: { red: number; green: number; blue: number; alpha: number }): string => colorPresentations(region, c, colors[i].range)[0].label;
    const blue = { red: 0, green: 0, blue: 1, alpha: 1 };
    assert.equal(first(0, { red: 1, green: 0x22 / 255, blue: 0x33 / 255, alpha: 1 }), '#F23', 'short, upper-case hex stays so');
    assert.equal(first(0, { red: 0x12 / 255, green: 0x34 / 255, blue: 0x56 / 255, alpha: 1 }), '#123456');
    assert.equal(first(1, blue), 'rgb(0, 0, 255)');
    assert.equal(first(1, { ...blue, alpha: 0.5 }), 'rgba(0, 0, 255, 0.5)');
    assert.equal(first(2, blue), 'hsl(240 100% 50%)');
    assert.equal(first(3, blue), 'blue', 'a name when the colour has one');
    assert.equal(first(3, { red: 0.1, green: 0.2, blue: 0.3, alpha: 1 }), '#1a334d', 'else the file\'s usual notation');
    const all = colorPresentations(region, blue, colors[4].range).map((p) => p.label);
    assert.deepEqual(all, ['#0000ff', 'rgb(0, 0, 255)', 'hsl(240, 100%, 50%)', 'blue']);
    assert.deepEqual(colorPresentations(region, blue, colors[4].range)[0].textEdit, { range: colors[4].range, newText: '#0000ff' });
  });

  it('works on a region with host offsets', () => {
    const { text, region } = inHost('<p style="color: red">x</p><svg><circle fill="#f00"/></svg>');
    const colors = documentColors(region);
    assert.equal(colors.length, 1);
    assert.equal(text.slice(colors[0].range.start, colors[0].range.end), '#f00');
  });
});
