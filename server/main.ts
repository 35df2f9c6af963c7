// Entry point of `svg-copilot-server` (dist/server.js).
//
// Ready contract: once the model is loaded and the port is open, exactly one
// JSON line goes to stdout, {"url": "http://127.0.0.1:PORT/v1", "model": "NAME",
// "device": "Vulkan0: NVIDIA H200", "deviceReason": "..."};
// everything else goes to stderr. llama.cpp's native code prints to the
// process's stdout, so the engine runs in a child process whose stdout is our
// stderr, and this process only relays the ready line and signals.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, rmSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Engine } from './engine';
import { parseCli, UsageError, USAGE, type CliOptions } from './cli';
import { startServer } from './http/server';
import { LlamaCppEngine } from './llamacpp/engine';
import { chooseDevice, DeviceUnavailableError, type DeviceChoice } from './llamacpp/device';
import { resolveModel, type ResolvedModel } from './models/resolve';
import { generateToken, givenToken, TOKEN_ENV, TOKEN_ON_COMMAND_LINE_WARNING, TokenError, writeTokenFile } from './token';
import { runVllm } from './vllm/main';
import { formatProgressLine, type ServerProgress } from '../src/shared/serverProgress';
import { formatReadyLine } from '../src/shared/readyLine';

const WORKER_ENV = 'SVG_COPILOT_SERVER_WORKER';

const log = (line: string) => process.stderr.write(`svg-copilot-server: ${line}\n`);
/** A step for the launcher's progress display (see src/shared/serverProgress.ts). */
const step = (p: ServerProgress) => process.stderr.write(`${formatProgressLine(p)}\n`);

function engineOf(argv: string[]): string | undefined {
  const i = argv.indexOf('--engine');
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    if (engineOf(argv) !== 'vllm') { process.stdout.write(`${USAGE}\n`); return 0; }
  }
  if (engineOf(argv) === 'vllm') return runVllm(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  let options: CliOptions;
  try {
    options = parseCli(argv, availableParallelism());
  } catch (err) {
    if (err instanceof UsageError) { log(err.message); process.stderr.write(`${USAGE}\n`); return 2; }
    throw err;
  }
  return process.env[WORKER_ENV] === '1' && process.send ? runWorker(options) : supervise(argv, options);
}

/**
 * ggml-vulkan settings read once when its device starts, so they are set for the
 * worker before it loads anything. GGML_VK_FORCE_MMVQ: quantized matrix-vector
 * products through integer dot products (the activations quantized to 8 bits).
 * ggml's own heuristics pick this path for some AMD and Intel cases but not on
 * NVIDIA, where forcing it made single-stream decode of a Q8_0 7B model 18% faster
 * on an H200 (204 → 241 tok/s, bench/gpu). A user's own setting of either switch wins.
 */
function vulkanDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.GGML_VK_FORCE_MMVQ !== undefined || env.GGML_VK_DISABLE_MMVQ !== undefined) return {};
  return { GGML_VK_FORCE_MMVQ: '1' };
}

/** The command line without --token/--token-file and their values: the worker gets the token in its environment. */
function withoutTokenFlags(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--token' || argv[i] === '--token-file') i++;
    else out.push(argv[i]);
  }
  return out;
}

/**
 * Parent: settles the token (given, or generated into a 0600 file), runs the worker with
 * the token in its environment and its stdout redirected to our stderr, and relays the
 * ready line.
 */
function supervise(argv: string[], options: CliOptions): Promise<number> {
  let token: string | undefined;
  try {
    token = givenToken({ flag: options.token, file: options.tokenFile, env: process.env });
  } catch (err) {
    if (err instanceof TokenError) { log(err.message); return Promise.resolve(2); }
    throw err;
  }
  if (options.token !== undefined) log(TOKEN_ON_COMMAND_LINE_WARNING);
  let tokenFile: string | undefined;
  if (!token) {
    token = generateToken();
    tokenFile = writeTokenFile(token);
    log(`no token given: generated one, saved to ${tokenFile} (mode 0600)`);
  }
  return new Promise((done) => {
    const child: ChildProcess = fork(process.argv[1], withoutTokenFlags(argv), {
      env: { ...process.env, ...vulkanDefaults(process.env), [WORKER_ENV]: '1', [TOKEN_ENV]: token },
      stdio: ['ignore', 2, 2, 'ipc'],
      execArgv: process.execArgv,
    });
    let ready = false;
    child.on('message', (m: unknown) => {
      const msg = m as { type?: string; url?: string; model?: string; device?: string; deviceReason?: string };
      if (msg?.type === 'ready' && !ready) {
        ready = true;
        process.stdout.write(`${formatReadyLine({ url: msg.url ?? null, model: msg.model ?? '', device: msg.device, deviceReason: msg.deviceReason })}
`);
      }
    });
    const forward = (sig: NodeJS.Signals) => () => { if (child.exitCode === null) child.kill(sig); };
    const onTerm = forward('SIGTERM');
    const onInt = forward('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    process.on('SIGHUP', onTerm);
    child.on('exit', (code, signal) => {
      if (tokenFile) rmSync(tokenFile, { force: true });
      if (!ready) log(signal && signal !== 'SIGTERM' && signal !== 'SIGINT' ? `the engine crashed before it was ready (${signal}); the log above says why` : `server exited before it was ready (${signal ?? `exit ${code}`})`);
      else if (signal && signal !== 'SIGTERM' && signal !== 'SIGINT') log(`the engine crashed (${signal})`);
      // Exiting before the ready line is always a failure for whoever launched us.
      done(ready ? (code ?? (signal ? 1 : 0)) : code || 1);
    });
  });
}

function isGguf(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    return readSync(fd, head, 0, 8, 0) === 8 && head.toString('latin1', 0, 4) === 'GGUF' && head.readUInt32LE(4) >= 2;
  } finally {
    closeSync(fd);
  }
}

/** The allowed image directories, each resolved to its real path; undefined (after a log line) when one is unusable. */
function imageDirs(dirs: string[]): string[] | undefined {
  const out: string[] = [];
  for (const dir of dirs) {
    try {
      const real = realpathSync(dir);
      if (!statSync(real).isDirectory()) throw new Error('not a directory');
      out.push(real);
    } catch (err) {
      log(`--allow-image-dir ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return undefined;
    }
  }
  return out;
}

async function runWorker(options: CliOptions): Promise<number> {
  // Handed over by the parent in the environment (never on a command line); not passed further.
  const token = process.env[TOKEN_ENV];
  delete process.env[TOKEN_ENV];
  if (!token) { log(`internal: the worker was started without ${TOKEN_ENV}`); return 1; }
  const allowImageDirs = imageDirs(options.allowImageDirs);
  if (!allowImageDirs) return 2;
  // The device first: a --backend that cannot run here fails before any model is resolved or downloaded.
  let device: DeviceChoice;
  try {
    device = await chooseDevice(options.backend, options.gpuLayers);
  } catch (err) {
    if (!(err instanceof DeviceUnavailableError)) throw err;
    log(err.message);
    return 2;
  }
  log(`device: ${device.device} (${device.reason})`);
  let model: ResolvedModel;
  try {
    model = await resolveModel(options.model, { cacheDir: options.cacheDir, offline: options.offline, log, onStep: step });
  } catch (err) {
    log((err as Error).message);
    return 2;
  }
  if (model.engine !== 'llamacpp') { log(`model "${options.model}" runs on the ${model.engine} engine: start with --engine ${model.engine}`); return 2; }
  const mmproj = options.mmproj ? resolve(options.mmproj) : model.mmprojPath;
  if (mmproj && !existsSync(mmproj)) { log(`projector file not found: ${mmproj}`); return 2; }
  // llama.cpp crashes the process on some malformed files; refuse anything that is not GGUF up front.
  for (const file of [model.modelPath, mmproj]) {
    if (file && !isGguf(file)) { log(`not a GGUF model file: ${file}`); return 2; }
  }

  let engine: Engine;
  step({ stage: 'load', model: model.name });
  try {
    engine = await LlamaCppEngine.load({
      modelPath: model.modelPath,
      mmprojPath: mmproj,
      modelName: model.name,
      contextSize: options.contextSize ?? model.contextSize ?? 8192,
      threads: options.threads,
      parallel: options.parallel,
      gpuLayers: options.gpuLayers,
      backend: options.backend,
      device,
      flashAttn: options.flashAttn,
      ubatch: options.ubatch,
      log,
    });
  } catch (err) {
    log(`could not load the model: ${(err as Error).message}`);
    return 1;
  }

  step({ stage: 'listen' });
  const server = await startServer({
    engine, token, host: options.host, port: options.port, maxQueue: options.maxQueue, allowImageDirs, bodyTimeoutMs: options.bodyTimeoutSeconds * 1000, log,
  });
  log(`listening on ${server.url} (model ${server.model}, ${engine.info.slots} slot(s))`);

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // The parent went away (killed hard): do not linger as an orphan holding the model.
  process.on('disconnect', () => void stop('launcher exited'));
  process.send!({ type: 'ready', url: server.url, model: server.model, device: device.device, deviceReason: device.reason });
  return new Promise<number>(() => {});
}

main().then(
  (code) => { if (code !== undefined) process.exitCode = code; },
  (err: unknown) => { log(`fatal: ${err instanceof Error ? err.stack ?? err.message : String(err)}`); process.exit(1); },
);
