import * as assert from 'node:assert/strict';
import { isHostMessage, isWebviewMessage, sanitizePreviewState } from '../../../src/shared/previewProtocol';

describe('preview protocol', () => {
  it('accepts well-formed messages both ways', () => {
    assert.ok(isHostMessage({ type: 'update', seq: 1, uri: 'file:///a.svg', version: 3, svg: '<svg/>', root: null, elements: [{ id: 0, parent: -1, name: 'rect', attrs: [['x', '1']] }], errors: [], streaming: false }));
    assert.ok(isHostMessage({ type: 'critique', critique: { score: 7, suggestions: ['a'] } }));
    assert.ok(isHostMessage({ type: 'candidates', candidates: [{ index: 0, svg: '<svg/>' }] }));
    assert.ok(isWebviewMessage({ type: 'rendered', seq: 1, version: 3, ok: true, zoom: 2, panX: 0, panY: 0 }));
    assert.ok(isWebviewMessage({ type: 'exportPng', size: 512 }));
  });

  it('rejects unknown types, wrong field types and out-of-range values', () => {
    for (const m of [null, 'ready', [], { type: 'pwned' }, { type: 'update', seq: '1' }, { type: 'highlight', id: 1.5 }, { type: 'critique', critique: { suggestions: [1] } }, { type: 'zoom', action: 'spin' }]) {
      assert.equal(isHostMessage(m), false, JSON.stringify(m));
    }
    for (const m of [{ type: 'reveal', seq: 1, id: -1 }, { type: 'exportPng', size: 0 }, { type: 'exportPng', size: 1e9 }, { type: 'rendered', seq: 1, version: 1, ok: 'yes', zoom: 1, panX: 0, panY: 0 }, { type: 'chooseCandidate', index: NaN }]) {
      assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
    }
  });

  it('keeps only valid fields of restored state', () => {
    assert.deepEqual(sanitizePreviewState({ uri: 'file:///a.svg', zoom: -1, panX: 3, background: 'plaid', locked: true }), { uri: 'file:///a.svg', panX: 3, locked: true });
    assert.deepEqual(sanitizePreviewState('junk'), {});
  });
});
