import * as assert from 'node:assert/strict';
import { ParseCache } from '../../../src/core/svg/parseCache';

describe('parse cache', () => {
  it('parses once per document version and forgets the least recently used', () => {
    let texts = 0;
    const cache = new ParseCache(2);
    const get = (key: string, version: number, text: string) => cache.get(key, version, () => { texts++; return text; });
    const a1 = get('a', 1, '<svg/>');
    assert.equal(get('a', 1, 'ignored'), a1);
    assert.equal(texts, 1);
    const a2 = get('a', 2, '<svg><g/></svg>');
    assert.notEqual(a2, a1);
    assert.equal(a2.root?.children.length, 1);
    get('b', 1, '<svg/>');
    get('a', 2, 'ignored');
    get('c', 1, '<svg/>');
    assert.equal(cache.size, 2);
    assert.equal(cache.peek('b', 1), undefined, 'b was least recently used');
    assert.equal(cache.peek('a', 2), a2);
    cache.delete('a');
    assert.equal(cache.peek('a', 2), undefined);
  });
});
