import assert from 'node:assert/strict';
import { StopFilter } from '../../server/stopFilter';

function run(stops: string[], pieces: string[]): { emitted: string[]; text: string; done: boolean } {
  const emitted: string[] = [];
  const f = new StopFilter(stops, (p) => emitted.push(p));
  for (const p of pieces) f.push(p);
  f.flush();
  return { emitted, text: f.text(), done: f.done };
}

describe('StopFilter', () => {
  it('passes text through when there are no stop strings', () => {
    const r = run([], ['ab', 'c']);
    assert.deepEqual(r.emitted, ['ab', 'c']);
    assert.equal(r.text, 'abc');
  });

  it('cuts at a stop string split across pieces and never emits any part of it', () => {
    const r = run(['</svg>'], ['<svg>x</s', 'v', 'g>tail']);
    assert.equal(r.text, '<svg>x');
    assert.equal(r.emitted.join(''), '<svg>x');
    assert.ok(r.done);
  });

  it('releases a held-back prefix once it turns out not to be a stop string', () => {
    const emitted: string[] = [];
    const f = new StopFilter(['END'], (p) => emitted.push(p));
    f.push('abE');
    assert.equal(emitted.join(''), 'ab');
    f.push('Nx');
    assert.equal(emitted.join(''), 'abENx');
    f.flush();
    assert.equal(f.text(), 'abENx');
  });

  it('picks the earliest of several stop strings', () => {
    assert.equal(run(['bb', 'a'], ['xbba']).text, 'x');
  });

  it('flushes a trailing partial stop string when generation ends', () => {
    assert.equal(run(['STOP'], ['hello ST']).text, 'hello ST');
  });
});

describe('StopFilter.finish', () => {
  it('streams the rest of the engine’s final text when token callbacks lag behind', () => {
    const emitted: string[] = [];
    const f = new StopFilter(['END'], (p) => emitted.push(p));
    f.push('<svg>');
    assert.equal(f.finish('<svg></svg>ENDmore'), '<svg></svg>');
    assert.equal(emitted.join(''), '<svg></svg>');
    f.push('late piece');
    assert.equal(emitted.join(''), '<svg></svg>');
  });

  it('keeps what was streamed when the final text disagrees with it', () => {
    const emitted: string[] = [];
    const f = new StopFilter([], (p) => emitted.push(p));
    f.push('abc');
    assert.equal(f.finish('xyz'), 'abc');
    assert.equal(emitted.join(''), 'abc');
  });
});
