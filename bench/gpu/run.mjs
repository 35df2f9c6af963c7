// The bundled server's speed on a GPU, in one command (after `npm run build`):
//
//   node bench/gpu/run.mjs [--dtype f16|q8_0] [--backend auto|vulkan|cuda]
//        [--model PATH] [--keep-model] [--copy-gbps N] [--label NAME]
//        [--max-tokens 256] [--reps 3] [--streams 8] [--no-streams] [--raw]
//        [--small] [--out results.jsonl] [--server-log PREFIX] [-- SERVER_ARGS...]
//   node bench/gpu/run.mjs --measure-copy   (prints the copy bandwidth in GB/s and exits)
//
// 1. Writes a random-weight model with Qwen2.5-7B's shapes (model7b.mjs; no download).
// 2. Measures the device's copy bandwidth (PyTorch, where python3 has it; else --copy-gbps).
//    The bound for single-stream decode is model bytes ÷ that bandwidth: every weight is
//    read once per token.
// 3. Starts dist/server.js with one slot: a warm-up request, then --reps streams of
//    --max-tokens tokens: time to first token (TTFT) and decode tok/s, (tokens - 1) ÷
//    (last token - first token), medians.
// 4. With --raw, the same model through the binding's own llama_decode loop
//    (no sampling, no server): what the device reaches without the server's per-token work.
// 5. Starts it with --parallel N (--streams): two rounds of N concurrent streams, with
//    no warm-up request of ours (the server warms its batch shapes at load): aggregate
//    tok/s and the slowest TTFT of each round.
// A table goes to stdout last; one JSON line per run to --out. SERVER_ARGS after `--`
// go to both servers (e.g. -- --flash-attn on). --small: a tiny model on the CPU, to
// check the script itself on a machine without a GPU.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QWEN25_7B, writeModel7b } from './model7b.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const serverArgs = dash >= 0 ? argv.slice(dash + 1) : [];
const own = dash >= 0 ? argv.slice(0, dash) : argv;
const opt = (name, fallback) => { const i = own.indexOf(`--${name}`); return i >= 0 ? own[i + 1] : fallback; };
const flag = (name) => own.includes(`--${name}`);

const small = flag('small');
const dtype = opt('dtype', 'f16');
const backend = opt('backend', small ? 'cpu' : 'auto');
const maxTokens = Number(opt('max-tokens', small ? 32 : 256));
const reps = Number(opt('reps', 3));
const streams = flag('no-streams') ? 0 : Number(opt('streams', 8));
const label = opt('label', `${dtype}${serverArgs.length ? ` ${serverArgs.join(' ')}` : ''}`);
const out = opt('out');
const shape = small ? { dim: 256, layers: 2, heads: 4, kvHeads: 2, ff: 704, vocab: 4000 } : QWEN25_7B;
const modelPath = resolve(opt('model', join(tmpdir(), `svg-copilot-bench-${small ? 'small' : '7b'}-${dtype}.gguf`)));
const TOKEN = `bench-${process.pid}-0123456789`;
const server = join(root, 'dist', 'server.js');
const t0 = performance.now();
const say = (line) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

if (!existsSync(server)) { console.error('bench/gpu: dist/server.js is missing: run "npm run build" first'); process.exit(1); }

// ---- the device's copy bandwidth ------------------------------------------------------
const COPY = `
import statistics, torch
a = torch.empty(2 * 1024**3, dtype=torch.uint8, device='cuda'); b = torch.empty_like(a)
for _ in range(3): b.copy_(a)
torch.cuda.synchronize(); t = []
for _ in range(10):
    e0, e1 = torch.cuda.Event(True), torch.cuda.Event(True)
    e0.record(); b.copy_(a); e1.record(); torch.cuda.synchronize(); t.append(e0.elapsed_time(e1))
print(2 * a.numel() / (statistics.median(t) / 1e3) / 1e9, torch.cuda.get_device_name())
`;
let copyGBs = Number(opt('copy-gbps', NaN));
if (!Number.isFinite(copyGBs) && (!small || flag('measure-copy'))) {
  try {
    const [gbs, ...name] = execFileSync(process.env.PYTHON ?? 'python3', ['-c', COPY], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).trim().split(' ');
    copyGBs = Number(gbs);
    say(`copy bandwidth: ${f(copyGBs, 0)} GB/s (read + write of 2 GiB, median of 10, PyTorch on ${name.join(' ')})`);
  } catch (err) {
    say(`copy bandwidth: not measured (${String(err.stderr ?? err.message).trim().split('\n').pop()}); give --copy-gbps`);
  }
}
if (flag('measure-copy')) { console.log(`copy-gbps ${copyGBs}`); process.exit(Number.isFinite(copyGBs) ? 0 : 1); }

// ---- the model -------------------------------------------------------------------
let model;
if (flag('keep-model') && existsSync(modelPath)) {
  model = { bytes: statSync(modelPath).size, embdBytes: shape.dim * shape.vocab * (dtype === 'f16' ? 2 : 34 / 32) };
  say(`model: reusing ${modelPath} (${f(model.bytes / 1e9, 2)} GB)`);
} else {
  mkdirSync(dirname(modelPath), { recursive: true });
  rmSync(modelPath, { force: true });
  const g0 = performance.now();
  model = writeModel7b(modelPath, { dtype, shape });
  say(`model: wrote ${modelPath}, ${f(model.bytes / 1e9, 2)} GB ${dtype}, in ${f((performance.now() - g0) / 1000)} s`);
}

const bound = copyGBs * 1e9 / model.bytes;

// ---- the server ----------------------------------------------------------------------------
function startServer(extra) {
  return new Promise((done, fail) => {
    const s0 = performance.now();
    const args = [server, '--engine', 'llamacpp', '--model', modelPath, '--host', '127.0.0.1', '--port', '0', '--token', TOKEN, '--backend', backend, '--ctx', '4096', ...(small ? ['--threads', '1'] : []), ...extra, ...serverArgs];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let line = '';
    child.stderr.on('data', (d) => { log += d; if (log.length > 4e6) log = log.slice(-2e6); });
    child.stdout.on('data', (d) => {
      line += d;
      const nl = line.indexOf('\n');
      if (nl < 0) return;
      const ready = JSON.parse(line.slice(0, nl));
      done({ child, ready, loadS: (performance.now() - s0) / 1000, log: () => log });
    });
    child.on('exit', (code) => fail(new Error(`server exited (${code}) before it was ready:\n${log.split('\n').filter((l) => l.startsWith('svg-copilot-server')).join('\n')}`)));
  });
}
let servers = 0;
const stopServer = (s) => new Promise((done) => {
  s.child.removeAllListeners('exit');
  s.child.once('exit', () => {
    if (opt('server-log')) writeFileSync(`${opt('server-log')}-${++servers}.log`, s.log());
    done();
  });
  s.child.kill('SIGTERM');
});
const ownLines = (log) => log.split('\n').filter((l) => /svg-copilot-server: (device|llamacpp)|ggml_vulkan: \d|offloaded \d+\/\d+ layers/.test(l)).map((l) => `  | ${l.slice(0, 300)}`).join('\n');

let seq = 0;
/** One streamed chat completion: TTFT, decode tok/s, tokens. */
async function stream(url, name, tokens) {
  const r = { ttftMs: NaN, decodeTps: NaN, tokens: 0, error: null, t0: performance.now(), tEnd: 0 };
  let tFirst = 0;
  let tLast = 0;
  let chunks = 0;
  try {
    const res = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: name, messages: [{ role: 'user', content: `[${++seq}] Draw an icon of a lighthouse in a storm, with waves and a ship.` }], max_tokens: tokens, temperature: 0.5, stream: true, stream_options: { include_usage: true } }),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const dec = new TextDecoder();
    let buf = '';
    for await (const bytes of res.body) {
      buf += dec.decode(bytes, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const data = buf.slice(0, i).replace(/^data: ?/, '');
        buf = buf.slice(i + 2);
        if (data === '[DONE]') continue;
        const msg = JSON.parse(data);
        if (msg.usage) r.tokens = msg.usage.completion_tokens;
        if (msg.choices?.[0]?.delta?.content) { tLast = performance.now(); if (!chunks++) tFirst = tLast; }
      }
    }
  } catch (err) {
    r.error = err.message;
  }
  r.tEnd = performance.now();
  if (chunks) r.ttftMs = tFirst - r.t0;
  if (r.tokens > 1 && tLast > tFirst) r.decodeTps = (r.tokens - 1) / ((tLast - tFirst) / 1000);
  return r;
}

const result = { label, dtype, backend, serverArgs, modelBytes: model.bytes, embdBytes: model.embdBytes, copyGBs, bound, maxTokens };
const failed = (what, err) => { say(`${what} failed: ${err.message}`); result[`${what}Error`] = err.message.slice(0, 500); };

// ---- one slot ------------------------------------------------------------------------------
try {
  const s = await startServer(['--parallel', '1']);
  result.device = s.ready.device;
  result.deviceReason = s.ready.deviceReason;
  result.loadS = s.loadS;
  say(`one slot: ready in ${f(s.loadS)} s on ${s.ready.device} (${s.ready.deviceReason})\n${ownLines(s.log())}`);
  await stream(s.ready.url, s.ready.model, 16);
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(await stream(s.ready.url, s.ready.model, maxTokens));
  const bad = runs.find((x) => x.error || x.tokens !== maxTokens);
  if (bad) say(`one slot: a stream ${bad.error ? `failed: ${bad.error}` : `gave ${bad.tokens} tokens, not ${maxTokens}`}`);
  result.ttftMs = median(runs.map((x) => x.ttftMs));
  result.decodeTps = median(runs.map((x) => x.decodeTps));
  say(`one slot: decode ${runs.map((x) => f(x.decodeTps)).join(', ')} tok/s; TTFT ${runs.map((x) => f(x.ttftMs, 0)).join(', ')} ms`);
  await stopServer(s);
} catch (err) { failed('single', err); }

// ---- the binding's own decode loop ----------------------------------------------------------
if (flag('raw')) {
  const variant = /^Vulkan/.test(result.device ?? '') ? 'vulkan' : /^CUDA/.test(result.device ?? '') ? 'cuda' : 'default';
  const script = `
    const b = require('@fugood/llama.node');
    (async () => {
      const ctx = await b.loadModel({ lib_variant: '${variant}', model: process.argv[1], n_ctx: 4096, n_parallel: 8, n_gpu_layers: ${variant === 'default' ? 0 : -1}, n_batch: 512, ${small ? 'n_threads: 1,' : ''} });
      const one = await ctx.bench(128, 128, 1, 1);
      const eight = await ctx.bench(128, 64, 8, 1);
      console.log('@@raw ' + JSON.stringify({ tg1: one.speedTg, pp: one.speedPp, tg8: eight.speedTg }));
      await ctx.release();
    })().catch((e) => { console.log('@@raw ' + JSON.stringify({ error: e.message })); });`;
  try {
    // The same ggml-vulkan setting the server gives its worker (server/main.ts), unless one is set.
    const mmvq = process.env.GGML_VK_FORCE_MMVQ !== undefined || process.env.GGML_VK_DISABLE_MMVQ !== undefined ? {} : { GGML_VK_FORCE_MMVQ: '1' };
    const text = execFileSync(process.execPath, ['-e', script, modelPath], { cwd: join(root, 'dist'), env: { ...process.env, ...mmvq }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 180_000, maxBuffer: 64 << 20 });
    const raw = JSON.parse(text.split('\n').find((l) => l.startsWith('@@raw ')).slice(6));
    result.raw = raw;
    say(`binding's own loop (${variant}): decode ${f(raw.tg1)} tok/s one sequence, ${f(raw.tg8)} tok/s over 8; prompt ${f(raw.pp, 0)} tok/s${raw.error ? `; error ${raw.error}` : ''}`);
  } catch (err) { failed('raw', err); }
}

// ---- concurrent streams ------------------------------------------------------------------------
if (streams > 1) {
  try {
    const s = await startServer(['--parallel', String(streams)]);
    result.parallelLoadS = s.loadS;
    say(`${streams} slots: ready in ${f(s.loadS)} s\n${ownLines(s.log()).split('\n').filter((l) => /warm/.test(l)).join('\n')}`);
    result.rounds = [];
    for (let round = 0; round < 2; round++) {
      const w0 = performance.now();
      const runs = await Promise.all(Array.from({ length: streams }, () => stream(s.ready.url, s.ready.model, maxTokens)));
      const wall = (Math.max(...runs.map((x) => x.tEnd)) - w0) / 1000;
      const tokens = runs.reduce((n, x) => n + x.tokens, 0);
      const errors = runs.filter((x) => x.error).map((x) => x.error);
      const r = { aggregateTps: tokens / wall, maxTtftMs: Math.max(...runs.map((x) => x.ttftMs)), perStreamTps: median(runs.map((x) => x.decodeTps)), tokens, errors };
      result.rounds.push(r);
      say(`${streams} slots, round ${round + 1}: ${tokens} tokens in ${f(wall, 2)} s = ${f(r.aggregateTps)} tok/s; slowest TTFT ${f(r.maxTtftMs, 0)} ms; per stream ${f(r.perStreamTps)} tok/s${errors.length ? `; errors: ${errors[0]}` : ''}`);
    }
    await stopServer(s);
  } catch (err) { failed('streams', err); }
}

// ---- table ------------------------------------------------------------------------------------
const share = result.decodeTps / bound;
const msPerToken = 1000 / result.decodeTps;
const floorMs = 1000 / bound;
const r1 = result.rounds?.[0];
const r2 = result.rounds?.[1];
const rows = [
  ['run', label],
  ['device', `${result.device ?? 'n/a'}`],
  ['model', `${f(model.bytes / 1e9, 2)} GB ${dtype}, load ${f(result.loadS)} s`],
  ['bound (bytes ÷ copy rate)', `${f(bound)} tok/s = ${f(floorMs, 2)} ms/token at ${f(copyGBs, 0)} GB/s`],
  ['decode, one stream', `${f(result.decodeTps)} tok/s = ${f(msPerToken, 2)} ms/token, ${f(share, 2)} of the bound (+${f(msPerToken - floorMs, 2)} ms over the floor)`],
  ['TTFT, one stream', `${f(result.ttftMs, 0)} ms`],
  ...(result.raw ? [['binding loop (no server)', `${f(result.raw.tg1)} tok/s one sequence (${f(result.raw.tg1 / bound, 2)} of the bound), ${f(result.raw.tg8)} tok/s over 8`]] : []),
  ...(r1 ? [[`${streams} streams, round 1 / 2`, `${f(r1.aggregateTps)} / ${f(r2?.aggregateTps)} tok/s (${f(r2?.aggregateTps / result.decodeTps, 2)}× one stream); slowest TTFT ${f(r1.maxTtftMs, 0)} / ${f(r2?.maxTtftMs, 0)} ms`]] : []),
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}`);
if (out) appendFileSync(out, `${JSON.stringify({ ...result, at: new Date().toISOString(), totalS: (performance.now() - t0) / 1000 })}\n`);
if (!flag('keep-model') && !opt('model')) rmSync(modelPath, { force: true });
