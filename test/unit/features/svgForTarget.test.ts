import * as assert from 'node:assert/strict';
import { svgForTarget, toJsx } from '../../../src/features/generate/svgForTarget';
import { splitSuggestions } from '../../../src/features/model/splitSuggestions';

const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" class="icon"><!-- a dot --><circle cx="12" cy="12" r="4" stroke-width="2" fill-rule="evenodd" style="stroke-linecap: round; opacity:0.5"/><use xlink:href="#a" data-id="x" aria-hidden="true"/></svg>';

describe('generate: inserting into other languages', () => {
  it('an .svg target gets the document exactly as generated', () => {
    assert.equal(svgForTarget(SVG, 'svg'), SVG);
  });

  it('HTML, Markdown and Vue get it inline, without the XML prolog', () => {
    for (const lang of ['html', 'markdown', 'vue']) {
      const out = svgForTarget(SVG, lang);
      assert.ok(out.startsWith('<svg xmlns='), `${lang}: ${out.slice(0, 40)}`);
      assert.ok(out.includes('stroke-width="2"'), 'markup attributes stay as written');
    }
  });

  it('JSX/TSX get React attribute names, a style object and JSX comments; data-/aria- stay', () => {
    const out = svgForTarget(SVG, 'typescriptreact');
    assert.ok(!out.includes('<?xml'));
    assert.match(out, /className="icon"/);
    assert.match(out, /strokeWidth="2"/);
    assert.match(out, /fillRule="evenodd"/);
    assert.match(out, /style=\{\{ strokeLinecap: "round", opacity: "0.5" \}\}/);
    assert.match(out, /xlinkHref="#a"/);
    assert.match(out, /data-id="x"/);
    assert.match(out, /aria-hidden="true"/);
    assert.match(out, /\{\/\* a dot \*\/\}/);
    assert.match(out, /<circle [^>]* \/>/, 'self-closing tags stay self-closing');
  });

  it('toJsx leaves text content alone', () => {
    assert.equal(toJsx('<text font-size="3">stroke-width is text</text>'), '<text fontSize="3">stroke-width is text</text>');
  });
});

describe('critique: suggestions', () => {
  it('splits numbered lines, inline numbering and bullets; keeps one affirmative line whole', () => {
    assert.deepEqual(splitSuggestions('1. Make the roof red.\n2. Add a door.'), ['Make the roof red.', 'Add a door.']);
    assert.deepEqual(splitSuggestions('1. Thicker stroke. 2. Center the circle. 3) Remove the grey fill.'), ['Thicker stroke.', 'Center the circle.', 'Remove the grey fill.']);
    assert.deepEqual(splitSuggestions('- one\n* two'), ['one', 'two']);
    assert.deepEqual(splitSuggestions('No changes are needed; the icon matches the description.'), ['No changes are needed; the icon matches the description.']);
    assert.deepEqual(splitSuggestions('  \n'), []);
  });
});
