// The OpenAI-compatible API of the real server on the tiny fixture model,
// driven by the official `openai` client. The model's weights are random, so
// tests check shapes, counts and constraints, never meaning.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Resvg } from '@resvg/resvg-js';
import { startTinyServer, metric, getText, type StartedServer } from './harness';
import { assertWellFormedSvg } from './svgCheck';

const user = (content: string) => [{ role: 'user' as const, content }];

function pngDataUrl(): { png: Buffer; url: string } {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#fff"/><circle cx="16" cy="16" r="10" fill="#c00"/></svg>';
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: 32 }, font: { loadSystemFonts: false } }).render().asPng();
  return { png, url: `data:image/png;base64,${png.toString('base64')}` };
}

async function expectApiError(p: Promise<unknown>, status: number): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof OpenAI.APIError, `expected an APIError, got ${String(err)}`);
    assert.equal(err.status, status, `status ${err.status}: ${err.message}`);
    const body = err.error as { message?: unknown; type?: unknown } | undefined;
    assert.equal(typeof body?.message, 'string', 'error body has a message');
    assert.equal(typeof body?.type, 'string', 'error body has a type');
    return err;
  }
  assert.fail(`expected HTTP ${status}`);
}

// One slot runs the binding's plain completion call, several slots its parallel mode: both are served.
for (const slots of [2, 1]) describe(`server API (llamacpp engine, tiny model, ${slots} slot${slots > 1 ? 's' : ''})`, function () {
  let server: StartedServer;
  let client: OpenAI;
  let tmp: string;

  before(async function () {
    this.timeout(90_000);
    tmp = mkdtempSync(join(tmpdir(), 'svgc-server-'));
    server = await startTinyServer(['--parallel', String(slots), '--allow-image-dir', tmp]);
    client = server.client();
  });
  after(async function () {
    this.timeout(20_000);
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('lists and retrieves the served model', async () => {
    const models = await client.models.list();
    assert.deepEqual(models.data.map((m) => m.id), [server.model]);
    assert.equal(server.model, 'tiny-text');
    const one = await client.models.retrieve(server.model);
    assert.equal(one.id, server.model);
    await expectApiError(client.models.retrieve('no-such-model'), 404);
  });

  it('completes a chat with usage counts', async () => {
    const r = await client.chat.completions.create({ model: server.model, messages: user('Hello'), max_tokens: 24, seed: 7, temperature: 0.8 });
    assert.equal(r.object, 'chat.completion');
    assert.equal(r.choices.length, 1);
    assert.equal(r.choices[0].message.role, 'assistant');
    assert.equal(typeof r.choices[0].message.content, 'string');
    assert.ok(['stop', 'length'].includes(r.choices[0].finish_reason));
    assert.ok(r.usage!.prompt_tokens > 0);
    assert.ok(r.usage!.completion_tokens > 0 && r.usage!.completion_tokens <= 24);
    assert.equal(r.usage!.total_tokens, r.usage!.prompt_tokens + r.usage!.completion_tokens);
  });

  it('streams SSE chunks whose text equals the non-streamed answer for the same seed, with usage last', async () => {
    const params = { model: server.model, messages: user('Draw a star'), max_tokens: 40, seed: 11, temperature: 0.9, top_p: 0.95 };
    const whole = await client.chat.completions.create(params);
    const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let chunks = 0;
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    let roleSeen = false;
    for await (const c of stream) {
      chunks++;
      assert.equal(c.object, 'chat.completion.chunk');
      if (c.usage) { usage = c.usage; assert.equal(c.choices.length, 0, 'usage chunk has no choices'); continue; }
      assert.equal(usage, undefined, 'usage comes last');
      const ch = c.choices[0];
      if (ch.delta.role) roleSeen = true;
      text += ch.delta.content ?? '';
      if (ch.finish_reason) finish = ch.finish_reason;
    }
    assert.ok(roleSeen);
    assert.ok(chunks > 3, `only ${chunks} chunks`);
    assert.equal(text, whole.choices[0].message.content);
    assert.equal(finish, whole.choices[0].finish_reason);
    assert.deepEqual(usage, whole.usage);
  });

  it('honours stop strings without returning them', async () => {
    const r = await client.chat.completions.create({ model: server.model, messages: user('x'), max_tokens: 200, seed: 3, stop: ['"', '>'] });
    const text = r.choices[0].message.content!;
    assert.ok(!text.includes('"') && !text.includes('>'), JSON.stringify(text));
  });

  it('constrains output to a JSON schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        score: { type: 'integer', minimum: 0, maximum: 10 },
        critique: { type: 'string', maxLength: 24 },
        suggestions: { type: 'array', items: { type: 'string', maxLength: 12 }, maxItems: 2 },
      },
      required: ['score', 'critique', 'suggestions'],
      additionalProperties: false,
    };
    for (const seed of [1, 2, 3]) {
      const r = await client.chat.completions.create({
        model: server.model, messages: user('Rate it'), max_tokens: 400, seed,
        response_format: { type: 'json_schema', json_schema: { name: 'critique', schema, strict: true } },
      });
      assert.equal(r.choices[0].finish_reason, 'stop');
      const value = JSON.parse(r.choices[0].message.content!) as { score: number; critique: string; suggestions: string[] };
      assert.deepEqual(Object.keys(value).sort(), ['critique', 'score', 'suggestions']);
      assert.ok(Number.isInteger(value.score) && value.score >= 0 && value.score <= 10, `score ${value.score}`);
      assert.ok(value.critique.length <= 24 && value.suggestions.length <= 2);
    }
  });

  it('constrains output to a well-formed SVG document with "svg_grammar": true', async function () {
    this.timeout(60_000);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const body = { model: server.model, messages: user('Please generate an SVG icon of a cat'), max_tokens: 3000, seed, temperature: 1, svg_grammar: true };
      const r = await client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming);
      assert.equal(r.choices[0].finish_reason, 'stop', `seed ${seed} ran out of tokens (${r.usage?.completion_tokens}): ${JSON.stringify(r.choices[0].message.content!.slice(-200))}`);
      assertWellFormedSvg(r.choices[0].message.content!);
    }
  });

  it('sees images: prompt tokens grow by the projector’s 16 image tokens (data URL and a file under --allow-image-dir)', async () => {
    const { png, url } = pngDataUrl();
    const base = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }] }], max_tokens: 4, seed: 1 });
    const withImage = await client.chat.completions.create({
      model: server.model, max_tokens: 4, seed: 1,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'image_url', image_url: { url } }] }],
    });
    assert.ok(withImage.usage!.prompt_tokens >= base.usage!.prompt_tokens + 16, `${withImage.usage!.prompt_tokens} vs ${base.usage!.prompt_tokens}`);
    const file = join(tmp, 'red.png');
    writeFileSync(file, png);
    const twoImages = await client.chat.completions.create({
      model: server.model, max_tokens: 4, seed: 1,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'image_url', image_url: { url } }, { type: 'image_url', image_url: { url: file } }] }],
    });
    assert.ok(twoImages.usage!.prompt_tokens >= withImage.usage!.prompt_tokens + 16);
  });

  it('returns n candidates, each with its own index', async () => {
    const r = await client.chat.completions.create({ model: server.model, messages: user('Hi'), max_tokens: 16, n: 3, seed: 5, temperature: 1 });
    assert.deepEqual(r.choices.map((c) => c.index), [0, 1, 2]);
    assert.ok(new Set(r.choices.map((c) => c.message.content)).size > 1, 'different seeds give different candidates');
    const stream = await client.chat.completions.create({ model: server.model, messages: user('Hi'), max_tokens: 16, n: 2, seed: 5, temperature: 1, stream: true });
    const texts = ['', ''];
    for await (const c of stream) for (const ch of c.choices) texts[ch.index] += ch.delta.content ?? '';
    assert.deepEqual(texts, r.choices.slice(0, 2).map((c) => c.message.content));
  });

  it('stops generating and frees the slot when the client disconnects', async function () {
    this.timeout(30_000);
    const health = async () => JSON.parse((await getText(server.url.replace(/\/v1$/, '/health'), server.token)).text) as { slots_busy: number };
    const before = metric((await getText(server.url.replace(/\/v1$/, '/metrics'), server.token)).text, 'svgcopilot_completion_tokens_total');
    const ac = new AbortController();
    const stream = await client.chat.completions.create({ model: server.model, messages: user('Go on'), max_tokens: 4000, seed: 2, stream: true }, { signal: ac.signal });
    let pieces = 0;
    try {
      for await (const c of stream) { pieces += c.choices.length; if (pieces >= 5) ac.abort(); }
    } catch (err) {
      assert.ok(err instanceof OpenAI.APIUserAbortError, String(err));
    }
    assert.ok(pieces >= 5);
    // Waits for the server to notice the disconnect; the deadline has headroom for a loaded machine.
    let busy = (await health()).slots_busy;
    for (const deadline = Date.now() + 20_000; busy > 0 && Date.now() < deadline;) { await new Promise((r) => setTimeout(r, 50)); busy = (await health()).slots_busy; }
    assert.equal(busy, 0, 'slot freed');
    const after = metric((await getText(server.url.replace(/\/v1$/, '/metrics'), server.token)).text, 'svgcopilot_completion_tokens_total');
    assert.ok(after - before < 1000, `generation went on after the disconnect (${after - before} tokens)`);
  });

  describe('errors', () => {
    it('401 without or with a wrong bearer token', async () => {
      await expectApiError(server.client({ apiKey: 'wrong-token-000' }).models.list(), 401);
      await expectApiError(server.client({ apiKey: 'wrong-token-000' }).chat.completions.create({ model: server.model, messages: user('x') }), 401);
      const r = await fetch(`${server.url}/models`);
      assert.equal(r.status, 401);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
    });

    it('404 for an unknown model', async () => {
      const err = await expectApiError(client.chat.completions.create({ model: 'gpt-nope', messages: user('x') }), 404);
      assert.equal(err.param, 'model');
      assert.equal(err.code, 'model_not_found');
    });

    it('400 naming the offending field', async () => {
      const cases: Array<[Record<string, unknown>, string | null]> = [
        [{ messages: [] }, 'messages'],
        [{ messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
        [{ messages: [{ role: 'user', content: [{ type: 'video', video: 1 }] }] }, 'messages[0].content[0].type'],
        [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] }, 'messages[0].content[0].image_url.url'],
        [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: '/no/such/file.png' } }] }] }, 'messages[0].content[0].image_url.url'],
        [{ messages: user('x'), temperature: 9 }, 'temperature'],
        [{ messages: user('x'), max_tokens: -1 }, 'max_tokens'],
        [{ messages: user('x'), max_tokens: 1.5 }, 'max_tokens'],
        [{ messages: user('x'), n: 99 }, 'n'],
        [{ messages: user('x'), stop: [1] }, 'stop'],
        [{ messages: user('x'), seed: 'abc' }, 'seed'],
        [{ messages: user('x'), svg_grammar: 'yes' }, 'svg_grammar'],
        [{ messages: user('x'), response_format: { type: 'json_schema', json_schema: { name: 'x' } } }, 'response_format.json_schema.schema'],
        [{ messages: user('x'), response_format: { type: 'json_object' }, svg_grammar: true }, 'response_format'],
        [{ messages: user('x'), grammar: 'root ::= (' }, 'grammar'],
        // Schemas llama.cpp cannot turn into a grammar would abort the engine: refused up front.
        [{ messages: user('x'), response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'frob' } } } }, 'response_format.json_schema.schema.type'],
        [{ messages: user('x'), response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'string', pattern: '((' } } } }, 'response_format.json_schema.schema.pattern'],
        [{ messages: user('x'), response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object', properties: { a: { $ref: '#/x' } } } } } }, 'response_format.json_schema.schema.properties.a.type'],
        [{ messages: user('x'), response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'integer', minimum: 5, maximum: 1 } } } }, 'response_format.json_schema.schema.minimum'],
        [{ messages: user('x'), stream_options: { include_usage: true } }, 'stream_options'],
      ];
      for (const [body, param] of cases) {
        const err = await expectApiError(client.chat.completions.create({ model: server.model, ...body } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming), 400);
        assert.equal(err.param, param, `body ${JSON.stringify(body)} → param ${err.param}: ${err.message}`);
      }
      const r = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: '{"model": ' });
      assert.equal(r.status, 400);
      assert.equal(((await r.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    });

    it('413 when the body is over the limit', async () => {
      const huge = 'a'.repeat(21 * 1024 * 1024);
      const err = await expectApiError(client.chat.completions.create({ model: server.model, messages: user(huge) }), 413);
      assert.equal(err.code, 'request_too_large');
      // The server is unharmed.
      assert.equal((await client.models.list()).data.length, 1);
    });

    it('400 for an image when the model has no projector', async function () {
      this.timeout(90_000);
      const textOnly = await startTinyServer([], { vision: false });
      try {
        const err = await expectApiError(textOnly.client().chat.completions.create({
          model: textOnly.model, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: pngDataUrl().url } }] }],
        }), 400);
        assert.equal(err.param, 'messages[0].content[0].image_url.url');
      } finally {
        await textOnly.stop();
      }
    });
  });

  describe('observability', () => {
    it('says only "up" on /health without a token, details and Prometheus /metrics with one', async () => {
      const base = server.url.replace(/\/v1$/, '');
      const h = await getText(`${base}/health`);
      assert.equal(h.status, 200);
      assert.deepEqual(JSON.parse(h.text), { status: 'ok' });
      const detailed = JSON.parse((await getText(`${base}/health`, server.token)).text) as Record<string, unknown>;
      assert.deepEqual([detailed.status, detailed.model, detailed.engine, detailed.slots, detailed.vision], ['ok', 'tiny-text', 'llamacpp', slots, true]);
      assert.deepEqual(JSON.parse((await getText(`${base}/health`, 'a-wrong-token-123')).text), { status: 'ok' });
      assert.equal((await getText(`${base}/metrics`)).status, 401);
      const m = await getText(`${base}/metrics`, server.token);
      assert.equal(m.status, 200);
      assert.match(m.text, /^svgcopilot_requests_total\{route="\/v1\/chat\/completions",status="200"\} \d+$/m);
      assert.match(m.text, /^svgcopilot_requests_total\{route="\/v1\/chat\/completions",status="400"\} \d+$/m);
      for (const name of ['svgcopilot_prompt_tokens_total', 'svgcopilot_completion_tokens_total', 'svgcopilot_decode_tokens_per_second', 'svgcopilot_queue_depth', 'svgcopilot_slots_busy']) {
        assert.ok(Number.isFinite(metric(m.text, name)), name);
      }
      assert.equal(metric(m.text, 'svgcopilot_slots_total'), slots);
      assert.ok(metric(m.text, 'svgcopilot_completion_tokens_total') > 0);
      assert.ok(metric(m.text, 'svgcopilot_decode_tokens_per_second') > 0);
    });
  });
});
