import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../src/core/svg/lineIndex';

describe('svg line index', () => {
  it('converts both ways with \\n, \\r\\n and \\r line breaks', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    const expect: Array<[number, number, number]> = [[0, 0, 0], [2, 0, 2], [3, 1, 0], [5, 1, 2], [7, 2, 0], [9, 2, 2], [10, 3, 0], [12, 3, 2]];
    for (const [offset, line, character] of expect) {
      assert.deepEqual(index.positionAt(offset), { line, character }, `positionAt(${offset})`);
      assert.equal(index.offsetAt({ line, character }), offset, `offsetAt(${line}:${character})`);
    }
  });

  it('clamps out-of-range positions and offsets like VS Code', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), 6);
    assert.equal(index.offsetAt({ line: -1, character: 5 }), 0);
    assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  });

  it('counts characters in UTF-16 code units', () => {
    const index = new LineIndex('😀x\n😀y');
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.equal(index.offsetAt({ line: 1, character: 2 }), 6);
  });

  it('handles empty text and a trailing newline', () => {
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
    const index = new LineIndex('a\n');
    assert.equal(index.lineCount, 2);
    assert.deepEqual(index.positionAt(2), { line: 1, character: 0 });
  });
});
