import * as assert from 'node:assert/strict';
import { prepareUpdate } from '../../../src/features/preview/sourceView';
import { isHostMessage } from '../../../src/shared/previewProtocol';

describe('preview update message', () => {
  const fields = { seq: 1, uri: 'file:///a.svg', version: 1, streaming: false };

  it('gives a sized root without a viewBox the viewBox its size implies, in the drawn copy only', () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="12"><rect width="4" height="4"/></svg>';
    const u = prepareUpdate(text, fields);
    assert.equal(u.message.svg, '<svg viewBox="0 0 24 12" xmlns="http://www.w3.org/2000/svg" width="24" height="12"><rect width="4" height="4"/></svg>');
    assert.equal(u.message.root?.viewBox, '0 0 24 12');
    assert.equal(text.slice(u.ranges[0].start, u.ranges[0].end), '<rect width="4" height="4"/>');
    assert.deepEqual(u.message.errors, []);
  });

  it('reports syntax errors with line numbers and a missing namespace for files', () => {
    const u = prepareUpdate('<svg>\n<g>\n</svg>', fields);
    assert.ok(u.message.errors.some((e) => /^Line \d+: /.test(e)), u.message.errors.join('|'));
    assert.ok(u.message.errors.some((e) => /no xmlns/.test(e)));
  });

  it('adds the namespace to model output instead of refusing it', () => {
    const u = prepareUpdate('<svg viewBox="0 0 4 4"><rect width="1" height="1"/></svg>', { ...fields, uri: '', version: -1 }, true);
    assert.equal(u.message.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="1" height="1"/></svg>');
    assert.deepEqual(u.message.errors, []);
  });

  it('sends a sprite\'s symbols as a gallery whose ids reveal each <symbol> in the source', () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg"><symbol id="a" viewBox="0 0 2 2"><rect width="2" height="2"/></symbol><symbol id="b" viewBox="0 0 4 4"><circle r="2"/></symbol></svg>';
    const u = prepareUpdate(text, fields);
    assert.deepEqual(u.message.symbols?.map((s) => s.name), ['a', 'b']);
    for (const s of u.message.symbols!) assert.ok(text.slice(u.ranges[s.id].start, u.ranges[s.id].end).startsWith(`<symbol id="${s.name}"`));
    assert.equal(isHostMessage(u.message), true);
    assert.equal(isHostMessage({ ...u.message, symbols: [{ id: -1, name: 'x', svg: '' }] }), false);
    // Not a sprite, and never for model output streaming in.
    assert.equal(prepareUpdate('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', fields).message.symbols, undefined);
    assert.equal(prepareUpdate(text, fields, true).message.symbols, undefined);
  });
});
