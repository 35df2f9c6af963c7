// The HTTP server's overhead: tokens/s streamed through /v1/chat/completions
// (dist/server.js, SSE, the official client) against the same engine class
// in-process, and against a plain @fugood/llama.node completion() call, on the
// same model, prompt, seed and threads; and time to first token the same way.
// With one slot (the default) the engine runs the binding's plain completion
// call, which reuses the KV cache of a prompt prefix seen before, as the
// plain call here does. Time to first token is measured twice: for a prompt
// repeated every round (the cached case) and for a prompt that is new each
// round (the whole prompt is processed).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { BenchRow } from './types';
import { randomModel, median, benchThreads, repoRoot } from './randomModel';
import { LlamaCppEngine } from '../server/llamacpp/engine';

const MESSAGES = [{ role: 'user' as const, content: 'Please generate an SVG icon that meets the following description: a cat' }];
/** A prompt no earlier round used, so nothing of it but the chat template's head is cached. */
const freshMessages = (round: number) => [{ role: 'user' as const, content: `Round ${round}. Please generate an SVG icon that meets the following description: a dog` }];
const MAX_TOKENS = 64;
const SEED = 42;
/**
 * The server's sampling defaults, passed to the plain call too: OpenAI's top_p
 * default is 1, the binding's own default is 0.95, and a different top_p draws
 * different tokens from the same seed.
 */
const TOP_P = 1;
const ROUNDS = 5;

interface Measure { tps: number; ttftMs: number; tokens: number; freshTtftMs: number }

async function inProcess(modelPath: string, threads: number): Promise<Measure[]> {
  const { loadModel } = await import('@fugood/llama.node');
  // The context settings the engine loads with for one slot.
  const ctx = await loadModel({ model: modelPath, n_ctx: 2048, n_parallel: 1, n_threads: threads, n_batch: 512, ctx_shift: false });
  const out: Measure[] = [];
  try {
    for (let r = 0; r <= ROUNDS; r++) {
      let n = 0;
      let first = 0;
      let last = 0;
      const t0 = performance.now();
      await ctx.completion({ messages: MESSAGES, n_predict: MAX_TOKENS, temperature: 0.8, top_p: TOP_P, seed: SEED }, () => {
        last = performance.now();
        if (!n) first = last;
        n++;
      });
      if (r > 0) out.push({ tps: ((n - 1) * 1000) / (last - first), ttftMs: first - t0, tokens: n, freshTtftMs: 0 }); // round 0 warms up
    }
    for (const m of out) {
      let fresh = 0;
      const f0 = performance.now();
      await ctx.completion({ messages: freshMessages(out.indexOf(m)), n_predict: 2, temperature: 0.8, top_p: TOP_P, seed: SEED }, () => { if (!fresh) fresh = performance.now(); });
      m.freshTtftMs = fresh - f0;
    }
  } finally {
    await ctx.release();
  }
  return out;
}

/** The server's own engine class, in-process: the same code path as HTTP minus the HTTP layer. */
async function inProcessEngine(modelPath: string, threads: number): Promise<Measure[]> {
  const engine = await LlamaCppEngine.load({ modelPath, contextSize: 2048, threads, parallel: 1, gpuLayers: 0, log: () => {} });
  const out: Measure[] = [];
  try {
    for (let r = 0; r <= ROUNDS; r++) {
      let n = 0;
      let first = 0;
      let last = 0;
      const t0 = performance.now();
      await engine.generate({
        messages: MESSAGES, maxTokens: MAX_TOKENS, temperature: 0.8, topP: TOP_P, seed: SEED, stop: [], constraint: { kind: 'none' },
        signal: new AbortController().signal,
        onText: () => { last = performance.now(); if (!n) first = last; n++; },
      });
      if (r > 0) out.push({ tps: ((n - 1) * 1000) / (last - first), ttftMs: first - t0, tokens: n, freshTtftMs: 0 });
    }
    for (const m of out) {
      let fresh = 0;
      const f0 = performance.now();
      await engine.generate({
        messages: freshMessages(out.indexOf(m)), maxTokens: 2, temperature: 0.8, topP: TOP_P, seed: SEED, stop: [], constraint: { kind: 'none' },
        signal: new AbortController().signal, onText: () => { if (!fresh) fresh = performance.now(); },
      });
      m.freshTtftMs = fresh - f0;
    }
  } finally {
    await engine.close();
  }
  return out;
}

async function overHttp(modelPath: string, threads: number): Promise<Measure[]> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'server.js'), '--model', modelPath, '--threads', String(threads), '--ctx', '2048'], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, SVG_COPILOT_SERVER_TOKEN: 'bench-token-123' } });
  try {
    const ready = await new Promise<{ url: string; model: string }>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => { buf += d.toString(); const i = buf.indexOf('\n'); if (i >= 0) resolve(JSON.parse(buf.slice(0, i))); });
      child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
    });
    const client = new OpenAI({ baseURL: ready.url, apiKey: 'bench-token-123', maxRetries: 0 });
    const out: Measure[] = [];
    for (let r = 0; r <= ROUNDS; r++) {
      let n = 0;
      let first = 0;
      let last = 0;
      const t0 = performance.now();
      const stream = await client.chat.completions.create({ model: ready.model, messages: MESSAGES, max_tokens: MAX_TOKENS, temperature: 0.8, top_p: TOP_P, seed: SEED, stream: true });
      for await (const chunk of stream) {
        if (!chunk.choices[0]?.delta.content) continue;
        last = performance.now();
        if (!n) first = last;
        n++;
      }
      if (r > 0) out.push({ tps: ((n - 1) * 1000) / (last - first), ttftMs: first - t0, tokens: n, freshTtftMs: 0 });
    }
    for (const m of out) {
      let fresh = 0;
      const f0 = performance.now();
      const stream = await client.chat.completions.create({ model: ready.model, messages: freshMessages(out.indexOf(m)), max_tokens: 2, temperature: 0.8, top_p: TOP_P, seed: SEED, stream: true });
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content && !fresh) fresh = performance.now();
      m.freshTtftMs = fresh - f0;
    }
    return out;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function run(): Promise<BenchRow[]> {
  const size = { dim: 384, layers: 4, vocabExtra: 2000 };
  const modelPath = randomModel(size);
  const threads = benchThreads();
  // Blocks in the order A B C C B A so slow drifts in machine load cancel out.
  const plain = await inProcess(modelPath, threads);
  const engine = await inProcessEngine(modelPath, threads);
  const http = await overHttp(modelPath, threads);
  http.push(...(await overHttp(modelPath, threads)));
  engine.push(...(await inProcessEngine(modelPath, threads)));
  plain.push(...(await inProcess(modelPath, threads)));
  const show = (ms: Measure[]) => ms.map((m) => `${m.tps.toFixed(0)}(${m.tokens})`).join(' ');
  process.stderr.write(`server bench tok/s: binding call ${show(plain)}; engine in-process ${show(engine)}; http ${show(http)}\n`);
  const tps = (ms: Measure[]) => median(ms.map((m) => m.tps));
  const ttft = (ms: Measure[]) => median(ms.map((m) => m.ttftMs));
  const freshTtft = (ms: Measure[]) => median(ms.map((m) => m.freshTtftMs));
  const label = `random llama d${size.dim}×${size.layers}L, ${threads} threads`;
  return [
    { name: `tokens/s streamed over HTTP (${label})`, value: tps(http), unit: 'tok/s', anchor: 'same engine in-process', anchorValue: tps(engine), ratio: tps(http) / tps(engine), goal: '≥ 0.95', pass: tps(http) / tps(engine) >= 0.95 },
    { name: `tokens/s streamed over HTTP vs the plain binding call (${label})`, value: tps(http), unit: 'tok/s', anchor: 'llama.node completion()', anchorValue: tps(plain), ratio: tps(http) / tps(plain), goal: '≥ 0.95', pass: tps(http) / tps(plain) >= 0.95 },
    { name: `time to first token over HTTP (${label})`, value: ttft(http), unit: 'ms', anchor: 'same engine in-process', anchorValue: ttft(engine), ratio: ttft(http) / ttft(engine) },
    { name: `time to first token over HTTP vs the plain binding call, repeated prompt (${label})`, value: ttft(http), unit: 'ms', anchor: 'llama.node completion()', anchorValue: ttft(plain), ratio: ttft(http) / ttft(plain) },
    { name: `time to first token over HTTP vs the plain binding call, new prompt (${label})`, value: freshTtft(http), unit: 'ms', anchor: 'llama.node completion()', anchorValue: freshTtft(plain), ratio: freshTtft(http) / freshTtft(plain) },
  ];
}
