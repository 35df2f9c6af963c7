// The schema rewrite that makes llama.cpp's grammar honour number bounds.
import assert from 'node:assert/strict';
import { boundNumbers } from '../../server/http/jsonSchema';

describe('boundNumbers (JSON-schema number bounds → grammar-friendly schema)', () => {
  it('spells a 0–10 score as the 101 values with one decimal', () => {
    const out = boundNumbers({ type: 'number', minimum: 0, maximum: 10, description: 'score' });
    assert.equal(out.type, undefined);
    assert.equal(out.description, 'score');
    const values = out.enum as number[];
    assert.equal(values.length, 101);
    assert.deepEqual([values[0], values[1], values[37], values[100]], [0, 0.1, 3.7, 10]);
  });

  it('uses two decimals for narrow ranges and an integer range for wide ones', () => {
    assert.deepEqual((boundNumbers({ type: 'number', minimum: 0, maximum: 1 }).enum as number[]).slice(0, 3), [0, 0.01, 0.02]);
    assert.deepEqual(boundNumbers({ type: 'number', minimum: 0.5, maximum: 1e6 }), { type: 'integer', minimum: 1, maximum: 1e6 });
    // No integer and no round value in range: the bounds themselves.
    assert.deepEqual(boundNumbers({ type: 'number', minimum: 0.201, maximum: 0.209 }), { enum: [0.201, 0.209] });
  });

  it('rewrites nested numbers and leaves everything else alone', () => {
    const schema = {
      type: 'object',
      properties: {
        score: { type: 'number', minimum: 0, maximum: 10 },
        n: { type: 'integer', minimum: 0, maximum: 10 },
        open: { type: 'number', minimum: 0 },
        list: { type: 'array', items: { anyOf: [{ type: 'number', minimum: -1, maximum: 1 }, { type: 'null' }] } },
      },
      required: ['score'],
    };
    const out = boundNumbers(schema) as { properties: Record<string, Record<string, unknown>> };
    assert.equal((out.properties.score.enum as number[]).length, 101);
    assert.deepEqual(out.properties.n, { type: 'integer', minimum: 0, maximum: 10 });
    assert.deepEqual(out.properties.open, { type: 'number', minimum: 0 });
    const any = (out.properties.list.items as { anyOf: Array<Record<string, unknown>> }).anyOf;
    assert.equal((any[0].enum as number[]).length, 201);
    assert.deepEqual(any[1], { type: 'null' });
    assert.deepEqual(schema.properties.score, { type: 'number', minimum: 0, maximum: 10 }, 'the input is not modified');
  });
});
