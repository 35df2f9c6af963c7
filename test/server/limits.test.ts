// Limits the server enforces for the client: max_tokens is clamped to the room
// the context window leaves after the prompt, a prompt that alone overflows
// the window is a 400 naming --ctx, and JSON-schema number bounds hold in the
// output. Real server, tiny fixture model, both engine paths (one slot runs
// the binding's plain completion call, two slots its parallel mode).
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTinyServer, type StartedServer } from './harness';

const CTX = 128;

for (const slots of [1, 2]) describe(`server limits (--ctx ${CTX}, ${slots} slot${slots > 1 ? 's' : ''})`, function () {
  let server: StartedServer;
  let client: OpenAI;

  before(async function () {
    this.timeout(90_000);
    server = await startTinyServer(['--ctx', String(CTX), '--parallel', String(slots)], { vision: false });
    client = server.client();
  });
  after(async function () {
    this.timeout(20_000);
    await server?.stop();
  });

  it('clamps max_tokens larger than the window to the room after the prompt, finishing with "length"', async function () {
    this.timeout(60_000);
    let cut = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const r = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: 'Please generate an SVG icon of a cat' }], max_tokens: 6000, temperature: 1, seed });
      const u = r.usage!;
      assert.ok(u.prompt_tokens > 0 && u.completion_tokens > 0);
      assert.ok(u.prompt_tokens + u.completion_tokens <= CTX, `prompt ${u.prompt_tokens} + completion ${u.completion_tokens} > ${CTX}`);
      if (r.choices[0].finish_reason === 'length') {
        assert.equal(u.prompt_tokens + u.completion_tokens, CTX, 'a cut answer fills the window');
        cut++;
      }
    }
    assert.ok(cut > 0, 'no answer ran into the window, so the clamp was never exercised');
    // Streaming reports the cut the same way.
    const stream = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: 'Go on' }], max_tokens: 100_000, temperature: 1, seed: 1, stream: true, stream_options: { include_usage: true } });
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const c of stream) if (c.usage) usage = c.usage;
    assert.ok(usage && usage.prompt_tokens + usage.completion_tokens <= CTX);
  });

  it('answers 400 naming --ctx when the prompt alone does not fit, and keeps serving', async () => {
    const long = 'draw a cat with a hat '.repeat(40);
    try {
      await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: long }], max_tokens: 8 });
      assert.fail('expected 400');
    } catch (err) {
      assert.ok(err instanceof OpenAI.APIError, String(err));
      assert.equal(err.status, 400);
      assert.equal(err.param, 'messages');
      assert.equal(err.code, 'context_length_exceeded');
      assert.match(err.message, /--ctx/);
      assert.match(err.message, new RegExp(`context window is ${CTX} tokens`));
    }
    // Streamed, the refusal is the same HTTP 400: the stream only opens with the first token.
    try {
      const stream = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: long }], max_tokens: 8, stream: true });
      for await (const _ of stream) { /* drain */ }
      assert.fail('expected 400');
    } catch (err) {
      assert.ok(err instanceof OpenAI.APIError, String(err));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'context_length_exceeded');
    }
    // A too-long prompt must not leave the engine stuck (the binding's plain call would be).
    for (let i = 0; i < 3; i++) {
      const r = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: `short ${i}` }], max_tokens: 4, seed: i });
      assert.equal(r.choices.length, 1);
    }
  });

  it('keeps JSON-schema numbers inside minimum/maximum with at most the allowed decimals', async function () {
    this.timeout(60_000);
    const schema = {
      type: 'object',
      properties: {
        score: { type: 'number', minimum: 0, maximum: 10 },
        weight: { type: 'number', minimum: 0, maximum: 1 },
        offset: { type: 'number', minimum: -2.5, maximum: 2.5 },
      },
      required: ['score', 'weight', 'offset'],
      additionalProperties: false,
    };
    for (let seed = 1; seed <= 8; seed++) {
      const r = await client.chat.completions.create({
        model: server.model, messages: [{ role: 'user', content: 'Rate it' }], max_tokens: 100, temperature: 1, seed,
        response_format: { type: 'json_schema', json_schema: { name: 'rating', schema, strict: true } },
      });
      const text = r.choices[0].message.content!;
      assert.equal(r.choices[0].finish_reason, 'stop', text);
      // The answer is the JSON value alone (the engine's grammar would allow a fence; the server strips it).
      const v = JSON.parse(text) as { score: number; weight: number; offset: number };
      const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;
      assert.ok(v.score >= 0 && v.score <= 10 && decimals(v.score) <= 1, `score ${v.score}`);
      assert.ok(v.weight >= 0 && v.weight <= 1 && decimals(v.weight) <= 2, `weight ${v.weight}`);
      assert.ok(v.offset >= -2.5 && v.offset <= 2.5 && decimals(v.offset) <= 1, `offset ${v.offset}`);
    }
  });
});
