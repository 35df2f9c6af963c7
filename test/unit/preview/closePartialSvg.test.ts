import * as assert from 'node:assert/strict';
import { closePartialSvg } from '../../../src/features/preview/closePartialSvg';
import { parseSvg } from '../../../src/core/svg/parse';

const wellFormed = (text: string): boolean => {
  const doc = parseSvg(text);
  return doc.errors.length === 0 && doc.root?.name === 'svg';
};

describe('closePartialSvg', () => {
  it('returns undefined until an <svg> starts', () => {
    assert.equal(closePartialSvg(''), undefined);
    assert.equal(closePartialSvg('Here is your icon:\n```xml\n'), undefined);
    assert.equal(closePartialSvg('<sv'), undefined);
  });

  it('drops text before the document and closes open elements', () => {
    assert.equal(closePartialSvg('```xml\n<svg viewBox="0 0 24 24"><g><rect x="1"/>'), '<svg viewBox="0 0 24 24"><g><rect x="1"/></g></svg>');
  });

  it('cuts a tag, attribute, comment, CDATA or entity that was cut off', () => {
    assert.equal(closePartialSvg('<svg><path d="M0 0 L'), '<svg></svg>');
    assert.equal(closePartialSvg('<svg><g><circ'), '<svg><g></g></svg>');
    assert.equal(closePartialSvg('<svg><!-- a comm'), '<svg></svg>');
    assert.equal(closePartialSvg('<svg><style><![CDATA[ .a{fill:'), '<svg><style></style></svg>');
    assert.equal(closePartialSvg('<svg><text>a &am'), '<svg><text>a </text></svg>');
    assert.equal(closePartialSvg('<svg><g></'), '<svg><g></g></svg>');
  });

  it('keeps quoted ">" inside attribute values and matched end tags', () => {
    assert.equal(closePartialSvg('<svg><text title="a>b">x</text><g>'), '<svg><text title="a>b">x</text><g></g></svg>');
  });

  it('leaves a complete document unchanged', () => {
    const done = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
    assert.equal(closePartialSvg(done), done);
  });

  it('yields a well-formed document for every prefix of a real icon', () => {
    const icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><!-- c --><g fill="none" stroke="#000"><path d="M3 3h18v18H3z"/><text x="4" y="12">A &amp; B</text></g><circle cx="12" cy="12" r="4"/></svg>';
    assert.equal(closePartialSvg(icon.slice(0, icon.indexOf('>'))), undefined, 'nothing until the root tag is complete');
    for (let n = icon.indexOf('>') + 1; n <= icon.length; n++) {
      const closed = closePartialSvg(icon.slice(0, n));
      assert.ok(closed !== undefined && wellFormed(closed), `prefix ${n}: ${closed}`);
    }
  });
});
