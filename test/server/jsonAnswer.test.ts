// Taking the one JSON value out of a model answer, and checking it against the schema.
import assert from 'node:assert/strict';
import { extractJson, jsonAnswer, schemaViolation } from '../../server/http/jsonAnswer';

const schema = {
  type: 'object',
  properties: { score: { type: 'integer', minimum: 0, maximum: 10 }, critique: { type: 'string', maxLength: 8 }, tags: { type: 'array', items: { enum: ['a', 'b'] }, maxItems: 2 } },
  required: ['score', 'critique'],
  additionalProperties: false,
};

describe('JSON answers (response_format)', () => {
  it('takes the value out of the fences and padding the engine\'s grammar allows', () => {
    // Shapes seen from the tiny model: bare with padding, and fenced.
    assert.deepEqual(jsonAnswer('   {"score" :7, "critique"\n:"x"} ', schema), { ok: true, json: '{"score" :7, "critique"\n:"x"}' });
    assert.deepEqual(jsonAnswer('```json\n     \t{"score" : 3,"critique" :"/"\n } ```', schema), { ok: true, json: '{"score" : 3,"critique" :"/"\n }' });
    assert.deepEqual(jsonAnswer('Here you go: {"score": 1, "critique": "a}b"} hope it helps', schema), { ok: true, json: '{"score": 1, "critique": "a}b"}' });
    assert.equal(extractJson('```json\n{"a": [1, {"b": "]"}]}')?.text, '{"a": [1, {"b": "]"}]}', 'an unclosed fence');
  });

  it('refuses an answer with no complete value, or one the schema does not allow', () => {
    assert.equal(jsonAnswer('{"score": 3, "critique": "unfinished', schema).ok, false);
    assert.equal(jsonAnswer('no json here', schema).ok, false);
    assert.equal(jsonAnswer('', schema).ok, false);
    const cases: Array<[unknown, RegExp]> = [
      [{ score: 11, critique: 'x' }, /above the maximum 10/],
      [{ score: 2.5, critique: 'x' }, /wants integer/],
      [{ score: 2 }, /lacks the required property "critique"/],
      [{ score: 2, critique: 'x', extra: 1 }, /does not allow/],
      [{ score: 2, critique: 'far too long' }, /longer than 8/],
      [{ score: 2, critique: 'x', tags: ['a', 'c'] }, /\$\.tags\[1\] is not one of the allowed values/],
      [{ score: 2, critique: 'x', tags: ['a', 'a', 'b'] }, /more than 2 items/],
      [[1], /is array, the schema wants object/],
      [{ score: 2, critique: 'x', toString: 1 }, /does not allow/],
    ];
    for (const [value, why] of cases) {
      const r = jsonAnswer(JSON.stringify(value), schema);
      assert.equal(r.ok, false, JSON.stringify(value));
      assert.match((r as { why: string }).why, why);
    }
  });

  it('checks anyOf/oneOf, const and number bounds', () => {
    const s = { type: 'object', properties: { v: { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'null' }] }, k: { const: 'x' } } };
    assert.equal(schemaViolation({ v: 0.5, k: 'x' }, s), undefined);
    assert.equal(schemaViolation({ v: null }, s), undefined);
    assert.match(schemaViolation({ v: 2 }, s) ?? '', /none of the anyOf/);
    assert.match(schemaViolation({ k: 'y' }, s) ?? '', /constant/);
    assert.match(schemaViolation(1, { oneOf: [{ type: 'number' }, { type: 'integer' }] }) ?? '', /more than one oneOf/);
  });

  it('json_object (no schema) takes any object, nothing else', () => {
    assert.deepEqual(jsonAnswer(' {"a": 1} ', undefined), { ok: true, json: '{"a": 1}' });
    assert.equal(jsonAnswer('[1, 2]', undefined).ok, false);
    assert.equal(jsonAnswer('"text"', undefined).ok, false);
  });
});
