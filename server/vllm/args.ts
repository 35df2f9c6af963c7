// Builds the `vllm serve` command line from our options. Flag names follow the
// vLLM CLI (v0.10+); multi-node data parallel uses either the Ray backend or
// per-node "--data-parallel-size-local / --data-parallel-address /
// --data-parallel-start-rank" with "--headless" on the secondary nodes.
// The API key is not a flag: vLLM's API server takes `args.api_key or
// envs.VLLM_API_KEY`, so the key goes in its environment (vllmEnv) and stays
// off every process list.

export interface VllmOptions {
  /** Hugging Face id or local directory. */
  model: string;
  servedModelName: string;
  host: string;
  port: number;
  /** Handed to vLLM in its environment (VLLM_API_KEY), never on its command line. */
  apiKey: string;
  maxModelLen?: number;
  /** Images per prompt; the critic sends one render. */
  imagesPerPrompt?: number;
  /** Upper bound on pixels per image for the Qwen2.5-VL processor; 200×200 renders need far fewer than the default. */
  maxImagePixels?: number;
  tensorParallelSize?: number;
  dataParallelSize?: number;
  dataParallelSizeLocal?: number;
  dataParallelAddress?: string;
  dataParallelRpcPort?: number;
  dataParallelStartRank?: number;
  dataParallelBackend?: 'mp' | 'ray';
  /** A secondary node of a multi-node data-parallel deployment: engines only, no API server. */
  headless?: boolean;
  gpuMemoryUtilization?: number;
  /** Passed through unchanged after our flags. */
  extraArgs?: string[];
}

export const DEFAULT_MAX_IMAGE_PIXELS = 200_704; // 256 vision tokens of 28×28 px: ample for a 200 px render

export function buildVllmArgs(o: VllmOptions): string[] {
  const args = ['serve', o.model, '--served-model-name', o.servedModelName, '--host', o.host, '--port', String(o.port)];
  if (o.maxModelLen) args.push('--max-model-len', String(o.maxModelLen));
  args.push('--limit-mm-per-prompt', JSON.stringify({ image: o.imagesPerPrompt ?? 1 }));
  args.push('--mm-processor-kwargs', JSON.stringify({ max_pixels: o.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS }));
  if (o.tensorParallelSize && o.tensorParallelSize > 1) args.push('--tensor-parallel-size', String(o.tensorParallelSize));
  if (o.dataParallelSize && o.dataParallelSize > 1) args.push('--data-parallel-size', String(o.dataParallelSize));
  if (o.dataParallelSizeLocal !== undefined) args.push('--data-parallel-size-local', String(o.dataParallelSizeLocal));
  if (o.dataParallelAddress) args.push('--data-parallel-address', o.dataParallelAddress);
  if (o.dataParallelRpcPort !== undefined) args.push('--data-parallel-rpc-port', String(o.dataParallelRpcPort));
  if (o.dataParallelStartRank !== undefined) args.push('--data-parallel-start-rank', String(o.dataParallelStartRank));
  if (o.dataParallelBackend) args.push('--data-parallel-backend', o.dataParallelBackend);
  if (o.headless) args.push('--headless');
  if (o.gpuMemoryUtilization !== undefined) args.push('--gpu-memory-utilization', String(o.gpuMemoryUtilization));
  if (o.extraArgs?.length) args.push(...o.extraArgs);
  return args;
}

/** vLLM's environment: ours plus the API key (a headless node serves no API and gets none). */
export function vllmEnv(o: Pick<VllmOptions, 'apiKey' | 'headless'>, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  delete out.VLLM_API_KEY;
  if (!o.headless) out.VLLM_API_KEY = o.apiKey;
  return out;
}

/** Rejects combinations vLLM would only reject after minutes of model loading. */
export function validateVllmOptions(o: VllmOptions): string | undefined {
  if (!o.model) return '--model is required';
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) return `--port must be 1-65535, got ${o.port}`;
  for (const [name, v] of [['--tensor-parallel-size', o.tensorParallelSize], ['--data-parallel-size', o.dataParallelSize]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) return `${name} must be a positive integer, got ${v}`;
  }
  if (o.dataParallelSizeLocal !== undefined && o.dataParallelSize !== undefined && o.dataParallelSizeLocal > o.dataParallelSize) {
    return '--data-parallel-size-local cannot exceed --data-parallel-size';
  }
  if ((o.dataParallelStartRank ?? 0) > 0 && !o.dataParallelAddress) return '--data-parallel-start-rank needs --data-parallel-address (the head node)';
  if (o.headless && !o.dataParallelAddress && o.dataParallelBackend !== 'ray') return '--headless needs --data-parallel-address (the head node)';
  if (o.gpuMemoryUtilization !== undefined && !(o.gpuMemoryUtilization > 0 && o.gpuMemoryUtilization <= 1)) return '--gpu-memory-utilization must be in (0, 1]';
  return undefined;
}
