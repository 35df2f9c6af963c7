// Warming the batch shapes at load (done on GPU devices, where a first use of a
// shape builds its kernels): every slot decodes at once and they finish one after
// another, then the engine serves normally. Run here on the CPU build and the tiny model.
import assert from 'node:assert/strict';
import { LlamaCppEngine } from '../../server/llamacpp/engine';
import { tinyText } from './harness';

for (const slots of [3, 1]) describe(`engine warm-up (${slots} slot${slots > 1 ? 's' : ''})`, function () {
  this.timeout(60_000);
  let engine: LlamaCppEngine;
  before(async () => {
    engine = await LlamaCppEngine.load({ modelPath: tinyText, contextSize: 512, threads: 1, parallel: slots, gpuLayers: 0, backend: 'cpu', log: () => {} });
  });
  after(async () => { await engine?.close(); });

  it('decodes on every slot, each a different length, and leaves the engine serving', async () => {
    const tokens = await engine.warmUp();
    // slot i asks for 2 + 2i tokens; an early end of turn can only shorten that
    assert.ok(tokens >= slots && tokens <= slots * (slots + 1), `warm-up decoded ${tokens} tokens`);
    const r = await engine.generate({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 8, temperature: 0, topP: 1, stop: [], constraint: { kind: 'none' }, signal: new AbortController().signal });
    assert.ok(r.completionTokens > 0);
    assert.match(engine.info.device ?? '', /^CPU/);
  });
});
