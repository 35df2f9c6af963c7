import assert from 'node:assert/strict';
import { Resvg } from '@resvg/resvg-js';
import { decodeSemanticTokens } from '../../../src/core/model/decodeSemanticTokens';
import { lookupSemanticToken, semanticTokenTable } from '../../../src/core/model/semanticTokens';
import { parseSvg } from '../../../src/core/svg/parse';

// Token strings marked "encoder:" are what LLM4SVG's encoder
// (llm4svg/data/semantic_tokens.py, svg2syntactic) wrote for the SVG quoted
// beside them; the real-icon fixtures are in llm4svgFixtures.test.ts.

/** Alpha of the pixel at user point (x, y) of the 128×128 canvas, rendered 1:1. */
function alphaAt(svg: string, x: number, y: number): number {
  const pixels = new Resvg(svg, { fitTo: { mode: 'width', value: 128 } }).render().pixels;
  return pixels[(y * 128 + x) * 4 + 3];
}

describe('model/decodeSemanticTokens', () => {
  it('reads the path-command words as relative commands, even when every step is positive', () => {
    // encoder: <path d="m10 10l20 0l0 20l-20 0z" fill="#f00"/>
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_path|>][<|path_d|>][<|moveto|>]10 10[<|lineto|>]20 0[<|lineto|>]0 20[<|lineto|>]-20 0[<|close_the_path|>][<|fill|>]#f00[<|END_OF_SVG|>]');
    assert.equal(d.truncated, false);
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><path fill="#f00" d="m10 10 l20 0 l0 20 l-20 0 z"/></svg>');
    // The square spans 10–30 on both axes: its inside is inked, a point beyond it is not.
    assert.equal(alphaAt(d.svg, 20, 20), 255);
    assert.equal(alphaAt(d.svg, 5, 25), 0);
  });

  it('draws the bracket forms the encoder leaves for absolute commands, mixed with the words in one path', () => {
    // encoder: <path d="M10 10l20 0L30 30h-20Z m40 0 h10 v10 H50z" fill="#123456"/>
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_path|>][<|path_d|>][M]10 10[<|lineto|>]20 0[L]30 30[<|horizontal_lineto|>]-20[Z][<|moveto|>]40 0[<|horizontal_lineto|>]10[<|vertical_lineto|>]10[H]50[<|close_the_path|>][<|fill|>]#123456[<|END_OF_SVG|>]');
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><path fill="#123456" d="M10 10 l20 0 L30 30 h-20 Z m40 0 h10 v10 H50 z"/></svg>');
    assert.equal(alphaAt(d.svg, 25, 20), 255);
    assert.equal(alphaAt(d.svg, 55, 15), 255);
  });

  it('ends shapes implicitly and knows every shape the encoder writes, with its raw leftovers', () => {
    // encoder: <text x="10" y="20" dx="2" font-size="12">Hi &lt;b&gt;</text><line x1="1" y1="2" x2="3" y2="4" stroke="#000"/><polygon points="1,2 3,4 5,0" fill="#00f"/>
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_text|>][<|x|>]10[<|y|>]20_dx_2[<|font-size|>]12[<|text-content|>]Hi <b>[<|svg_line|>][<|x1|>]1[<|y1|>]2[<|x2|>]3[<|y2|>]4[<|stroke|>]#000[<|svg_polygon|>][<|points|>]1,2 3,4 5,0[<|fill|>]#00f[<|END_OF_SVG|>]');
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><text x="10" y="20" dx="2" font-size="12">Hi &lt;b&gt;</text><line x1="1" y1="2" x2="3" y2="4" stroke="#000"/><polygon points="1,2 3,4 5,0" fill="#00f"/></svg>');
    assert.deepEqual(d.unknownTokens, []);
  });

  it('decodes gradients and their stops as the fill of the path they follow, without swallowing later shapes', () => {
    // encoder (include_gradient_tag=True): <defs><linearGradient id="a" x1="0" y1="0" x2="128" y2="0"
    // gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient>
    // <radialGradient id="b" cx="64" cy="64" r="30" xlink:href="#a"/></defs><path d="M10 10h50v50h-50z" fill="url(#a)"/>
    // <path d="M70 70h50v50h-50z" fill="url(#b)"/><circle cx="96" cy="30" r="20" fill="#0a0"/>
    const d = decodeSemanticTokens('[<|START_OF_SVG|>]<defs>[<|svg_path|>][<|path_d|>][M]10 10[<|horizontal_lineto|>]50[<|vertical_lineto|>]50[<|horizontal_lineto|>]-50[<|close_the_path|>][<|svg_linearGradient|>][<|tag_id|>]#a[<|x1|>]0[<|y1|>]0[<|x2|>]128[<|y2|>]0[<|svg_stop|>][<|offset|>]0 _stop-color_#f00 </stop>[<|svg_stop|>][<|offset|>]1 _stop-color_#00f </stop>[<|svg_path|>][<|path_d|>][M]70 70[<|horizontal_lineto|>]50[<|vertical_lineto|>]50[<|horizontal_lineto|>]-50[<|close_the_path|>][<|svg_radialGradient|>][<|tag_id|>]#b[<|cx|>]64[<|cy|>]64[<|r|>]30 _{http://www.w3.org/1999/xlink}href_#a[<|svg_linearGradient|>][<|tag_id|>]#a[<|x1|>]0[<|y1|>]0[<|x2|>]128[<|y2|>]0[<|svg_stop|>][<|offset|>]0 _stop-color_#f00 </stop>[<|svg_stop|>][<|offset|>]1 _stop-color_#00f </stop>[<|svg_circle|>][<|cx|>]96[<|cy|>]30[<|r|>]20[<|fill|>]#0a0[<|END_OF_SVG|>]');
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><defs>'
      + '<linearGradient id="a" x1="0" y1="0" x2="128" y2="0" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient>'
      + '<radialGradient id="b" cx="64" cy="64" r="30" href="#a" gradientUnits="userSpaceOnUse"/></defs>'
      + '<path fill="url(#a)" d="M10 10 h50 v50 h-50 z"/><path fill="url(#b)" d="M70 70 h50 v50 h-50 z"/><circle cx="96" cy="30" r="20" fill="#0a0"/></svg>');
    assert.deepEqual(d.unknownTokens, []);
    assert.deepEqual(d.ignored, ['<defs>']);
    // Both gradient fills and the later circle are drawn.
    assert.equal(alphaAt(d.svg, 30, 30), 255);
    assert.equal(alphaAt(d.svg, 100, 100), 255);
    assert.equal(alphaAt(d.svg, 96, 30), 255);
  });

  it('puts a group\'s raw attributes back on the group and applies its transform and opacity once', () => {
    // encoder: <g fill="#f00" stroke="#000" stroke-linejoin="round" transform="translate(10 0)" opacity="0.5">
    // <path d="M0 0h20v20h-20z"/><circle cx="50" cy="50" r="10"/><g stroke-width="3"><rect x="1" y="2" width="3" height="4"/></g></g>
    // <ellipse cx="5" cy="5" rx="2" ry="1"/>
    const d = decodeSemanticTokens(`[<|START_OF_SVG|>][<|start_of_g|>](_{'fill': '#f00', 'stroke': '#000', 'stroke-linejoin': 'round', 'transform': 'translate(10 0)', 'opacity': '0.5'}_)[<|svg_path|>][<|path_d|>][M]0 0[<|horizontal_lineto|>]20[<|vertical_lineto|>]20[<|horizontal_lineto|>]-20[<|close_the_path|>][<|fill|>]#f00[<|stroke|>]#000[<|opacity|>]0.5[<|svg_circle|>][<|cx|>]50[<|cy|>]50[<|r|>]10[<|fill|>]#f00[<|stroke|>]#000[<|transform|>]translate(10 0)[<|opacity|>]0.5[<|start_of_g|>](_{'fill': '#f00', 'stroke': '#000', 'stroke-linejoin': 'round', 'transform': 'translate(10 0)', 'opacity': '0.5', 'stroke-width': '3'}_)[<|svg_rect|>][<|x|>]1[<|y|>]2[<|width|>]3[<|height|>]4[<|fill|>]#f00[<|stroke|>]#000[<|transform|>]translate(10 0)[<|opacity|>]0.5[<|stroke-width|>]3[<|end_of_g|>][<|end_of_g|>][<|svg_ellipse|>][<|cx|>]5[<|cy|>]5[<|rx|>]2[<|ry|>]1[<|END_OF_SVG|>]`);
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">'
      + '<g fill="#f00" stroke="#000" stroke-linejoin="round" transform="translate(10 0)" opacity="0.5">'
      + '<path fill="#f00" stroke="#000" d="M0 0 h20 v20 h-20 z"/><circle cx="50" cy="50" r="10" fill="#f00" stroke="#000"/>'
      + '<g stroke-width="3"><rect x="1" y="2" width="3" height="4" fill="#f00" stroke="#000" stroke-width="3"/></g></g>'
      + '<ellipse cx="5" cy="5" rx="2" ry="1"/></svg>');
  });

  it('decodes what is complete from a stream cut mid-element and says what it left out', () => {
    const cut = decodeSemanticTokens('[<|START_OF_SVG|>][<|start_of_g|>][<|svg_circle|>][<|cx|>]64[<|cy|>]64[<|r|>]40[<|fill|>]#0a0[<|svg_path|>][<|path_d|>][M]10 10[<|lineto|>]20 0[<|lineto|>]0 2');
    assert.equal(cut.truncated, true);
    assert.equal(cut.droppedAtCut, 'path');
    assert.equal(cut.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><g><circle cx="64" cy="64" r="40" fill="#0a0"/></g></svg>');

    // A cut stop: the gradient keeps its complete stops and still fills its path.
    const stop = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_path|>][<|path_d|>][M]0 0[<|horizontal_lineto|>]9[<|vertical_lineto|>]9[<|close_the_path|>][<|svg_linearGradient|>][<|tag_id|>]#a[<|svg_stop|>][<|offset|>]0 _stop-color_#f00 </stop>[<|svg_stop|>][<|offset|>]1 _stop-co');
    assert.equal(stop.droppedAtCut, 'stop');
    assert.equal(stop.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><defs><linearGradient id="a"><stop offset="0" stop-color="#f00"/></linearGradient></defs><path fill="url(#a)" d="M0 0 h9 v9 z"/></svg>');

    // A gradient cut before any stop takes the path it fills with it.
    const grad = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_path|>][<|path_d|>][M]0 0[<|horizontal_lineto|>]9[<|vertical_lineto|>]9[<|close_the_path|>][<|svg_linearGradient|>][<|tag_id|>]#a[<|x1|>]0');
    assert.equal(grad.droppedAtCut, 'path');
    assert.equal(grad.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"/>');

    // Cut between elements: nothing is left out.
    const between = decodeSemanticTokens('[<|START_OF_SVG|>][<|start_of_g|>][<|svg_rect|>][<|width|>]10[<|height|>]20[<|end_of_g|>]');
    assert.equal(between.truncated, true);
    assert.equal(between.droppedAtCut, undefined);
    assert.equal(between.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><g><rect width="10" height="20"/></g></svg>');
  });

  it('reads a stream whose start and end markers the server left out (they are special tokens)', () => {
    const whole = decodeSemanticTokens('Here: [<|svg_circle|>][<|cx|>]64[<|cy|>]64[<|r|>]40[<|fill|>]red[<|svg_rect|>][<|width|>]4[<|height|>]4');
    assert.equal(whole.truncated, false);
    assert.equal(whole.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><circle cx="64" cy="64" r="40" fill="red"/><rect width="4" height="4"/></svg>');
    // Only a token cut in half shows such a stream was cut.
    const cut = decodeSemanticTokens('[<|svg_circle|>][<|cx|>]64[<|cy|>]64[<|r|>]40[<|fill|>]red[<|svg_rect|>][<|width|>]4[<|hei');
    assert.equal(cut.truncated, true);
    assert.equal(cut.droppedAtCut, 'rect');
    assert.equal(cut.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><circle cx="64" cy="64" r="40" fill="red"/></svg>');
  });

  it('skips unknown tokens and keeps only complete path commands', () => {
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_path|>][<|path_d|>][<|lineto|>]5 5[<|moveto|>]10 10[<|curveto|>]1 2 3 4 5 6 7 8[<|bogus|>]x[<|svg_rect|>][<|width|>]4[<|height|>]4[<|END_OF_SVG|>]');
    assert.deepEqual(d.unknownTokens, ['bogus']);
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><path d="m10 10 c1 2 3 4 5 6"/><rect width="4" height="4"/></svg>');
  });

  it('keeps hostile values inert: escaped, local references only, no attributes it does not know', () => {
    const d = decodeSemanticTokens(`[<|START_OF_SVG|>][<|start_of_g|>](_{'onload': 'alert(1)', 'style': 'x', 'fill': 'red'}_)[<|svg_text|>][<|text-content|>]a < b & "c"[<|svg_circle|>][<|r|>]1" onclick="x[<|svg_radialGradient|>][<|href|>]https://example.com/x.svg#a[<|END_OF_SVG|>]`);
    assert.deepEqual(parseSvg(d.svg).errors, []);
    assert.doesNotMatch(d.svg, /onload|onclick="|style=|example\.com/);
    assert.match(d.svg, /<g fill="red">/);
  });

  it('has a one-line description for every token of the released vocabulary, and for the bracket forms', () => {
    assert.equal(semanticTokenTable().size, 58);
    for (const [name, t] of semanticTokenTable()) {
      assert.ok(t.description.length > 5 && !t.description.includes('\n'), name);
    }
    assert.equal(lookupSemanticToken('[<|curveto|>]')?.value, 'c');
    assert.match(lookupSemanticToken('[<|curveto|>]')?.description ?? '', /cubic Bézier.*relative/i);
    assert.equal(lookupSemanticToken('[C]')?.value, 'C');
    assert.match(lookupSemanticToken('[C]')?.description ?? '', /absolute/);
    for (const word of ['tag_id', 'fr', 'fx', 'fy', 'rotate', 'href', 'gradientTransform', 'font-family']) assert.ok(lookupSemanticToken(`[<|${word}|>]`), word);
    assert.equal(lookupSemanticToken('[<|moveto_abs|>]'), undefined);
    assert.equal(lookupSemanticToken('[<|nope|>]'), undefined);
  });
});
