import * as assert from 'node:assert/strict';
import { findDefinition, findReferences, indexIds, invalidIdReason, prepareRenameId, renameId } from '../../../src/core/language';
import { apply, at, inHost } from './cursor';

const SAMPLE = [
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
  '<style>#sky { opacity: .9 } .a #sky, rect { fill: url(#sky) } @media (min-width: 1px) { #sky { stroke: #fff } }</style>',
  '<defs><linearGradient id="sky"><stop offset="0" stop-color="#fff"/></linearGradient>',
  '<linearGradient id="sky2" href="#sky"/></defs>',
  '<rect fill="url(#sky)" stroke="url(\'#sky\') red" style="fill: url(#sky)"/>',
  '<use xlink:href="#sky"/>',
  '<animate id="fade" begin="sky.end; fade.begin+1s; 2s"/>',
  '<text>#sky url(#sky)</text>',
  '</svg>',
].join('\n');

describe('language: ids', () => {
  it('finds every kind of reference, and not text that merely looks like one', () => {
    const { region } = at(SAMPLE);
    const index = indexIds(region);
    const kinds = index.references.filter((r) => r.id === 'sky').map((r) => r.kind);
    assert.deepEqual(kinds, ['selector', 'selector', 'url', 'selector', 'href', 'url', 'url', 'url', 'href', 'timing']);
    for (const r of index.references) assert.equal(SAMPLE.slice(r.range.start, r.range.end).replace(/\\/g, ''), r.id);
    assert.equal(index.definitions.get('sky')!.length, 1);
    assert.ok(!index.references.some((r) => r.id === 'fff'), '#fff in a declaration is a colour');
  });

  it('goes to the definition from url(#id), href, a timing value and a CSS selector', () => {
    const { region } = at(SAMPLE);
    const def = SAMPLE.indexOf('id="sky"') + 4;
    for (const from of ['fill="url(#sky)"', 'xlink:href="#sky"', 'begin="sky', '<style>#sky']) {
      const offset = SAMPLE.indexOf(from) + from.indexOf('sky') + 1;
      assert.deepEqual(findDefinition(region, offset), { start: def, end: def + 3 }, from);
    }
  });

  it('lists references with and without the definition', () => {
    const { region } = at(SAMPLE);
    const offset = SAMPLE.indexOf('id="sky"') + 5;
    assert.equal(findReferences(region, offset, false).length, 10);
    assert.equal(findReferences(region, offset, true).length, 11);
  });

  it('renames an id and every reference to it, and nothing else', () => {
    const { region } = at(SAMPLE);
    const offset = SAMPLE.indexOf('url(#sky)') + 6;
    const prepared = prepareRenameId(region, offset);
    assert.ok('placeholder' in prepared && prepared.placeholder === 'sky');
    const result = renameId(region, offset, 'dawn');
    assert.ok('edits' in result);
    const renamed = apply(SAMPLE, result.edits);
    assert.equal(renamed, [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
      '<style>#dawn { opacity: .9 } .a #dawn, rect { fill: url(#dawn) } @media (min-width: 1px) { #dawn { stroke: #fff } }</style>',
      '<defs><linearGradient id="dawn"><stop offset="0" stop-color="#fff"/></linearGradient>',
      '<linearGradient id="sky2" href="#dawn"/></defs>',
      '<rect fill="url(#dawn)" stroke="url(\'#dawn\') red" style="fill: url(#dawn)"/>',
      '<use xlink:href="#dawn"/>',
      '<animate id="fade" begin="dawn.end; fade.begin+1s; 2s"/>',
      '<text>#sky url(#sky)</text>',
      '</svg>',
    ].join('\n'));
    assert.ok(renamed.includes('id="sky2"') && renamed.includes('<text>#sky url(#sky)</text>'));
    assert.equal(indexIds(at(renamed).region).references.filter((r) => r.id === 'dawn').length, 10);
  });

  it('escapes the new id where CSS and SMIL need it', () => {
    const text = '<svg><style>#a{fill:red}</style><rect id="a"/><set begin="a.end"/></svg>';
    const { region } = at(text);
    const result = renameId(region, text.indexOf('id="a"') + 4, 'b.c');
    assert.ok('edits' in result);
    assert.equal(apply(text, result.edits), '<svg><style>#b\\.c{fill:red}</style><rect id="b.c"/><set begin="b\\.c.end"/></svg>');
  });

  it('refuses a duplicate or invalid id with a clear message', () => {
    const { region } = at(SAMPLE);
    const offset = SAMPLE.indexOf('id="sky"') + 5;
    assert.deepEqual(renameId(region, offset, 'sky2'), { error: 'Another element already has the id "sky2"; ids must be unique.' });
    const invalid = renameId(region, offset, '1st');
    assert.ok('error' in invalid && /not a valid id/.test(invalid.error));
    assert.ok('error' in renameId(region, offset, 'a b'));
    assert.ok('error' in renameId(region, offset, 'a:b'));
    assert.equal(invalidIdReason('_x-1.2'), undefined);
    assert.equal(invalidIdReason('été'), undefined);
    const nothing = prepareRenameId(region, SAMPLE.indexOf('<rect') + 2);
    assert.ok('error' in nothing && /put the cursor on an id/.test(nothing.error));
    const broken = at('<svg><rect fill="url(#nowhere)"/></svg>');
    const noDef = prepareRenameId(broken.region, broken.text.indexOf('nowhere') + 1);
    assert.ok('error' in noDef && /No element has the id "nowhere"/.test(noDef.error));
  });

  it('works in a region of a host text and stays inside it', () => {
    const { text, region } = inHost('<p id="g">x</p><svg><rect id="g" fill="url(#g)"/></svg><a href="#g"></a>');
    const result = renameId(region, text.indexOf('url(#g)') + 5, 'h');
    assert.ok('edits' in result);
    assert.equal(apply(text, result.edits), '<p id="g">x</p><svg><rect id="h" fill="url(#h)"/></svg><a href="#g"></a>');
  });
});
