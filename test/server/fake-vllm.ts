#!/usr/bin/env node
// Stands in for `vllm serve` in tests: a real process that parses the same
// flags, takes time to start, serves /v1/models behind the API key, and can be
// told (through FAKE_VLLM_* variables) to reject flags, crash or ignore SIGTERM.
// A crash "after ready" counts from the first answer to /v1/models with the key,
// the supervisor's readiness check, so it cannot come before the supervisor has
// seen the server ready however late its poll runs.
import { createServer } from 'node:http';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const env = process.env;
const argv = process.argv.slice(2);
if (env.FAKE_VLLM_ARGS_FILE) writeFileSync(env.FAKE_VLLM_ARGS_FILE, JSON.stringify(argv));

// No --api-key: the key comes in VLLM_API_KEY, as vLLM reads it, so it is on no command line.
const known = new Set(['--served-model-name', '--host', '--port', '--max-model-len', '--limit-mm-per-prompt', '--mm-processor-kwargs',
  '--tensor-parallel-size', '--data-parallel-size', '--data-parallel-size-local', '--data-parallel-address', '--data-parallel-rpc-port',
  '--data-parallel-start-rank', '--data-parallel-backend', '--gpu-memory-utilization']);
const flags = new Set(['--headless']);
const opts: Record<string, string> = {};
if (argv[0] !== 'serve' || !argv[1]) { console.error('usage: vllm serve MODEL [options]'); process.exit(2); }
for (let i = 2; i < argv.length; i++) {
  const a = argv[i];
  if (flags.has(a)) { opts[a] = 'true'; continue; }
  if (!known.has(a)) { console.error(`vllm: error: unrecognized arguments: ${a}`); process.exit(2); }
  opts[a] = argv[++i];
}

// Counts starts across restarts so a test can make only the first N runs crash.
let startNo = 1;
if (env.FAKE_VLLM_STATE) {
  try { startNo = Number(readFileSync(env.FAKE_VLLM_STATE, 'utf8')) + 1; } catch { /* first start */ }
  writeFileSync(env.FAKE_VLLM_STATE, String(startNo));
}
const log = (s: string) => { console.log(s); if (env.FAKE_VLLM_LOG) appendFileSync(env.FAKE_VLLM_LOG, `${s}\n`); };
log(`INFO fake vllm start #${startNo} pid ${process.pid} model ${argv[1]}`);

const mode = env.FAKE_VLLM_MODE ?? 'normal';
if (mode === 'ignore-sigterm') process.on('SIGTERM', () => log('INFO ignoring SIGTERM'));
else process.on('SIGTERM', () => { log('INFO shutting down'); process.exit(0); });

if (mode === 'crash-before-ready') {
  setTimeout(() => { console.error('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB'); process.exit(1); }, 200);
} else {
  const key = env.VLLM_API_KEY;
  const crashes = Number(env.FAKE_VLLM_CRASHES ?? '0');
  let crashArmed = mode === 'crash-after-ready' && startNo <= crashes;
  const server = createServer((req, res) => {
    if (key && req.headers.authorization !== `Bearer ${key}`) { res.writeHead(401).end('{"error":"unauthorized"}'); return; }
    if (req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: opts['--served-model-name'] ?? argv[1], object: 'model' }] }));
      if (crashArmed) {
        crashArmed = false;
        setTimeout(() => { console.error('RuntimeError: engine core died unexpectedly'); process.exit(1); }, Number(env.FAKE_VLLM_CRASH_MS ?? '300'));
      }
      return;
    }
    res.writeHead(404).end();
  });
  setTimeout(() => {
    server.listen(Number(opts['--port']), opts['--host'] ?? '127.0.0.1', () => log('INFO Application startup complete.'));
  }, Number(env.FAKE_VLLM_START_MS ?? '300'));
}
