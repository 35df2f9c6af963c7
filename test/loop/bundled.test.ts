// The loop against the real bundled server on the tiny fixture models: shapes,
// not meaning. The tiny model has random weights, so only what the server's
// constraints guarantee is checked: with the SVG grammar the drafts are valid
// SVG, with JSON schema the critiques parse.
import assert from 'node:assert/strict';
import { critiqueOnce, refineOnce, runLoop, type LoopEvent } from '../../src/core/loop';
import { CapabilityCache, capabilitiesOf } from '../../src/core/model/capabilities';
import { ModelClient } from '../../src/core/model/client';
import { WorkerPool } from '../../src/core/render/pool';
import { parseSvg } from '../../src/core/svg/parse';
import { startBundledServer, type BundledServer } from './bundledServer';

describe('loop on the bundled server (tiny fixtures)', function () {
  this.timeout(180_000);
  let server: BundledServer;
  let pool: WorkerPool;
  const cache = new CapabilityCache();
  const client = () => new ModelClient({ baseURL: server.url, apiKey: server.token });

  before(async () => {
    server = await startBundledServer();
    pool = new WorkerPool({ size: 1 });
  });
  after(async () => {
    pool?.dispose();
    await server?.stop();
  });

  it('detects images, JSON schema, the SVG grammar and n on the bundled server', async () => {
    const caps = await capabilitiesOf(client(), undefined, cache);
    assert.ok(caps.ok, caps.ok ? '' : caps.kind === 'error' ? caps.message : 'cancelled');
    assert.deepEqual(caps.capabilities, { images: true, jsonSchema: true, svgGrammar: true, multipleChoices: true });
  });

  it('runs generate → render → critique → refine: valid drafts, parsed critiques, full history', async () => {
    const events: LoopEvent[] = [];
    const result = await runLoop({ prompt: 'a red circle', client: client(), renderer: pool, rounds: 2, threshold: 10.0, candidates: 2, seed: 3, capabilityCache: cache }, (e) => events.push(e));
    assert.equal(result.message, undefined, result.message);
    // Random weights may score 10 (the schema's bounds are clamped, not trusted), which ends the loop early.
    if (result.stopReason === 'threshold') assert.equal(result.best?.score, 10);
    else {
      assert.equal(result.stopReason, 'rounds');
      assert.equal(result.rounds.length, 2);
      assert.equal(result.rounds[1].kind, 'refine');
    }
    assert.equal(result.critic, 'vision');
    assert.equal(result.rounds[0].candidates.length, 2);
    for (const round of result.rounds) {
      for (const c of round.candidates) {
        assert.equal(c.valid, true, `round ${c.round} candidate ${c.index}: ${c.error}`);
        assert.deepEqual(parseSvg(c.svg ?? '').errors, []);
        assert.equal(typeof c.score, 'number', `critique should parse under JSON schema: ${c.criticError}`);
        assert.ok(c.score! >= 0 && c.score! <= 10);
        assert.equal(c.critic, 'vision');
        assert.ok(c.tokens > 0 && c.ms > 0);
      }
    }
    assert.ok(result.svg);
    const scores = result.rounds.flatMap((r) => r.candidates.map((c) => c.score!));
    assert.equal(result.best?.score, Math.max(...scores), 'the best-scoring draft is returned');
    const types = new Set(events.map((e) => e.type));
    for (const t of ['roundStarted', 'token', 'candidateRendered', 'critiqueReady', 'candidateDone', 'done'] as const) assert.ok(types.has(t), t);
  });

  it('refines every round when the critic is not schema-constrained: free-text critiques stay unscored, drafts stay valid', async () => {
    const probed = await capabilitiesOf(client(), undefined, cache);
    assert.ok(probed.ok);
    const result = await runLoop({
      prompt: 'a green leaf',
      client: client(),
      renderer: pool,
      rounds: 2,
      seed: 8,
      capabilities: { ...probed.capabilities, jsonSchema: false },
    });
    assert.equal(result.rounds.length, 2, result.message);
    assert.deepEqual(result.rounds.map((r) => r.kind), ['generate', 'refine']);
    for (const c of result.rounds.flatMap((r) => r.candidates)) {
      assert.equal(c.valid, true, c.error);
      if (c.score === null) assert.ok(c.criticError && c.criticError.length > 10);
    }
    assert.ok(result.svg);
    assert.deepEqual(parseSvg(result.svg).errors, []);
  });

  it('is repeatable with a seed', async () => {
    const run = () => runLoop({ prompt: 'a key', client: client(), renderer: pool, rounds: 1, seed: 11, capabilityCache: cache });
    const a = await run();
    const b = await run();
    assert.equal(a.svg, b.svg);
    assert.equal(a.best?.score, b.best?.score);
  });

  it('cancels mid-stream promptly', async () => {
    const controller = new AbortController();
    const started = Date.now();
    let cancelledAt = 0;
    const result = await runLoop({ prompt: 'a tree', client: client(), renderer: pool, rounds: 3, threshold: 10, seed: 5, capabilityCache: cache }, (e) => {
      if (e.type === 'token' && e.text.length > 0 && !controller.signal.aborted) {
        cancelledAt = Date.now();
        controller.abort();
      }
    }, controller.signal);
    assert.equal(result.stopReason, 'cancelled');
    assert.ok(cancelledAt > 0, 'tokens streamed');
    assert.ok(Date.now() - cancelledAt < 2_000, `returned ${Date.now() - cancelledAt} ms after cancel (started ${started})`);
  });

  it('critiqueOnce and refineOnce work against the real server', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><title>a circle</title><circle cx="12" cy="12" r="9" fill="red"/></svg>';
    const verdict = await critiqueOnce({ svg, client: client(), renderer: pool, capabilityCache: cache, seed: 1 });
    assert.ok(verdict.ok, verdict.ok ? '' : verdict.kind === 'error' ? verdict.message : 'cancelled');
    assert.ok(verdict.score >= 0 && verdict.score <= 10);
    assert.equal(verdict.critic, 'vision');
    const fixed = await refineOnce({ svg, critique: verdict.critique, suggestions: verdict.suggestions, client: client(), renderer: pool, capabilityCache: cache, seed: 1 });
    assert.ok(fixed.ok, fixed.ok ? '' : fixed.kind === 'error' ? fixed.message : 'cancelled');
    assert.deepEqual(parseSvg(fixed.svg).errors, []);
  });

  it('falls back to the text critic on a server without a projector', async () => {
    const textOnly = await startBundledServer({ vision: false });
    try {
      const result = await runLoop({
        prompt: 'a square',
        client: new ModelClient({ baseURL: textOnly.url, apiKey: textOnly.token }),
        renderer: pool,
        rounds: 1,
        seed: 2,
        capabilityCache: cache,
      });
      assert.equal(result.capabilities?.images, false);
      assert.equal(result.critic, 'text');
      assert.equal(result.rounds[0].candidates[0].critic, 'text');
      assert.equal(typeof result.rounds[0].candidates[0].score, 'number');
    } finally {
      await textOnly.stop();
    }
  });
});
