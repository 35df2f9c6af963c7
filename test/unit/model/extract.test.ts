import assert from 'node:assert/strict';
import { extractSvg } from '../../../src/core/model/extract';
import { parseSvg } from '../../../src/core/svg/parse';

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#000" d="M10 10 L190 10 L100 190 Z"/></svg>';

function wellFormed(svg: string | undefined): void {
  assert.ok(svg, 'expected an SVG');
  const doc = parseSvg(svg);
  assert.deepEqual(doc.errors, []);
  assert.equal(doc.root?.name, 'svg');
}

describe('model/extract', () => {
  it('takes a bare <svg> as is', () => {
    const x = extractSvg(ICON);
    assert.equal(x.svg, ICON);
    assert.equal(x.source, 'bare');
    assert.deepEqual(x.repairs, []);
    assert.equal(x.rationale, undefined);
    assert.equal(x.truncated, false);
  });

  it('finds the SVG in a ```svg fence with prose around, keeping the prose as rationale', () => {
    const x = extractSvg(`Here is a triangle icon: three points, solid fill.\n\n\`\`\`svg\n${ICON}\n\`\`\`\n\nLet me know if you want changes.`);
    assert.equal(x.svg, ICON);
    assert.equal(x.source, 'fence');
    assert.equal(x.rationale, 'Here is a triangle icon: three points, solid fill.');
  });

  it('reads ```xml fences and skips fences without SVG', () => {
    const x = extractSvg(`\`\`\`json\n{"a": 1}\n\`\`\`\n\`\`\`xml\n<?xml version="1.0"?>\n${ICON}\n\`\`\``);
    assert.equal(x.svg, ICON);
    assert.equal(x.source, 'fence');
  });

  it('keeps a <think> rationale and extracts what follows', () => {
    const x = extractSvg(`<think>A triangle pointing down reads as "play" rotated.</think>\n${ICON}`);
    assert.equal(x.rationale, 'A triangle pointing down reads as "play" rotated.');
    assert.equal(x.svg, ICON);
  });

  it('reports an answer cut inside <think> as having no SVG', () => {
    const x = extractSvg('<think>Still pondering the shape of');
    assert.equal(x.svg, undefined);
    assert.match(x.error ?? '', /reasoning/);
    assert.equal(x.rationale, 'Still pondering the shape of');
  });

  it('repairs a stream cut mid-attribute by dropping the partial tag and closing open elements', () => {
    const cut = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><g fill="red"><path d="M0 0 L10 10 Z"/><path d="M5 5 L';
    const x = extractSvg(cut);
    wellFormed(x.svg);
    assert.equal(x.truncated, true);
    assert.equal(x.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><g fill="red"><path d="M0 0 L10 10 Z"/></g></svg>');
    assert.ok(x.repairs.some((r) => /closed 2 open elements/.test(r)), x.repairs.join());
  });

  it('repairs a stream cut inside a comment and inside an entity', () => {
    wellFormed(extractSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/><!-- a <b> note').svg);
    wellFormed(extractSvg('<svg xmlns="http://www.w3.org/2000/svg"><text>a &am').svg);
  });

  it('adds the SVG namespace models often leave out', () => {
    const x = extractSvg('<svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg>');
    assert.equal(x.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>');
    assert.ok(x.repairs.includes('added the SVG namespace'));
  });

  it('gives a clear error, and keeps the broken text for the refiner, when the SVG is malformed', () => {
    const broken = '<svg xmlns="http://www.w3.org/2000/svg"><g></rect></svg>';
    const x = extractSvg(`Sure:\n${broken}`);
    assert.equal(x.svg, undefined);
    assert.equal(x.raw, broken);
    assert.match(x.error ?? '', /not well-formed.*line 1/);
  });

  it('says so when there is no SVG at all', () => {
    const x = extractSvg('I cannot draw that, sorry.');
    assert.equal(x.svg, undefined);
    assert.equal(x.source, 'none');
    assert.match(x.error ?? '', /no SVG/);
  });

  it('decodes semantic tokens, with prose before them as rationale', () => {
    const x = extractSvg('A red dot.\n[<|START_OF_SVG|>][<|svg_circle|>][<|cx|>]64[<|cy|>]64[<|r|>]40[<|fill|>]red[<|END_OF_SVG|>]');
    assert.equal(x.source, 'tokens');
    assert.equal(x.rationale, 'A red dot.');
    assert.equal(x.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><circle cx="64" cy="64" r="40" fill="red"/></svg>');
  });

  it('finds a token stream whose start marker the server left out, with the prose before it as rationale', () => {
    const x = extractSvg('A red dot.\n[<|svg_circle|>][<|cx|>]64[<|cy|>]64[<|r|>]40[<|fill|>]red');
    assert.equal(x.source, 'tokens');
    assert.equal(x.rationale, 'A red dot.');
    assert.equal(x.truncated, false);
    assert.equal(x.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><circle cx="64" cy="64" r="40" fill="red"/></svg>');
  });

  it('says a cut token stream was truncated and what unfinished element it left out', () => {
    const x = extractSvg('[<|START_OF_SVG|>][<|svg_circle|>][<|cx|>]64[<|cy|>]64[<|r|>]40[<|fill|>]red[<|svg_path|>][<|path_d|>][<|moveto|>]1 2[<|lineto|>]3');
    assert.equal(x.truncated, true);
    assert.equal(x.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><circle cx="64" cy="64" r="40" fill="red"/></svg>');
    assert.deepEqual(x.repairs, ['the token stream was cut before its end; left out the unfinished <path>']);
  });

  it('never returns text after the SVG or a stray fence', () => {
    const x = extractSvg(`\`\`\`svg\n${ICON}`);
    assert.equal(x.svg, ICON);
    const y = extractSvg(`${ICON}\nHope this helps! </svg> is the end tag.`);
    wellFormed(y.svg);
  });
});
