// `svg-copilot-server --engine vllm …`: supervises `vllm serve` and prints the
// same ready line as the llama.cpp engine, so the extension treats both alike.
import { createServer } from 'node:net';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveModel, ModelUnavailableError } from '../models/resolve';
import { buildVllmArgs, validateVllmOptions, vllmEnv, DEFAULT_MAX_IMAGE_PIXELS, type VllmOptions } from './args';
import { VllmSupervisor, SupervisorError } from './supervisor';
import { generateToken, givenToken, hasTokenSource, TOKEN_ENV, TOKEN_ON_COMMAND_LINE_WARNING, TokenError, writeTokenFile } from '../token';
import { formatReadyLine } from '../../src/shared/readyLine';

export interface VllmIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const VLLM_USAGE = `usage: svg-copilot-server --engine vllm --model PRESET|HF_ID|DIR [options] [-- extra vllm flags]
  --served-model-name NAME     name clients request (default: preset or model basename)
  --host HOST --port N         API address (default 127.0.0.1, port 0 = pick a free one)
  --token-file FILE            file (mode 0600) holding the API key vLLM requires; or set ${TOKEN_ENV};
                               neither: generated and written to a 0600 file. vLLM gets it as VLLM_API_KEY
  --token TOKEN                the key on the command line: hand runs only (every local user can read it)
  --max-model-len N            context length
  --max-image-pixels N         per-image pixel cap for the vision processor (default ${DEFAULT_MAX_IMAGE_PIXELS})
  --tensor-parallel-size N     GPUs per model replica
  --data-parallel-size N       model replicas (for a 7B model usually faster than tensor parallel)
  --data-parallel-size-local N --data-parallel-address HOST --data-parallel-rpc-port N
  --data-parallel-start-rank N --data-parallel-backend mp|ray --headless   multi-node data parallel
  --gpu-memory-utilization F   fraction of GPU memory vLLM may take
  --vllm-bin PATH              vllm executable (default: $SVG_COPILOT_VLLM_BIN or "vllm" on PATH)
  --ready-timeout SECONDS      time allowed for download + load (default 1200)
  --max-restarts N             restarts after crashes before giving up (default 5)`;

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`${name} must be a number, got "${v}"`);
  return n;
}

class UsageError extends Error {}

/** Our own token variable is not vLLM's business. */
function withoutOurToken(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out[TOKEN_ENV];
  return out;
}

/** Runs until the process is signalled; resolves to the exit code. */
export async function runVllm(argv: string[], io: VllmIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const err = (s: string) => io.stderr.write(`${s}\n`);
  let options: VllmOptions;
  let bin: string;
  let readyTimeout: number;
  let maxRestarts: number;
  try {
    const dashDash = argv.indexOf('--');
    const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
    const extra = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
    const { values: v } = parseArgs({
      args: own,
      strict: true,
      options: {
        engine: { type: 'string' }, model: { type: 'string' }, 'served-model-name': { type: 'string' },
        host: { type: 'string' }, port: { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' },
        'max-model-len': { type: 'string' }, 'max-image-pixels': { type: 'string' },
        'tensor-parallel-size': { type: 'string' }, 'data-parallel-size': { type: 'string' },
        'data-parallel-size-local': { type: 'string' }, 'data-parallel-address': { type: 'string' },
        'data-parallel-rpc-port': { type: 'string' }, 'data-parallel-start-rank': { type: 'string' },
        'data-parallel-backend': { type: 'string' }, headless: { type: 'boolean' },
        'gpu-memory-utilization': { type: 'string' }, 'vllm-bin': { type: 'string' },
        'ready-timeout': { type: 'string' }, 'max-restarts': { type: 'string' }, help: { type: 'boolean' },
      },
    });
    if (v.help) { io.stdout.write(`${VLLM_USAGE}\n`); return 0; }
    if (!v.model) throw new UsageError('--model is required');
    const host = v.host ?? '127.0.0.1';
    const tokenSources = { flag: v.token, file: v['token-file'], env: io.env };
    if (v.token !== undefined && v['token-file'] !== undefined) throw new UsageError('give either --token or --token-file, not both');
    if (!LOOPBACK.has(host) && !hasTokenSource(tokenSources)) throw new UsageError(`refusing to listen on ${host} without --token-file (or ${TOKEN_ENV}): anyone who can reach it could use the GPU`);
    const resolved = await resolveModel(v.model, { log: err, progress: false }).catch((e) => {
      // A Hugging Face id or a model directory is vLLM's business, not ours.
      if (e instanceof ModelUnavailableError && !/\.gguf$/i.test(v.model!)) return undefined;
      throw e;
    });
    if (resolved && resolved.engine !== 'vllm') throw new UsageError(`"${v.model}" is a llama.cpp model; run it with --engine llamacpp`);
    const backend = v['data-parallel-backend'];
    if (backend !== undefined && backend !== 'mp' && backend !== 'ray') throw new UsageError('--data-parallel-backend must be mp or ray');
    const portArg = int(v.port, '--port') ?? 0;
    if (v.token !== undefined) err(TOKEN_ON_COMMAND_LINE_WARNING);
    const given = givenToken(tokenSources);
    const token = given ?? generateToken();
    if (!given) err(`API token written to ${writeTokenFile(token, io.env)}`);
    options = {
      model: resolved?.modelPath ?? v.model,
      servedModelName: v['served-model-name'] ?? resolved?.name ?? basename(v.model),
      host,
      port: portArg || (await freePort(host)),
      apiKey: token,
      maxModelLen: int(v['max-model-len'], '--max-model-len') ?? resolved?.contextSize,
      maxImagePixels: int(v['max-image-pixels'], '--max-image-pixels'),
      tensorParallelSize: int(v['tensor-parallel-size'], '--tensor-parallel-size'),
      dataParallelSize: int(v['data-parallel-size'], '--data-parallel-size'),
      dataParallelSizeLocal: int(v['data-parallel-size-local'], '--data-parallel-size-local'),
      dataParallelAddress: v['data-parallel-address'],
      dataParallelRpcPort: int(v['data-parallel-rpc-port'], '--data-parallel-rpc-port'),
      dataParallelStartRank: int(v['data-parallel-start-rank'], '--data-parallel-start-rank'),
      dataParallelBackend: backend,
      headless: v.headless,
      gpuMemoryUtilization: int(v['gpu-memory-utilization'], '--gpu-memory-utilization'),
      extraArgs: extra,
    };
    const invalid = validateVllmOptions(options);
    if (invalid) throw new UsageError(invalid);
    bin = v['vllm-bin'] ?? io.env.SVG_COPILOT_VLLM_BIN ?? 'vllm';
    readyTimeout = (int(v['ready-timeout'], '--ready-timeout') ?? 1200) * 1000;
    maxRestarts = int(v['max-restarts'], '--max-restarts') ?? 5;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`svg-copilot-server: ${(e as Error).message}\n${VLLM_USAGE}`);
      return 2;
    }
    err(`svg-copilot-server: ${(e as Error).message}`);
    return e instanceof TokenError ? 2 : 1;
  }

  const urlHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const apiUrl = options.headless ? undefined : `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${options.port}/v1`;
  const supervisor = new VllmSupervisor({
    command: bin,
    args: buildVllmArgs(options),
    env: vllmEnv(options, withoutOurToken(io.env)),
    apiUrl,
    apiKey: options.apiKey,
    readyTimeoutMs: readyTimeout,
    maxRestarts,
    log: (line) => err(`[vllm] ${line}`),
  });
  err(`starting: ${bin} ${buildVllmArgs(options).join(' ')}${options.headless ? '' : ' (API key in VLLM_API_KEY)'}`);

  let exitCode = 0;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((r) => { finish = r; });
  const shutdown = (sig: string) => {
    err(`received ${sig}, stopping vllm`);
    void supervisor.stop().then(() => finish(exitCode));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  supervisor.on('restarting', ({ attempt, delayMs }) => err(`vllm crashed; restart ${attempt}/${maxRestarts} in ${delayMs} ms`));
  supervisor.on('ready', () => err('vllm is ready again'));
  supervisor.on('failed', (e: Error) => {
    err(`svg-copilot-server: ${e.message}`);
    exitCode = 1;
    void supervisor.stop().then(() => finish(1));
  });

  try {
    await supervisor.start();
  } catch (e) {
    err(`svg-copilot-server: ${e instanceof SupervisorError ? e.message : String(e)}`);
    await supervisor.stop();
    return 1;
  }
  io.stdout.write(`${formatReadyLine(apiUrl ? { url: apiUrl, model: options.servedModelName } : { url: null, model: options.servedModelName, headless: true })}\n`);
  return finished;
}
