// The embedded engine: llama.cpp in-process through @fugood/llama.node, which
// (unlike node-llama-cpp) has multimodal input through mtmd. Requests run in
// the binding's parallel mode, one sequence per slot, decoding in shared
// batches. (Its plain one-at-a-time completion call was tried for one slot: it
// can resolve before generation has ended and then refuse the next request.)
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { LlamaParallelCompletionOptions, LlamaCompletionToken } from '@fugood/llama.node';
import type { Engine, EngineInfo, EngineOptions, GenerateRequest, GenerateResult } from '../engine';
import { StopFilter } from '../stopFilter';

type Binding = typeof import('@fugood/llama.node');
type Context = Awaited<ReturnType<Binding['loadModel']>>;

/** Picks the native build: an explicit choice must exist; "auto" takes CUDA only where an NVIDIA driver is present. */
async function chooseVariant(binding: Binding, options: EngineOptions): Promise<'default' | 'cuda' | 'vulkan'> {
  const backend = options.gpuLayers === 0 ? 'cpu' : (options.backend ?? 'auto');
  if (backend === 'cpu') return 'default';
  if (backend === 'cuda' || backend === 'vulkan') {
    if (!(await binding.isLibVariantAvailable(backend))) throw new Error(`the ${backend} build of @fugood/llama.node is not installed or cannot load here (missing driver?)`);
    return backend;
  }
  if (existsSync('/dev/nvidiactl') && (await binding.isLibVariantAvailable('cuda'))) return 'cuda';
  return 'default';
}

export class LlamaCppEngine implements Engine {
  private closed = false;
  private readonly running = new Set<() => void>();

  private constructor(private readonly ctx: Context, readonly info: EngineInfo) {}

  static async load(options: EngineOptions): Promise<LlamaCppEngine> {
    const binding: Binding = await import('@fugood/llama.node');
    const slots = Math.max(1, options.parallel);
    const variant = await chooseVariant(binding, options);
    const ctx = await binding.loadModel({
      lib_variant: variant,
      model: options.modelPath,
      // The KV cache is shared by all slots; size it so each slot gets the full window.
      n_ctx: options.contextSize * slots,
      n_parallel: slots,
      n_threads: options.threads,
      n_gpu_layers: options.gpuLayers,
      n_batch: 512,
      ctx_shift: false,
    });
    let vision = false;
    if (options.mmprojPath) {
      vision = ctx.initMultimodal({ path: options.mmprojPath, use_gpu: options.gpuLayers !== 0 });
      if (!vision) {
        await ctx.release();
        throw new Error(`could not load the multimodal projector ${options.mmprojPath}`);
      }
    }
    if (!(await ctx.parallel.enable({ n_parallel: slots, n_batch: 512 }))) {
      await ctx.release();
      throw new Error('llama.cpp refused parallel mode');
    }
    const model = options.modelName ?? basename(options.modelPath).replace(/\.gguf$/i, '');
    options.log(`llamacpp (${variant} build, devices ${ctx.getUsedDevices().join(', ') || 'CPU'}): loaded ${options.modelPath}${vision ? ` + ${options.mmprojPath}` : ''}; ${slots} slot(s) × ${options.contextSize} tokens, ${options.threads} thread(s), gpu layers ${options.gpuLayers}; ${ctx.getSystemInfo()}`);
    return new LlamaCppEngine(ctx, { engine: 'llamacpp', model, slots, contextSize: options.contextSize, vision });
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.closed) throw new Error('engine is closed');
    const filter = new StopFilter(request.stop, (piece) => request.onText?.(piece));
    const options: LlamaParallelCompletionOptions = {
      messages: request.messages,
      n_predict: request.maxTokens,
      temperature: request.temperature,
      top_p: request.topP,
      stop: request.stop.length ? request.stop : undefined,
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    };
    const c = request.constraint;
    if (c.kind === 'grammar') options.grammar = c.gbnf;
    else if (c.kind === 'json_schema') options.response_format = { type: 'json_schema', json_schema: { strict: true, schema: c.schema } };
    else if (c.kind === 'json_object') options.response_format = { type: 'json_object' };

    if (request.signal.aborted) return { text: '', promptTokens: 0, completionTokens: 0, finishReason: 'cancelled', decodeMs: 0 };
    let cancelled = false;
    let tokens = 0;
    let firstTokenAt = 0;
    let lastTokenAt = 0;
    const job = await this.ctx.parallel.completion(options, (_id: number, t: LlamaCompletionToken) => {
      if (cancelled) return;
      tokens++;
      lastTokenAt = performance.now();
      if (!firstTokenAt) firstTokenAt = lastTokenAt;
      filter.push(t.token);
    });
    const stop = () => {
      if (cancelled) return;
      cancelled = true;
      job.stop();
    };
    this.running.add(stop);
    request.signal.addEventListener('abort', stop, { once: true });
    try {
      const result = await job.promise;
      const text = filter.finish(result.text ?? '');
      const promptTokens = (result.timings?.prompt_n ?? 0) + (result.timings?.cache_n ?? 0);
      const completionTokens = Math.max(result.tokens_predicted ?? 0, tokens);
      const finishReason = result.stopped_limit || result.context_full ? 'length' : 'stop';
      return { text, promptTokens, completionTokens, finishReason, decodeMs: lastTokenAt - firstTokenAt };
    } catch (err) {
      if (cancelled) return { text: filter.text(), promptTokens: 0, completionTokens: tokens, finishReason: 'cancelled', decodeMs: lastTokenAt - firstTokenAt };
      throw err;
    } finally {
      request.signal.removeEventListener('abort', stop);
      this.running.delete(stop);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.running]) stop();
    try { this.ctx.parallel.disable(); } catch { /* already disabled */ }
    await this.ctx.release();
  }
}
