import assert from 'node:assert/strict';
import { parseCritique } from '../../../src/core/model/critique';

describe('model/critique', () => {
  it('parses a schema-constrained answer', () => {
    const r = parseCritique('{"score": 7.5, "critique": "Clear shape.", "suggestions": "1. Thicken the stroke."}');
    assert.ok(r.ok);
    assert.deepEqual(r.critique, { score: 7.5, critique: 'Clear shape.', suggestions: '1. Thicken the stroke.' });
    assert.equal(r.found, 'whole');
  });

  it('falls back to a ```json fence, then to the first balanced object', () => {
    const fenced = parseCritique('My verdict:\n```json\n{"score": 3, "critique": "x", "suggestions": "y"}\n```');
    assert.ok(fenced.ok && fenced.found === 'fence');
    const inline = parseCritique('Score follows {"score": "6", "critique": "has a } brace", "suggestions": ["a", "b"]} thanks');
    assert.ok(inline.ok);
    assert.equal(inline.found, 'object');
    assert.equal(inline.critique.score, 6);
    assert.equal(inline.critique.critique, 'has a } brace');
    assert.equal(inline.critique.suggestions, '1. a\n2. b');
  });

  it('clamps out-of-range scores and says so', () => {
    const r = parseCritique('{"score": 14, "critique": "", "suggestions": ""}');
    assert.ok(r.ok);
    assert.equal(r.critique.score, 10);
    assert.match(r.notes.join(), /clamped/);
    const low = parseCritique('{"score": -2, "critique": "", "suggestions": ""}');
    assert.ok(low.ok && low.critique.score === 0);
  });

  it('answers "no JSON" clearly for prose, and "unusable" for JSON without a score', () => {
    const prose = parseCritique('It looks great, 9 out of 10!');
    assert.ok(!prose.ok);
    assert.match(prose.error, /critic answered no JSON: "It looks great/);
    const noScore = parseCritique('{"critique": "fine"}');
    assert.ok(!noScore.ok);
    assert.match(noScore.error, /no numeric "score"/);
    const empty = parseCritique('');
    assert.ok(!empty.ok && /empty answer/.test(empty.error));
  });

  it('ignores a <think> block before the JSON', () => {
    const r = parseCritique('<think>{not json}</think>{"score": 5, "critique": "ok", "suggestions": "none"}');
    assert.ok(r.ok && r.critique.score === 5);
  });
});

describe('model/critique, odd but valid JSON', () => {
  it('reads a fence opened on the same line and clamps an exponent that overflows to Infinity', () => {
    const r = parseCritique('```json {"score" :9.7E4362362362389238,"critique" :\n"","suggestions" :\n""}\n```');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.critique.score, 10);
    assert.match(r.notes.join(), /clamped/);
  });
});
