import * as assert from 'node:assert/strict';
import { parseSvg } from '../../../src/core/svg/parse';
import { allElements, attributeValue, elementAt, elementPath, findAt, forEachElement, getAttribute } from '../../../src/core/svg/query';

describe('svg queries', () => {
  const text = '<svg viewBox="0 0 10 10"><g><path d="M0 0"/><path d="M1 1" fill="red"/></g><g/></svg>';
  const doc = parseSvg(text);

  it('iterates all elements in document order', () => {
    assert.deepEqual([...allElements(doc)].map((e) => e.name), ['svg', 'g', 'path', 'path', 'g']);
    const names: string[] = [];
    forEachElement(doc, (e) => names.push(e.name));
    assert.deepEqual(names, ['svg', 'g', 'path', 'path', 'g']);
  });

  it('finds the innermost element and the attribute at an offset', () => {
    const at = findAt(doc, text.indexOf('M1 1') + 1);
    assert.equal(at.element?.name, 'path');
    assert.equal(at.attribute?.name, 'd');
    assert.equal(at.attribute?.value, 'M1 1');
    assert.equal(findAt(doc, text.indexOf('fill')).attribute?.name, 'fill');
    assert.equal(elementAt(doc, text.indexOf('<g>') + 1)?.name, 'g');
    assert.equal(findAt(doc, text.indexOf('<g>') + 1).attribute, undefined);
    assert.equal(elementAt(doc, text.length), undefined);
  });

  it('finds the attribute being typed at the end of a cut document', () => {
    const partial = '<svg><path d="M0 0 L1';
    const at = findAt(parseSvg(partial), partial.length);
    assert.equal(at.element?.name, 'path');
    assert.equal(at.attribute?.name, 'd');
  });

  it('reads attributes by name', () => {
    const path = [...allElements(doc)][3];
    assert.equal(getAttribute(path, 'fill')?.value, 'red');
    assert.equal(attributeValue(path, 'stroke'), undefined);
  });

  it('names an element by its path from the root, indexing same-named siblings', () => {
    const els = [...allElements(doc)];
    assert.equal(elementPath(els[0]), '/svg');
    assert.equal(elementPath(els[1]), '/svg/g[1]');
    assert.equal(elementPath(els[3]), '/svg/g[1]/path[2]');
  });

  it('walks 150,000 levels without recursion', function () {
    this.timeout(60_000);
    const deep = parseSvg('<svg>' + '<g>'.repeat(150_000) + '<path d="M0 0"/>' + '</g>'.repeat(150_000) + '</svg>');
    let n = 0;
    forEachElement(deep, () => n++);
    assert.equal(n, 150_002);
    const src = deep.text;
    assert.equal(elementAt(deep, src.indexOf('M0 0'))?.name, 'path');
  });
});
