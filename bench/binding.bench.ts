// CPU decode speed of the two llama.cpp bindings on the same random GGUF,
// same prompt, same threads, greedy: @fugood/llama.node (the server's engine:
// it has image input) against node-llama-cpp (text-only, AVX2 builds). This is
// the measurement behind the engine choice; rounds alternate so that load from
// elsewhere on the machine hits both alike.
import { availableParallelism, loadavg } from 'node:os';
import type { BenchRow } from './types';
import { randomModel, median, benchThreads } from './randomModel';

const PROMPT = 'Please generate an SVG icon that meets the following description: a cat';
const TOKENS = 24;
const ROUNDS = 2;

// node-llama-cpp is ESM-only; this file is compiled to CommonJS.
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<Record<string, unknown>>;

interface Measure { decodeTps: number; ttftMs: number }

async function fugood(modelPath: string, threads: number): Promise<{ measure: () => Promise<Measure>; close: () => Promise<void> }> {
  const { loadModel } = await import('@fugood/llama.node');
  const ctx = await loadModel({ model: modelPath, n_ctx: 512, n_threads: threads, n_batch: 512 });
  return {
    measure: async () => {
      let n = 0;
      let first = 0;
      let last = 0;
      const t0 = performance.now();
      await ctx.completion({ prompt: PROMPT, n_predict: TOKENS, temperature: 0, ignore_eos: true }, () => {
        last = performance.now();
        if (!n) first = last;
        n++;
      });
      return { decodeTps: ((n - 1) * 1000) / (last - first), ttftMs: first - t0 };
    },
    close: () => ctx.release(),
  };
}

async function nodeLlamaCpp(modelPath: string, threads: number): Promise<{ measure: () => Promise<Measure>; close: () => Promise<void> }> {
  type Seq = { evaluate: (tokens: unknown, o: { temperature: number }) => AsyncIterable<unknown>; clearHistory: () => Promise<void> };
  const mod = await importEsm('node-llama-cpp');
  const getLlama = mod.getLlama as (o: Record<string, unknown>) => Promise<{ loadModel: (o: Record<string, unknown>) => Promise<{ tokenize: (s: string) => unknown; createContext: (o: Record<string, unknown>) => Promise<{ getSequence: () => Seq; dispose: () => Promise<void> }>; dispose: () => Promise<void> }>; dispose: () => Promise<void> }>;
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 512, threads, batchSize: 512 });
  const seq = context.getSequence();
  const tokens = model.tokenize(PROMPT);
  return {
    measure: async () => {
      await seq.clearHistory();
      let n = 0;
      let first = 0;
      let last = 0;
      const t0 = performance.now();
      for await (const _ of seq.evaluate(tokens, { temperature: 0 })) {
        last = performance.now();
        if (!n) first = last;
        if (++n >= TOKENS) break;
      }
      return { decodeTps: ((n - 1) * 1000) / (last - first), ttftMs: first - t0 };
    },
    close: async () => { await context.dispose(); await model.dispose(); await llama.dispose(); },
  };
}

export async function run(): Promise<BenchRow[]> {
  const size = { dim: 512, layers: 4, vocabExtra: 2000 };
  const modelPath = randomModel(size);
  const rows: BenchRow[] = [];
  const load: number[] = [];
  // One thread compares the kernels (AVX2 or not) and is robust to other load on the
  // machine; all threads is what the server runs with.
  for (const threads of [...new Set([1, benchThreads()])]) {
    const fug: Measure[] = [];
    const nlc: Measure[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // One binding loaded at a time, alternating, so drifting load hits both alike.
      for (const [loader, into] of [[fugood, fug], [nodeLlamaCpp, nlc]] as const) {
        const b = await loader(modelPath, threads);
        await b.measure(); // warm-up: page in the weights
        into.push(await b.measure());
        await b.close();
      }
      load.push(loadavg()[0]);
      process.stderr.write(`binding bench ${threads} thread(s) round ${round + 1}: llama.node ${fug[round].decodeTps.toFixed(1)} tok/s, node-llama-cpp ${nlc[round].decodeTps.toFixed(1)} tok/s\n`);
    }
    const f = median(fug.map((m) => m.decodeTps));
    const n = median(nlc.map((m) => m.decodeTps));
    const tf = median(fug.map((m) => m.ttftMs));
    const tn = median(nlc.map((m) => m.ttftMs));
    const label = `random llama d${size.dim}×${size.layers}L f32, ${threads} thread${threads > 1 ? 's' : ''}`;
    rows.push(
      { name: `CPU decode @fugood/llama.node (${label})`, value: f, unit: 'tok/s', anchor: 'node-llama-cpp', anchorValue: n, ratio: f / n },
      { name: `CPU prompt→first token @fugood/llama.node (${label})`, value: tf, unit: 'ms', anchor: 'node-llama-cpp', anchorValue: tn, ratio: tf / tn },
    );
  }
  // Other processes on a small machine distort multi-threaded timings most: record how busy it was.
  rows.push({ name: `1-min load average during the binding benchmark (${availableParallelism()} cores)`, value: median(load), unit: 'runnable' });
  return rows;
}
