import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVllmArgs, validateVllmOptions, vllmEnv, type VllmOptions } from '../../server/vllm/args';
import { VllmSupervisor, SupervisorError } from '../../server/vllm/supervisor';
import { commandLine, privateTokenFile, processTree } from './harness';

const fake = join(__dirname, 'fake-vllm.js');
const repoRoot = join(__dirname, '..', '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

const base: VllmOptions = { model: 'gitcat404/IntroSVG-Qwen2.5-VL-7B', servedModelName: 'introsvg', host: '127.0.0.1', port: 8000, apiKey: 'k' };

describe('vllm command line', () => {
  it('builds the serve command with the vision limits, and hands the API key over in the environment only', () => {
    const args = buildVllmArgs({ ...base, apiKey: 'key-on-no-command-line', maxModelLen: 16384, maxImagePixels: 40000 });
    assert.deepEqual(args.slice(0, 8), ['serve', base.model, '--served-model-name', 'introsvg', '--host', '127.0.0.1', '--port', '8000']);
    assert.ok(!args.includes('--api-key') && !args.some((a) => a.includes('key-on-no-command-line')), args.join(' '));
    assert.equal(vllmEnv({ apiKey: 'key-on-no-command-line' }, { PATH: '/bin', VLLM_API_KEY: 'stale' }).VLLM_API_KEY, 'key-on-no-command-line');
    assert.equal(vllmEnv({ apiKey: 'k', headless: true }, { VLLM_API_KEY: 'stale' }).VLLM_API_KEY, undefined, 'a headless node serves no API');
    assert.equal(args[args.indexOf('--max-model-len') + 1], '16384');
    assert.equal(args[args.indexOf('--limit-mm-per-prompt') + 1], '{"image":1}');
    assert.equal(args[args.indexOf('--mm-processor-kwargs') + 1], '{"max_pixels":40000}');
    assert.ok(!args.includes('--tensor-parallel-size'), 'TP 1 is the default and is left out');
  });

  it('adds tensor/data parallel and multi-node flags', () => {
    const head = buildVllmArgs({ ...base, tensorParallelSize: 2, dataParallelSize: 4, dataParallelSizeLocal: 2, dataParallelAddress: '10.0.0.1', dataParallelRpcPort: 13345 });
    for (const [flag, value] of [['--tensor-parallel-size', '2'], ['--data-parallel-size', '4'], ['--data-parallel-size-local', '2'], ['--data-parallel-address', '10.0.0.1'], ['--data-parallel-rpc-port', '13345']]) {
      assert.equal(head[head.indexOf(flag) + 1], value, flag);
    }
    const secondary = buildVllmArgs({ ...base, dataParallelSize: 4, dataParallelSizeLocal: 2, dataParallelStartRank: 2, dataParallelAddress: '10.0.0.1', headless: true });
    assert.ok(secondary.includes('--headless'));
    assert.equal(secondary[secondary.indexOf('--data-parallel-start-rank') + 1], '2');
    const ray = buildVllmArgs({ ...base, dataParallelSize: 8, dataParallelBackend: 'ray' });
    assert.equal(ray[ray.indexOf('--data-parallel-backend') + 1], 'ray');
  });

  it('rejects inconsistent parallel settings before launching anything', () => {
    assert.equal(validateVllmOptions(base), undefined);
    assert.match(validateVllmOptions({ ...base, tensorParallelSize: 0 }) ?? '', /tensor-parallel-size/);
    assert.match(validateVllmOptions({ ...base, dataParallelSize: 2, dataParallelSizeLocal: 4 }) ?? '', /cannot exceed/);
    assert.match(validateVllmOptions({ ...base, dataParallelStartRank: 2 }) ?? '', /data-parallel-address/);
    assert.match(validateVllmOptions({ ...base, headless: true }) ?? '', /head node/);
    assert.match(validateVllmOptions({ ...base, gpuMemoryUtilization: 1.5 }) ?? '', /gpu-memory-utilization/);
  });
});

describe('vllm supervisor (against a stand-in vllm process)', function () {
  this.timeout(30_000);
  let dir: string;
  let supervisor: VllmSupervisor | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'fake-vllm-')); });
  afterEach(async () => { await supervisor?.stop(); supervisor = undefined; rmSync(dir, { recursive: true, force: true }); });

  async function make(env: Record<string, string>, extra: Partial<ConstructorParameters<typeof VllmSupervisor>[0]> = {}, opts: Partial<VllmOptions> = {}) {
    const port = await freePort();
    const o = { ...base, port, ...opts };
    supervisor = new VllmSupervisor({
      command: process.execPath,
      args: [fake, ...buildVllmArgs(o)],
      env: vllmEnv(o, { ...process.env, FAKE_VLLM_STATE: join(dir, 'state'), ...env }),
      apiUrl: `http://127.0.0.1:${port}/v1`,
      apiKey: o.apiKey,
      pollIntervalMs: 100,
      backoffInitialMs: 100,
      stopGraceMs: 1000,
      readyTimeoutMs: 10_000,
      ...extra,
    });
    return { supervisor, port };
  }

  it('waits through a slow start until /v1/models answers with the key', async () => {
    const { supervisor: s, port } = await make({ FAKE_VLLM_START_MS: '1500' });
    const t0 = Date.now();
    await s.start();
    assert.ok(Date.now() - t0 >= 1400, 'ready only after the slow start');
    assert.equal(s.state, 'ready');
    const res = await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { Authorization: 'Bearer k' } });
    assert.equal(res.status, 200);
  });

  it('times out with the log tail when the server never becomes ready', async () => {
    // The stand-in never listens within the test; the limit leaves it seconds to start node and log its first line.
    const { supervisor: s } = await make({ FAKE_VLLM_START_MS: '600000' }, { readyTimeoutMs: 5000 });
    await assert.rejects(s.start(), (e: SupervisorError) => /not ready within 5 s/.test(e.message) && /fake vllm start #1/.test(e.message));
    assert.ok(!alive(s.pid!), 'the stuck process was killed');
  });

  it('reports bad flags with vllm\'s own error', async () => {
    const { supervisor: s } = await make({}, {}, { extraArgs: ['--no-such-flag'] });
    await assert.rejects(s.start(), (e: SupervisorError) => /exited with code 2/.test(e.message) && /unrecognized arguments: --no-such-flag/.test(e.message));
  });

  it('reports a crash during start-up with the log tail', async () => {
    const { supervisor: s } = await make({ FAKE_VLLM_MODE: 'crash-before-ready' });
    await assert.rejects(s.start(), (e: SupervisorError) => /CUDA out of memory/.test(e.message));
  });

  it('restarts after a crash with backoff and becomes ready again', async () => {
    const { supervisor: s, port } = await make({ FAKE_VLLM_MODE: 'crash-after-ready', FAKE_VLLM_CRASHES: '2', FAKE_VLLM_CRASH_MS: '500' });
    const events: string[] = [];
    s.on('restarting', ({ attempt }) => events.push(`restart ${attempt}`));
    await s.start();
    await new Promise<void>((resolve) => s.on('ready', () => { if (s.restartCount === 2) resolve(); }));
    assert.deepEqual(events, ['restart 1', 'restart 2']);
    assert.equal(s.state, 'ready');
    assert.equal((await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { Authorization: 'Bearer k' } })).status, 200);
  });

  it('gives up after the restart limit', async () => {
    const { supervisor: s } = await make({ FAKE_VLLM_MODE: 'crash-after-ready', FAKE_VLLM_CRASHES: '99', FAKE_VLLM_CRASH_MS: '500' }, { maxRestarts: 2 });
    const failed = new Promise<Error>((resolve) => s.on('failed', resolve));
    await s.start();
    const err = await failed;
    assert.match(err.message, /giving up/);
    assert.equal(s.state, 'failed');
  });

  it('stops gracefully, and kills a process that ignores SIGTERM after the grace period', async () => {
    const { supervisor: s } = await make({ FAKE_VLLM_MODE: 'ignore-sigterm' }, { stopGraceMs: 800 });
    await s.start();
    const pid = s.pid!;
    const t0 = Date.now();
    await s.stop();
    const took = Date.now() - t0;
    assert.ok(took >= 700, `waited for the grace period (${took} ms)`);
    assert.ok(!alive(pid));
    assert.match(s.logTail().join('\n'), /ignoring SIGTERM/);
  });
});

describe('svg-copilot-server --engine vllm', function () {
  this.timeout(30_000);

  async function startCli(extraArgs: string[], env: Record<string, string>, dir: string) {
    const server = join(repoRoot, 'dist', 'server.js');
    chmodSync(fake, 0o755);
    const argsFile = join(dir, 'args.json');
    const child = spawn(process.execPath, [server, '--engine', 'vllm', '--model', 'introsvg-7b', '--port', '0', '--data-parallel-size', '2', '--vllm-bin', fake, ...extraArgs], {
      env: { ...process.env, FAKE_VLLM_ARGS_FILE: argsFile, FAKE_VLLM_START_MS: '200', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => { out += d; if (out.includes('\n')) resolve(out.split('\n')[0]); });
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
    });
    return { child, ready: JSON.parse(line) as { url: string; model: string }, stderr: () => stderr, argsFile };
  }

  it('prints the same ready line as llama.cpp, keeps the key off every command line, and stops vllm on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vllm-cli-'));
    const secret = 'vllm-key-from-a-private-file';
    const { child, ready, stderr, argsFile } = await startCli(['--token-file', privateTokenFile(dir, secret)], {}, dir);
    assert.equal(ready.model, 'introsvg-7b');
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${ready.url}/models`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(res.status, 200, 'vllm got the key (in VLLM_API_KEY)');
    const tree = processTree(child.pid!);
    assert.ok(tree.length >= 2, `the launcher and vllm run (${tree.join(', ')})`);
    for (const pid of tree) assert.ok(!commandLine(pid).join(' ').includes(secret), `process ${pid}'s command line carries the key: ${commandLine(pid).join(' ')}`);
    assert.ok(!stderr().includes(secret), 'the key is in no log line');
    assert.doesNotMatch(stderr(), /warning: --token/);
    const args: string[] = JSON.parse(readFileSync(argsFile, 'utf8'));
    assert.equal(args[1], 'gitcat404/IntroSVG-Qwen2.5-VL-7B', 'the preset maps to its Hugging Face id');
    assert.equal(args[args.indexOf('--data-parallel-size') + 1], '2');
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal((await fetch(`${ready.url}/models`).catch(() => undefined)), undefined, 'vllm is gone');
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the key from the environment, and warns that --token is visible to other local users', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vllm-cli-'));
    const fromEnv = await startCli([], { SVG_COPILOT_SERVER_TOKEN: 'key-from-the-environment' }, dir);
    assert.equal((await fetch(`${fromEnv.ready.url}/models`, { headers: { Authorization: 'Bearer key-from-the-environment' } })).status, 200);
    for (const pid of processTree(fromEnv.child.pid!)) assert.ok(!commandLine(pid).join(' ').includes('key-from-the-environment'));
    let exited = new Promise((r) => fromEnv.child.on('exit', r));
    fromEnv.child.kill('SIGTERM');
    await exited;
    const byHand = await startCli(['--token', 'key-typed-by-hand'], {}, dir);
    assert.match(byHand.stderr(), /warning: --token puts the token on the command line, where every local user can read it/);
    assert.equal((await fetch(`${byHand.ready.url}/models`, { headers: { Authorization: 'Bearer key-typed-by-hand' } })).status, 200);
    exited = new Promise((r) => byHand.child.on('exit', r));
    byHand.child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a non-loopback address without a token', async () => {
    const server = join(repoRoot, 'dist', 'server.js');
    const child = spawn(process.execPath, [server, '--engine', 'vllm', '--model', 'introsvg-7b', '--host', '0.0.0.0', '--vllm-bin', fake], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 2);
    assert.match(stderr, /refusing to listen on 0\.0\.0\.0 without --token/);
  });
});
