// Load and abuse: many concurrent clients against a small bounded queue, and
// many clients vanishing mid-stream. Every answer must be a well-formed 200 or
// a 429/503 carrying Retry-After, and the server must stay healthy.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTinyServer, getText, metric, type StartedServer } from './harness';

// One slot runs the binding's plain completion call behind a lock, two its parallel mode.
for (const slots of [2, 1]) describe(`server under load (llamacpp engine, tiny model, ${slots} slot${slots > 1 ? 's' : ''})`, function () {
  this.timeout(120_000);
  let server: StartedServer;
  before(async () => { server = await startTinyServer(['--parallel', String(slots), '--max-queue', '6'], { vision: false }); });
  after(async () => { await server?.stop(); });

  it('32 concurrent clients × 4 requests: every answer is 200 or 429/503 with Retry-After', async () => {
    const client = server.client();
    const counts = { ok: 0, busy: 0 };
    const one = async (c: number, k: number) => {
      const params = { model: server.model, messages: [{ role: 'user' as const, content: `client ${c} request ${k}` }], max_tokens: 24, seed: c * 10 + k };
      try {
        if ((c + k) % 2 === 0) {
          const r = await client.chat.completions.create(params);
          assert.equal(r.object, 'chat.completion');
          assert.equal(typeof r.choices[0].message.content, 'string');
          assert.ok(r.usage!.completion_tokens > 0 && r.usage!.completion_tokens <= 24);
        } else {
          const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
          let finish: string | null = null;
          let usage: OpenAI.CompletionUsage | undefined;
          for await (const ch of stream) { if (ch.usage) usage = ch.usage; else if (ch.choices[0].finish_reason) finish = ch.choices[0].finish_reason; }
          assert.ok(finish === 'stop' || finish === 'length');
          assert.ok(usage && usage.completion_tokens > 0);
        }
        counts.ok++;
      } catch (err) {
        assert.ok(err instanceof OpenAI.APIError, `malformed answer: ${String(err)}`);
        assert.ok(err.status === 429 || err.status === 503, `status ${err.status}: ${err.message}`);
        const retry = Number(err.headers?.get('retry-after'));
        assert.ok(Number.isInteger(retry) && retry >= 1, `Retry-After ${err.headers?.get('retry-after')}`);
        counts.busy++;
      }
    };
    await Promise.all(Array.from({ length: 32 }, async (_, c) => { for (let k = 0; k < 4; k++) await one(c, k); }));
    assert.equal(counts.ok + counts.busy, 128);
    assert.ok(counts.ok >= 8, `only ${counts.ok} succeeded`);
    assert.ok(counts.busy > 0, 'the bounded queue never filled: the test did not exercise 429');
  });

  it('stays alive after 100 random client aborts mid-stream', async () => {
    const client = server.client();
    let seed = 12345;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const one = async (i: number) => {
      const ac = new AbortController();
      const after = Math.floor(rand() * 20);
      try {
        const stream = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: `abort ${i}` }], max_tokens: 2000, stream: true, seed: i }, { signal: ac.signal });
        let n = 0;
        for await (const _ of stream) { if (++n > after) ac.abort(); }
      } catch (err) {
        const ok = err instanceof OpenAI.APIUserAbortError || (err instanceof OpenAI.APIError && (err.status === 429 || err.status === 503));
        assert.ok(ok, `unexpected ${String(err)}`);
      }
    };
    for (let batch = 0; batch < 10; batch++) await Promise.all(Array.from({ length: 10 }, (_, j) => one(batch * 10 + j)));
    const base = server.url.replace(/\/v1$/, '');
    // Waits for every slot and the queue to drain; the deadline has headroom for a loaded machine.
    let busy = -1;
    for (const deadline = Date.now() + 60_000; busy !== 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      const m = await getText(`${base}/metrics`, server.token);
      busy = metric(m.text, 'svgcopilot_slots_busy') + metric(m.text, 'svgcopilot_queue_depth');
    }
    assert.equal(busy, 0, 'all slots freed and the queue empty');
    assert.equal(server.child.exitCode, null);
    const r = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: 'still there?' }], max_tokens: 8 });
    assert.equal(r.choices.length, 1);
  });
});
