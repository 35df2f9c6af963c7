import * as assert from 'node:assert/strict';
import { prepareUpdate } from '../../../src/features/preview/sourceView';

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
});
