// The loop against a scripted server: every fault ends with the best valid
// SVG so far or a clear error — never garbage, never a hang.
import assert from 'node:assert/strict';
import { critiqueOnce, refineOnce, runLoop, type LoopEvent, type LoopOptions, type LoopResult } from '../../src/core/loop';
import { CapabilityCache, type Capabilities } from '../../src/core/model/capabilities';
import { ModelClient } from '../../src/core/model/client';
import { WorkerPool } from '../../src/core/render/pool';
import { parseSvg } from '../../src/core/svg/parse';
import { startFaultServer, type FaultServer, type Script } from './faultServer';

const SVG_A = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#e33" d="M100 180 L20 80 C20 20 100 20 100 60 C100 20 180 20 180 80 Z"/></svg>';
const SVG_B = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="80" fill="#36c"/></svg>';
const SVG_C = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect x="20" y="20" width="160" height="160" fill="#3a3"/></svg>';
const verdict = (score: number, critique = 'critique', suggestions = '1. do better') => JSON.stringify({ score, critique, suggestions });

const VISION: Capabilities = { images: true, jsonSchema: true, svgGrammar: false, multipleChoices: false };

describe('loop faults (scripted server)', function () {
  this.timeout(20_000);
  let pool: WorkerPool;
  let server: FaultServer | undefined;

  before(() => {
    pool = new WorkerPool({ size: 1 });
  });
  after(() => pool.dispose());
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function loop(script: Script, options: Partial<LoopOptions> = {}, client: Partial<ConstructorParameters<typeof ModelClient>[0]> = {}, signal?: AbortSignal) {
    server = await startFaultServer(script);
    const events: LoopEvent[] = [];
    const result = await runLoop(
      {
        prompt: 'a red heart',
        // Limits with headroom for a loaded machine; a test of a limit sets its own and makes the fault outlast it.
        client: new ModelClient({ baseURL: server.url, timeoutMs: 15_000, idleTimeoutMs: 5_000, ...client }),
        renderer: pool,
        capabilities: VISION,
        ...options,
      },
      (e) => events.push(e),
      signal,
    );
    assertNoGarbage(result);
    return { result, events, server };
  }

  function assertNoGarbage(result: LoopResult): void {
    if (result.svg) {
      assert.deepEqual(parseSvg(result.svg).errors, [], 'the returned SVG must be well-formed');
      assert.match(result.svg, /^<svg[\s>]/);
    } else {
      assert.ok(result.message && result.message.length > 10, 'no SVG must come with a clear message');
    }
    for (const round of result.rounds) for (const c of round.candidates) if (c.valid) assert.deepEqual(parseSvg(c.svg ?? '').errors, []);
  }

  it('stops early once the critic scores at or above the threshold, and emits every event', async () => {
    const { result, events } = await loop((r) => (r.kind === 'generate' ? { text: SVG_A } : { text: verdict(9) }));
    assert.equal(result.stopReason, 'threshold');
    assert.equal(result.rounds.length, 1);
    assert.equal(result.svg, SVG_A);
    assert.deepEqual(result.best, { round: 1, index: 0, score: 9 });
    assert.equal(result.critic, 'vision');
    const types = events.map((e) => e.type);
    for (const t of ['roundStarted', 'token', 'candidateRendered', 'critiqueReady', 'candidateDone', 'done']) assert.ok(types.includes(t as LoopEvent['type']), t);
    assert.equal(types.at(-1), 'done');
    const rendered = events.find((e) => e.type === 'candidateRendered');
    assert.ok(rendered && rendered.type === 'candidateRendered');
    assert.deepEqual([...rendered.png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(rendered.width, 200);
    const lastToken = events.filter((e) => e.type === 'token').at(-1);
    assert.ok(lastToken?.type === 'token' && lastToken.text === SVG_A);
    const c = result.rounds[0].candidates[0];
    assert.ok(c.tokens > 0 && c.ms > 0 && c.modelMs > 0);
  });

  it('sends the IntroSVG settings and the render as a PNG data URL after the critic text', async () => {
    const { server: s } = await loop((r) => (r.kind === 'generate' ? { text: SVG_A } : { text: verdict(9) }));
    const gen = s.requests.find((r) => r.kind === 'generate')!;
    assert.equal(gen.body.temperature, 0.5);
    assert.equal(gen.body.max_tokens, 6000);
    assert.equal(gen.text, 'Please generate an SVG icon that meets the following description: a red heart');
    const critic = s.requests.find((r) => r.kind === 'critic-vision')!;
    assert.equal(critic.body.temperature, 0.1);
    assert.equal(critic.body.max_tokens, 2048);
    const content = (critic.body.messages as { content: { type: string; image_url?: { url: string } }[] }[])[0].content;
    assert.deepEqual(content.map((p) => p.type), ['text', 'image_url']);
    assert.match(content[1].image_url!.url, /^data:image\/png;base64,iVBORw0KGgo/);
    assert.equal((critic.body.response_format as { type: string }).type, 'json_schema');
  });

  it('returns the best-scoring SVG, not the last, and refines the best with critique, suggestions and lint', async () => {
    const { result, server: s } = await loop(
      (r) => {
        if (r.kind === 'generate') return { text: SVG_A };
        if (r.kind === 'refine') return { text: r.nth === 0 ? SVG_B : SVG_C };
        return { text: verdict([7, 4, 5][r.nth], `critique ${r.nth}`, `suggestion ${r.nth}`) };
      },
      { threshold: 10, rounds: 3 },
    );
    assert.equal(result.stopReason, 'rounds');
    assert.equal(result.rounds.length, 3);
    assert.deepEqual(result.rounds.map((r) => r.candidates[0].score), [7, 4, 5]);
    assert.equal(result.svg, SVG_A);
    assert.deepEqual(result.best, { round: 1, index: 0, score: 7 });
    const refines = s.requests.filter((r) => r.kind === 'refine');
    assert.equal(refines.length, 2);
    // Both refinements start from round 1's draft (still the best), with its critique.
    for (const r of refines) {
      assert.ok(r.text.includes(SVG_A));
      assert.ok(r.text.includes('Critique: critique 0'));
      assert.ok(r.text.includes('Suggestions: suggestion 0'));
    }
    assert.equal(refines[0].body.temperature, 0.2);
  });

  it('scores an invalid draft 0 and refines it from its error', async () => {
    const broken = '<svg xmlns="http://www.w3.org/2000/svg"><g></rect></svg>';
    const { result, server: s } = await loop((r) => {
      if (r.kind === 'generate') return { text: broken };
      if (r.kind === 'refine') return { text: SVG_B };
      return { text: verdict(8.5) };
    });
    const first = result.rounds[0].candidates[0];
    assert.equal(first.valid, false);
    assert.equal(first.score, 0);
    assert.equal(first.critic, 'none');
    assert.match(first.error ?? '', /not well-formed/);
    const refine = s.requests.find((r) => r.kind === 'refine')!;
    assert.ok(refine.text.includes(broken));
    assert.match(refine.text, /The code above is broken: The SVG is not well-formed/);
    assert.equal(result.svg, SVG_B);
    assert.equal(result.stopReason, 'threshold');
  });

  it('repairs a truncated stream (max_tokens hit mid-element)', async () => {
    const cut = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><g fill="#e33"><circle cx="100" cy="100" r="50"/><path d="M10 10 L50';
    const { result } = await loop((r) => (r.kind === 'generate' ? { text: cut, finish: 'length' } : { text: verdict(9) }));
    const c = result.rounds[0].candidates[0];
    assert.equal(c.valid, true);
    assert.ok(c.repairs.some((x) => /closed 2 open elements/.test(x)), c.repairs.join('; '));
    assert.equal(result.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><g fill="#e33"><circle cx="100" cy="100" r="50"/></g></svg>');
  });

  it('extracts from prose around a fence and keeps the rationale', async () => {
    const answer = `<think>A heart is two arcs meeting in a point.</think>Here you go:\n\`\`\`svg\n${SVG_A}\n\`\`\`\nEnjoy!`;
    const { result } = await loop((r) => (r.kind === 'generate' ? { text: answer } : { text: verdict(9) }));
    assert.equal(result.svg, SVG_A);
    assert.equal(result.rationale, 'A heart is two arcs meeting in a point.');
    assert.equal(result.rounds[0].candidates[0].source, 'fence');
  });

  it('decodes LLM4SVG semantic tokens', async () => {
    const tokens = '[<|START_OF_SVG|>][<|svg_circle|>][<|cx|>]64[<|cy|>]64[<|r|>]40[<|fill|>]red[<|END_OF_SVG|>]';
    const { result } = await loop((r) => (r.kind === 'generate' ? { text: tokens } : { text: verdict(9) }));
    assert.equal(result.rounds[0].candidates[0].source, 'tokens');
    assert.equal(result.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128"><circle cx="64" cy="64" r="40" fill="red"/></svg>');
  });

  it('keeps a draft unscored when the critic answers no JSON, and goes on', async () => {
    const { result } = await loop((r) => (r.kind === 'generate' || r.kind === 'refine' ? { text: SVG_A } : { text: 'Looks lovely, 9/10.' }), { rounds: 2 });
    assert.equal(result.stopReason, 'rounds');
    assert.equal(result.rounds.length, 2);
    for (const round of result.rounds) {
      const c = round.candidates[0];
      assert.equal(c.valid, true);
      assert.equal(c.score, null);
      assert.match(c.criticError ?? '', /critic answered no JSON/);
    }
    assert.equal(result.svg, SVG_A);
    assert.equal(result.best?.score, null);
  });

  it('retries a 500 once and carries on', async () => {
    const { result, events, server: s } = await loop((r) => {
      if (r.kind === 'generate') return r.nth === 0 ? { status: 500 } : { text: SVG_A };
      return { text: verdict(9) };
    });
    assert.equal(s.requests.filter((r) => r.kind === 'generate').length, 2);
    assert.equal(result.svg, SVG_A);
    assert.ok(events.some((e) => e.type === 'notice' && /failed \(500/.test(e.message) && /Retrying once/.test(e.message)));
  });

  it('ends with the best SVG so far and a clear message when the server keeps failing', async () => {
    const { result, server: s } = await loop((r) => {
      if (r.kind === 'generate') return { text: SVG_A };
      if (r.kind === 'refine') return { status: 503, message: 'overloaded' };
      return { text: verdict(5) };
    });
    assert.equal(s.requests.filter((r) => r.kind === 'refine').length, 2, 'one retry, no more');
    assert.equal(result.stopReason, 'error');
    assert.equal(result.svg, SVG_A);
    assert.match(result.message ?? '', /busy \(503: overloaded\).*Kept the best valid SVG so far \(round 1, score 5\)/);
  });

  it('gives a clear error and no SVG when the very first request fails', async () => {
    const { result } = await loop(() => ({ status: 500, message: 'boom' }));
    assert.equal(result.svg, undefined);
    assert.equal(result.stopReason, 'error');
    assert.match(result.message ?? '', /failed \(500: boom\)/);
  });

  it('abandons a stalled stream after the idle limit and salvages what arrived', async () => {
    const partial = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="80" fill="#36c"/><rect x="1';
    const started = Date.now();
    // The stall never ends, and the request limit is a minute: only the idle limit can end the two attempts quickly.
    const { result, server: s } = await loop((r) => (r.kind === 'generate' ? { stallAfter: partial } : { text: verdict(6) }), {}, { idleTimeoutMs: 1_000, timeoutMs: 60_000 });
    assert.ok(Date.now() - started < 15_000, 'must not hang');
    assert.equal(result.stopReason, 'error');
    assert.match(result.message ?? '', /stopped sending data/);
    assert.equal(s.requests.filter((r) => r.kind === 'generate').length, 2, 'a stalled stream is retried once');
    assert.equal(result.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="80" fill="#36c"/></svg>');
    assert.ok(result.rounds[0].candidates[0].repairs.some((r) => /recovered from a failed request/.test(r)));
  });

  it('retries once after a disconnect mid-stream, restarting the streamed text', async () => {
    const { result, events, server: s } = await loop((r) => {
      if (r.kind === 'generate') return r.nth === 0 ? { disconnectAfter: '<svg xmlns="http://www.w3.org/2000/svg"><circ' } : { text: SVG_B };
      return { text: verdict(9) };
    });
    assert.equal(s.requests.filter((r) => r.kind === 'generate').length, 2);
    assert.equal(result.svg, SVG_B);
    assert.ok(events.some((e) => e.type === 'token' && e.text === ''), 'a restart resets the streamed text');
    const last = events.filter((e) => e.type === 'token').at(-1);
    assert.ok(last?.type === 'token' && last.text === SVG_B);
  });

  it('ends cleanly when every attempt disconnects', async () => {
    const { result, server: s } = await loop((r) => (r.kind === 'generate' ? { disconnectAfter: 'Sure! <svg' } : { text: verdict(9) }));
    assert.equal(s.requests.filter((r) => r.kind === 'generate').length, 2, 'exactly one retry on a connection reset');
    assert.equal(result.svg, undefined);
    assert.equal(result.stopReason, 'error');
    assert.match(result.message ?? '', /connection to the model server .* broke/);
  });

  it('leaves a draft unscored when the critic is too slow, and keeps going', async () => {
    const { result } = await loop(
      // The critic never answers within the test; the limit leaves the instant drafts 1.5 s on a loaded machine.
      (r) => (r.kind === 'generate' || r.kind === 'refine' ? { text: SVG_A } : { text: verdict(9), delayMs: 10 * 60_000 }),
      { rounds: 2 },
      { timeoutMs: 1_500 },
    );
    assert.equal(result.rounds.length, 2);
    assert.equal(result.rounds[0].candidates[0].score, null);
    assert.match(result.rounds[0].candidates[0].criticError ?? '', /did not finish within/);
    assert.equal(result.svg, SVG_A);
  });

  it('returns promptly on cancellation with what exists, and aborts the request', async () => {
    const controller = new AbortController();
    // The refinement streams its first pieces and then stalls for longer than the idle and request limits (a
    // minute each), so only the cancellation can end this run quickly.
    const run = loop(
      (r) => (r.kind === 'generate' ? { text: SVG_A } : r.kind === 'refine' ? { stallAfter: SVG_A.slice(0, 40) } : { text: verdict(5) }),
      { rounds: 3 },
      { idleTimeoutMs: 60_000, timeoutMs: 60_000 },
      controller.signal,
    );
    // Cancel once the refinement streams.
    let cancelledAt = 0;
    const timer = setInterval(() => {
      if (server?.requests.some((r) => r.kind === 'refine')) {
        clearInterval(timer);
        cancelledAt = Date.now();
        controller.abort();
      }
    }, 10);
    const { result, server: s } = await run;
    clearInterval(timer);
    assert.ok(cancelledAt > 0, 'the refinement was requested');
    assert.equal(result.stopReason, 'cancelled');
    assert.equal(result.svg, SVG_A, 'the valid draft from round 1 is kept');
    assert.match(result.message ?? '', /Cancelled\. Kept the best valid SVG so far/);
    assert.ok(Date.now() - cancelledAt < 10_000, `returned ${Date.now() - cancelledAt} ms after the cancellation`);
    // The server sees the closed connection a moment after the client returns: wait for that, not for a set time.
    for (const deadline = Date.now() + 10_000; s.clientAborts < 1 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 10));
    assert.ok(s.clientAborts >= 1, 'the streaming request was aborted');
  });

  it('cancels before anything happens without a request', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, server: s } = await loop(() => ({ text: SVG_A }), {}, {}, controller.signal);
    assert.equal(result.stopReason, 'cancelled');
    assert.equal(s.requests.length, 0);
  });

  it('asks for best-of-N in one request with n when supported, else in parallel with derived seeds', async () => {
    const withN = await loop((r) => (r.kind === 'generate' ? { text: [SVG_A, SVG_B, SVG_C] } : { text: verdict(r.nth === 1 ? 9 : 3) }), {
      candidates: 3,
      capabilities: { ...VISION, multipleChoices: true },
      seed: 42,
    });
    const gens = withN.server.requests.filter((r) => r.kind === 'generate');
    assert.equal(gens.length, 1);
    assert.equal(gens[0].body.n, 3);
    assert.equal(withN.result.rounds[0].candidates.length, 3);
    await server?.close();
    server = undefined;

    const parallel = await loop((r) => (r.kind === 'generate' ? { text: [SVG_A, SVG_B, SVG_C][Number(r.body.seed) - 42] } : { text: verdict(r.text.length % 2 ? 6 : 6) }), {
      candidates: 3,
      seed: 42,
      threshold: 10,
      rounds: 1,
    });
    const seeds = parallel.server.requests.filter((r) => r.kind === 'generate').map((r) => r.body.seed).sort();
    assert.deepEqual(seeds, [42, 43, 44]);
    assert.deepEqual(parallel.result.rounds[0].candidates.map((c) => c.svg), [SVG_A, SVG_B, SVG_C], 'candidates keep their order');
    assert.equal(parallel.result.svg, SVG_C, 'ties go to the later candidate');
  });

  it('is deterministic with a seed: the same requests in the same order', async () => {
    const script: Script = (r) => (r.kind === 'critic-vision' ? { text: verdict(4) } : { text: SVG_A });
    const a = await loop(script, { seed: 7, rounds: 2 });
    const bodiesA = a.server.requests.map((r) => JSON.stringify(r.body));
    await server?.close();
    server = undefined;
    const b = await loop(script, { seed: 7, rounds: 2 });
    assert.deepEqual(b.server.requests.map((r) => JSON.stringify(r.body)), bodiesA);
    assert.deepEqual(a.server.requests.map((r) => r.body.seed), [7, 7, 1007, 7]);
  });

  it('uses a text critic with the code and lint findings when the endpoint takes no images', async () => {
    const noViewBox = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="100" cy="100" r="80"/></svg>';
    const { result, server: s } = await loop((r) => (r.kind === 'generate' ? { text: noViewBox } : { text: verdict(9) }), {
      capabilities: { ...VISION, images: false, jsonSchema: false },
    });
    assert.equal(result.critic, 'text');
    assert.equal(result.rounds[0].candidates[0].critic, 'text');
    const critic = s.requests.find((r) => r.kind === 'critic-text')!;
    assert.ok(critic.text.includes(noViewBox));
    assert.match(critic.text, /Automatic checks found:\n- /);
    assert.equal(critic.body.response_format, undefined, 'no schema where unsupported');
  });

  it('probes capabilities once per endpoint and model', async () => {
    const cache = new CapabilityCache();
    server = await startFaultServer((r) => {
      if (r.kind === 'probe') {
        const content = (r.body.messages as { content: unknown }[])[0].content;
        if (Array.isArray(content)) return { status: 400, message: 'image input is not supported' };
        if (r.body.response_format) return { text: '{"ok": true}' };
        if (r.body.svg_grammar) return { text: 'Hello' };
        return { text: 'hi' };
      }
      return r.kind === 'generate' ? { text: SVG_A } : { text: verdict(9) };
    });
    const client = new ModelClient({ baseURL: server.url });
    const first = await runLoop({ prompt: 'x', client, renderer: pool, capabilityCache: cache });
    assert.deepEqual(first.capabilities, { images: false, jsonSchema: true, svgGrammar: false, multipleChoices: true });
    assert.equal(first.critic, 'text');
    const probes = server.requests.filter((r) => r.kind === 'probe').length;
    assert.equal(probes, 4);
    await runLoop({ prompt: 'y', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilityCache: cache });
    assert.equal(server.requests.filter((r) => r.kind === 'probe').length, probes, 'cached');
  });

  it('probes without n when a server refuses it', async () => {
    server = await startFaultServer((r) => {
      if (r.kind === 'probe' && r.body.n) return { status: 400, message: 'n is not supported' };
      if (r.kind === 'probe') return { text: 'hi' };
      return r.kind === 'generate' ? { text: SVG_A } : { text: verdict(9) };
    });
    const result = await runLoop({ prompt: 'x', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilityCache: new CapabilityCache(), candidates: 2, threshold: 10, rounds: 1 });
    assert.equal(result.capabilities?.multipleChoices, false);
    assert.equal(result.rounds[0].candidates.length, 2);
    assert.equal(server.requests.filter((r) => r.kind === 'generate').length, 2);
  });

  it('reports an unreachable endpoint clearly', async () => {
    server = await startFaultServer(() => ({ text: '' }));
    const url = server.url;
    await server.close();
    server = undefined;
    const result = await runLoop({ prompt: 'x', client: new ModelClient({ baseURL: url }), renderer: pool, capabilityCache: new CapabilityCache() });
    assert.equal(result.stopReason, 'error');
    assert.equal(result.svg, undefined);
    assert.match(result.message ?? '', /Cannot reach the model server at .*Start the server/);
  });

  it('critiqueOnce and refineOnce: score an SVG, then fix it from the critique', async () => {
    server = await startFaultServer((r) => (r.kind === 'refine' ? { text: `Fixed:\n\`\`\`svg\n${SVG_B}\n\`\`\`` } : { text: verdict(3, 'too plain', '1. add colour') }));
    const client = new ModelClient({ baseURL: server.url });
    const c = await critiqueOnce({ svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>a blue ball</title><circle cx="5" cy="5" r="4"/></svg>`, client, renderer: pool, capabilities: VISION });
    assert.ok(c.ok);
    assert.equal(c.score, 3);
    assert.equal(c.critic, 'vision');
    assert.equal(c.prompt, 'a blue ball');
    assert.match(server.requests[0].text, /It was meant to show: a blue ball/);
    const f = await refineOnce({ svg: SVG_A, prompt: 'a blue ball', critique: c.critique, suggestions: c.suggestions, client, renderer: pool, capabilities: VISION });
    assert.ok(f.ok);
    assert.equal(f.svg, SVG_B);
    const refine = server.requests.find((r) => r.kind === 'refine')!;
    assert.match(refine.text, /Critique: too plain/);
    const broken = await critiqueOnce({ svg: '<svg><g></rect>', client, renderer: pool, capabilities: VISION });
    assert.ok(!broken.ok && broken.kind === 'error');
    assert.match(broken.message, /not well-formed/);
  });
});
