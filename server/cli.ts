// Command-line options of `svg-copilot-server` (the llamacpp engine; `--engine
// vllm` hands the whole command line to the vLLM supervisor).
import { hasTokenSource, TOKEN_ENV } from './token';

export class UsageError extends Error {}

export interface CliOptions {
  engine: 'llamacpp';
  model: string;
  mmproj?: string;
  host: string;
  port: number;
  /** --token: on the command line, so for hand runs only (a warning says why). */
  token?: string;
  /** --token-file: a 0600 file holding the token. */
  tokenFile?: string;
  /** Directories local image paths may come from (--allow-image-dir); none: data URLs only. */
  allowImageDirs: string[];
  /** Seconds a client may take to send its whole request body before 408. */
  bodyTimeoutSeconds: number;
  /** Undefined: the preset's context size, else 8192. */
  contextSize?: number;
  threads: number;
  parallel: number;
  gpuLayers: number;
  backend: 'auto' | 'cpu' | 'cuda' | 'vulkan';
  flashAttn: 'auto' | 'on' | 'off';
  /** Physical batch size; undefined: the logical batch (512). */
  ubatch?: number;
  maxQueue?: number;
  cacheDir?: string;
  offline: boolean;
}

export const USAGE = `usage: svg-copilot-server --engine llamacpp --model PATH|PRESET [options]
       svg-copilot-server --engine vllm ...   (see --engine vllm --help)

  --model PATH|PRESET   GGUF file, or a preset name (downloaded to the cache on first use)
  --mmproj PATH         multimodal projector GGUF, lets the model see images
  --host ADDR           listen address (default 127.0.0.1; other addresses need --token)
  --port N              port (default 0: a free port)
  --token-file FILE     file (mode 0600) holding the bearer token clients must send; or set
                        ${TOKEN_ENV}; neither: a token is generated and saved to a 0600 file
  --token TOKEN         the token on the command line: hand runs only, since every local user
                        can read a command line (a warning says so)
  --allow-image-dir DIR image_url may name files under DIR (repeatable; resolved with realpath, so
                        no symlink or ".." leaves it); without it only data: URLs are accepted
  --body-timeout S      seconds a client may take to send a request body (default 30), then 408
  --ctx N               context window per request slot in tokens (default 8192); a request's
                        max_tokens is cut to what fits after its prompt (finish_reason "length"),
                        and a prompt that alone does not fit is refused with 400
  --threads N           CPU threads (default: available cores)
  --parallel N          requests decoded at once (slots, default 1); with 1, requests run one
                        after another and reuse the cached prompt prefix (fastest first token)
  --max-queue N         requests waiting for a slot before 429 (default 4 x parallel)
  --gpu-layers N        layers offloaded to a GPU; -1 all, 0 none (default -1)
  --backend B           auto|cpu|cuda|vulkan device (default auto: a CUDA build that loads, else a
                        Vulkan GPU, else the CPU); a named GPU backend that is not there is an error
  --flash-attn M        auto|on|off flash attention (default auto: llama.cpp decides per device)
  --ubatch N            physical batch in tokens, 1..512 (default 512)
  --cache-dir DIR       model download cache (presets)
  --offline             never download; fail with a clear error instead

When ready, prints one JSON line on stdout:
  {"url": "http://127.0.0.1:PORT/v1", "model": "NAME", "device": "Vulkan0: NVIDIA H200", "deviceReason": "..."}.
Logs go to stderr.`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || /^127\./.test(host);

export function parseCli(argv: string[], defaultThreads: number, env: NodeJS.ProcessEnv = process.env): CliOptions {
  const o: Omit<Partial<CliOptions>, 'engine'> & { engine?: string } = {};
  const imageDirs: string[] = [];
  const int = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs an integer ≥ ${min}, got "${v ?? ''}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--engine': o.engine = value(); break;
      case '--model': o.model = value(); break;
      case '--mmproj': o.mmproj = value(); break;
      case '--host': o.host = value(); break;
      case '--port': o.port = int(flag, argv[++i], 0); if (o.port > 65535) throw new UsageError('--port must be ≤ 65535'); break;
      case '--token': o.token = value(); break;
      case '--token-file': o.tokenFile = value(); break;
      case '--allow-image-dir': imageDirs.push(value()); break;
      case '--body-timeout': o.bodyTimeoutSeconds = int(flag, argv[++i], 1); break;
      case '--ctx': o.contextSize = int(flag, argv[++i], 64); break;
      case '--threads': o.threads = int(flag, argv[++i], 1); break;
      case '--parallel': o.parallel = int(flag, argv[++i], 1); break;
      case '--max-queue': o.maxQueue = int(flag, argv[++i], 0); break;
      case '--gpu-layers': o.gpuLayers = int(flag, argv[++i], -1); break;
      case '--backend': {
        const b = value();
        if (b !== 'auto' && b !== 'cpu' && b !== 'cuda' && b !== 'vulkan') throw new UsageError(`--backend must be auto, cpu, cuda or vulkan, got "${b}"`);
        o.backend = b;
        break;
      }
      case '--flash-attn': {
        const m = value();
        if (m !== 'auto' && m !== 'on' && m !== 'off') throw new UsageError(`--flash-attn must be auto, on or off, got "${m}"`);
        o.flashAttn = m;
        break;
      }
      case '--ubatch': o.ubatch = int(flag, argv[++i], 1); if (o.ubatch > 512) throw new UsageError('--ubatch must be ≤ 512'); break;
      case '--cache-dir': o.cacheDir = value(); break;
      case '--offline': o.offline = true; break;
      default: throw new UsageError(`unknown option "${flag}"`);
    }
  }
  if ((o.engine ?? 'llamacpp') !== 'llamacpp') throw new UsageError(`unknown engine "${o.engine}" (llamacpp or vllm)`);
  if (!o.model) throw new UsageError('--model is required');
  const host = o.host ?? '127.0.0.1';
  if (o.token !== undefined && o.tokenFile !== undefined) throw new UsageError('give either --token or --token-file, not both');
  if (!isLoopback(host) && !hasTokenSource({ flag: o.token, file: o.tokenFile, env })) {
    throw new UsageError(`refusing to listen on ${host} without --token-file (or ${TOKEN_ENV}): anyone on the network could use the model`);
  }
  if (o.token !== undefined && o.token.length < 8) throw new UsageError('--token must be at least 8 characters');
  return {
    engine: 'llamacpp',
    model: o.model,
    mmproj: o.mmproj,
    host,
    port: o.port ?? 0,
    token: o.token,
    tokenFile: o.tokenFile,
    allowImageDirs: imageDirs,
    bodyTimeoutSeconds: o.bodyTimeoutSeconds ?? 30,
    contextSize: o.contextSize,
    threads: o.threads ?? defaultThreads,
    parallel: o.parallel ?? 1,
    gpuLayers: o.gpuLayers ?? -1,
    backend: o.backend ?? 'auto',
    flashAttn: o.flashAttn ?? 'auto',
    ubatch: o.ubatch,
    maxQueue: o.maxQueue,
    cacheDir: o.cacheDir,
    offline: o.offline ?? false,
  };
}
