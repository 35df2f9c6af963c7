import assert from 'node:assert/strict';
import { decodeSemanticTokens } from '../../../src/core/model/decodeSemanticTokens';
import { lookupSemanticToken, semanticTokenTable } from '../../../src/core/model/semanticTokens';
import { parseSvg } from '../../../src/core/svg/parse';

describe('model/decodeSemanticTokens', () => {
  it('decodes the paper spelling: implicit shape ends, path commands, 128×128 canvas', () => {
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_path|>][<|fill|>]#FF0000[<|path_d|>][<|moveto|>]10.5 20.3[<|lineto|>]30 40[<|close_the_path|>][<|svg_circle|>][<|cx|>]50[<|cy|>]50[<|r|>]40[<|END_OF_SVG|>]');
    assert.equal(d.truncated, false);
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><path fill="#FF0000" d="M10.5 20.3 L30 40 Z"/><circle cx="50" cy="50" r="40"/></svg>');
  });

  it('writes unsuffixed commands relative when the path uses negative offsets', () => {
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_path|>][<|path_d|>][<|moveto|>]79.3 120[<|curveto|>]0 2.21 -6.85 4 -15.3 4[<|close_the_path|>][<|END_OF_SVG|>]');
    assert.match(d.svg, /d="M79.3 120 c0 2.21 -6.85 4 -15.3 4 Z"/);
  });

  it('decodes the syntactic spelling with explicit ends, groups and _abs/_rel commands', () => {
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|viewBox=|>]0 0 24 24[<|START_OF_GROUP|>][<|fill=|>]none[<|path|>][<|d=|>][<|moveto_abs|>]1 2[<|lineto_rel|>]3 4[<|close_path|>][<|/path|>][<|END_OF_GROUP|>][<|rect|>][<|width=|>]5[<|height=|>]6[<|/rect|>][<|END_OF_SVG|>]');
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g fill="none"><path d="M1 2 l3 4 Z"/></g><rect width="5" height="6"/></svg>');
  });

  it('closes a cut token stream and skips unknown tokens', () => {
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|start_of_g|>][<|svg_rect|>][<|width|>]10[<|bogus|>]x[<|height|>]20');
    assert.equal(d.truncated, true);
    assert.deepEqual(d.unknownTokens, ['bogus']);
    assert.equal(d.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><g><rect width="10" height="20"/></g></svg>');
  });

  it('escapes values so decoded output is always well-formed', () => {
    const d = decodeSemanticTokens('[<|START_OF_SVG|>][<|svg_text|>][<|text-content|>]a < b & "c"[<|END_OF_SVG|>]');
    assert.deepEqual(parseSvg(d.svg).errors, []);
  });

  it('has a one-line description for every token', () => {
    assert.ok(semanticTokenTable().size > 100);
    for (const [name, t] of semanticTokenTable()) {
      assert.ok(t.description.length > 5 && !t.description.includes('\n'), name);
    }
    assert.match(lookupSemanticToken('[<|curveto|>]')?.description ?? '', /cubic Bézier/i);
    assert.equal(lookupSemanticToken('[<|nope|>]'), undefined);
  });
});
