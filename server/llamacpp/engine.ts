// The embedded engine: llama.cpp in-process through @fugood/llama.node, which
// (unlike node-llama-cpp) has multimodal input through mtmd.
//
// Two ways to run a request, picked by the slot count:
// - one slot: the binding's plain completion() call. It processes the prompt
//   in n_batch-sized batches, so the first token comes an order of magnitude
//   sooner than in parallel mode. The binding allows one completion per
//   context and its stopCompletion() is global (it stops whatever runs now),
//   so completions run strictly one after another behind a lock that is only
//   released once the previous completion's promise has settled, aborted or
//   not; a stop is only sent while the caller's own completion runs.
// - several slots: the binding's parallel mode, one sequence per slot,
//   decoding in shared batches.
// Both paths count the prompt first, so that max_tokens is clamped to what
// fits in the window and a prompt that alone overflows it is refused before
// the native side sees it (the binding's plain call otherwise stays marked
// busy forever after such a prompt).
import { basename } from 'node:path';
import type { LlamaParallelCompletionOptions, LlamaCompletionToken, LlamaCompletionOptions, LlamaCompletionResult, JinjaFormattedChatResult } from '@fugood/llama.node';
import type { Engine, EngineInfo, EngineOptions, GenerateRequest, GenerateResult } from '../engine';
import { PromptTooLongError } from '../engine';
import { StopFilter } from '../stopFilter';
import { SerialLock } from './serialLock';
import { chooseDevice, type DeviceChoice } from './device';

type Binding = typeof import('@fugood/llama.node');
type Context = Awaited<ReturnType<Binding['loadModel']>>;

const BATCH = 512;

/** Everything a completion reports back, whichever path ran it. */
interface RawResult {
  text?: string;
  tokens_predicted?: number;
  /** Parallel mode's name for "n_predict reached". */
  stopped_limit?: boolean;
  /** The plain call's name for it. */
  stopped_limited?: boolean;
  context_full?: boolean;
  timings?: { prompt_n?: number; cache_n?: number };
}

interface Job {
  /** Settles once the native side is done with the completion (for the plain call) or has dropped it (parallel). */
  promise: Promise<RawResult>;
  stop: () => void;
  /** Whether the streamed pieces, rather than the final text, are the whole answer. */
  streamIsComplete: boolean;
}

type FormattedChat = ReturnType<Context['getFormattedChat']>;

/** The native call reads `chat_format` too, though the binding's typings leave it out. */
type PlainOptions = LlamaCompletionOptions & { chat_format?: number };

/**
 * The plain call's options with the chat already formatted (done once to count the
 * prompt), so the native side does not render the template a second time. Given
 * `messages`, the binding renders the template and takes the prompt, chat format,
 * parser, preserved tokens and extra stops from it; passing those fields ourselves
 * gives it the same inputs. Requests where the template would also
 * contribute a grammar, triggers or images keep `messages`, so the binding keeps
 * doing that part its own way.
 */
function withFormattedPrompt(options: LlamaCompletionOptions, formatted: FormattedChat): PlainOptions {
  if (formatted.type !== 'jinja' || formatted.has_media || options.response_format) return options;
  const chat: JinjaFormattedChatResult = formatted;
  if (!options.grammar && (chat.grammar || chat.grammar_lazy || chat.grammar_triggers.length)) return options;
  const { messages: _messages, ...rest } = options;
  const stop = [...(options.stop ?? []), ...chat.additional_stops];
  return {
    ...rest,
    prompt: chat.prompt,
    chat_format: chat.chat_format,
    chat_parser: chat.chat_parser,
    ...(chat.generation_prompt ? { generation_prompt: chat.generation_prompt } : {}),
    ...(chat.preserved_tokens.length ? { preserved_tokens: chat.preserved_tokens } : {}),
    stop: stop.length ? stop : undefined,
  };
}

export class LlamaCppEngine implements Engine {
  private closed = false;
  private readonly running = new Set<() => void>();
  /** Serializes plain completions (one slot). */
  private readonly lock = new SerialLock();

  /** Whether the binding formats chats with the model's Jinja template (fixed once the model is loaded). */
  private readonly jinja: boolean;

  private constructor(private readonly ctx: Context, readonly info: EngineInfo, private parallel: boolean, private readonly log: (line: string) => void) {
    this.jinja = ctx.isJinjaSupported();
  }

  static async load(options: EngineOptions): Promise<LlamaCppEngine> {
    const binding: Binding = await import('@fugood/llama.node');
    const slots = Math.max(1, options.parallel);
    const parallel = slots > 1;
    const choice: DeviceChoice = options.device ?? (await chooseDevice(options.backend ?? 'auto', options.gpuLayers));
    const variant = choice.variant;
    const ctx = await binding.loadModel({
      lib_variant: variant,
      model: options.modelPath,
      // The KV cache is shared by all slots; size it so each slot gets the full window.
      n_ctx: options.contextSize * slots,
      n_parallel: slots,
      n_threads: options.threads,
      n_gpu_layers: choice.gpu ? options.gpuLayers : 0,
      n_batch: BATCH,
      n_ubatch: Math.min(BATCH, options.ubatch ?? BATCH),
      flash_attn_type: options.flashAttn ?? 'auto',
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
    if (parallel && !(await ctx.parallel.enable({ n_parallel: slots, n_batch: BATCH }))) {
      await ctx.release();
      throw new Error('llama.cpp refused parallel mode');
    }
    const model = options.modelName ?? basename(options.modelPath).replace(/\.gguf$/i, '');
    const used = ctx.getUsedDevices();
    options.log(`llamacpp (${variant} build, devices ${used.join(', ') || 'CPU'}, ${parallel ? 'parallel slots' : 'single sequence'}): loaded ${options.modelPath}${vision ? ` + ${options.mmprojPath}` : ''}; ${slots} slot(s) × ${options.contextSize} tokens, ${options.threads} thread(s), gpu layers ${choice.gpu ? options.gpuLayers : 0}, flash attention ${options.flashAttn ?? 'auto'}, ubatch ${Math.min(BATCH, options.ubatch ?? BATCH)}; ${ctx.getSystemInfo()}`);
    if (choice.gpu && !used.some((d) => choice.device.startsWith(d))) options.log(`llamacpp: warning: chose ${choice.device} but llama.cpp reports using ${used.join(', ') || 'no device'}`);
    const engine = new LlamaCppEngine(ctx, { engine: 'llamacpp', model, slots, contextSize: options.contextSize, vision, device: choice.device }, parallel, options.log);
    // A GPU backend builds its kernels for each batch shape on first use (seconds on Vulkan):
    // run those shapes once now, so the first real requests do not stall.
    if (choice.gpu) {
      const t0 = performance.now();
      try {
        await engine.warmUp();
        options.log(`llamacpp: warmed up the batch shapes of ${slots} slot(s) in ${Math.round(performance.now() - t0)} ms`);
      } catch (err) {
        options.log(`llamacpp: warm-up failed (${(err as Error).message}); the first requests may be slow`);
      }
    }
    return engine;
  }

  /** The chat as the completion call will format it, and the tokens it takes in the context, images included. */
  private async formatPrompt(request: GenerateRequest, responseFormat: LlamaCompletionOptions['response_format']): Promise<{ formatted: FormattedChat; tokens: number }> {
    const formatted = this.formatChat(request, responseFormat);
    const { tokens } = await this.ctx.tokenize(formatted.prompt, { media_paths: formatted.media_paths });
    return { formatted, tokens: tokens.length };
  }

  /**
   * The binding's getFormattedChat() reads the model info twice to decide on Jinja, and
   * that read re-validates the chat templates: ~3 ms of a ~4 ms call. The answer cannot
   * change for a loaded model, so text-only chats go to the native formatter directly
   * with the same parameters the wrapper would pass; chats with images take the
   * wrapper, which also turns image parts into media markers and paths.
   */
  private formatChat(request: GenerateRequest, responseFormat: LlamaCompletionOptions['response_format']): FormattedChat {
    const textOnly = request.messages.every((m) => typeof m.content === 'string' || m.content.every((p) => p.type === 'text'));
    if (!textOnly || !this.jinja) return this.ctx.getFormattedChat(request.messages, undefined, { jinja: true, response_format: responseFormat, add_generation_prompt: true });
    const chat = this.ctx.ctx.getFormattedChat(request.messages, undefined, {
      jinja: true, response_format: responseFormat, enable_thinking: true, reasoning_format: 'none', add_generation_prompt: true, force_pure_content: false,
    });
    if (typeof chat === 'string') return { type: 'llama-chat', prompt: chat, has_media: false, media_paths: [] };
    return { type: 'jinja', has_media: false, media_paths: [], ...chat };
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.closed) throw new Error('engine is closed');
    const cancelledEarly = (): GenerateResult => ({ text: '', promptTokens: 0, completionTokens: 0, finishReason: 'cancelled', decodeMs: 0 });
    if (request.signal.aborted) return cancelledEarly();
    const c = request.constraint;
    let responseFormat: LlamaCompletionOptions['response_format'];
    if (c.kind === 'json_schema') responseFormat = { type: 'json_schema', json_schema: { strict: true, schema: c.schema } };
    // The binding applies no grammar at all for {type: "json_object"}; an object schema gets one.
    else if (c.kind === 'json_object') responseFormat = { type: 'json_schema', json_schema: { strict: true, schema: { type: 'object' } } };
    const options: LlamaParallelCompletionOptions & LlamaCompletionOptions = {
      messages: request.messages,
      n_predict: request.maxTokens,
      temperature: request.temperature,
      top_p: request.topP,
      stop: request.stop.length ? request.stop : undefined,
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(c.kind === 'grammar' ? { grammar: c.gbnf } : {}),
      ...(responseFormat ? { response_format: responseFormat } : {}),
    };
    if (this.info.slots > 1) return this.run(request, options, (onToken) => this.startParallel(options, onToken));
    return this.lock.run(async () => {
      if (request.signal.aborted || this.closed) return cancelledEarly();
      return this.run(request, options, (onToken, formatted) => (this.parallel ? this.startParallel(options, onToken) : this.startPlain(withFormattedPrompt(options, formatted), onToken)));
    });
  }

  /** Clamps n_predict to the room left after the prompt, runs the completion and maps its result. */
  private async run(
    request: GenerateRequest,
    options: LlamaParallelCompletionOptions,
    start: (onToken: (t: LlamaCompletionToken) => void, formatted: FormattedChat) => Promise<Job>,
  ): Promise<GenerateResult> {
    const { formatted, tokens: prompt } = await this.formatPrompt(request, options.response_format as LlamaCompletionOptions['response_format']);
    const room = this.info.contextSize - prompt;
    if (room < 1) throw new PromptTooLongError(prompt, this.info.contextSize);
    const clamped = request.maxTokens > room;
    options.n_predict = Math.min(request.maxTokens, room);

    const filter = new StopFilter(request.stop, (piece) => request.onText?.(piece));
    let cancelled = false;
    let tokens = 0;
    let firstTokenAt = 0;
    let lastTokenAt = 0;
    const job = await start((t) => {
      if (cancelled) return;
      tokens++;
      lastTokenAt = performance.now();
      if (!firstTokenAt) firstTokenAt = lastTokenAt;
      filter.push(t.token);
    }, formatted);
    const stop = () => {
      if (cancelled) return;
      cancelled = true;
      job.stop();
    };
    this.running.add(stop);
    request.signal.addEventListener('abort', stop, { once: true });
    if (request.signal.aborted) stop();
    try {
      const result = await job.promise;
      let text: string;
      if (job.streamIsComplete) {
        // Token callbacks queued before the end can still be on their way: let them land.
        await new Promise((r) => setImmediate(r));
        filter.flush();
        text = filter.text();
      } else {
        text = filter.finish(result.text ?? '');
      }
      // Counted before the run: the plain call's timings leave out the cached prefix.
      const promptTokens = prompt;
      const completionTokens = Math.max(result.tokens_predicted ?? 0, tokens);
      const cut = result.stopped_limit || result.stopped_limited || result.context_full || (clamped && completionTokens >= options.n_predict);
      if (cancelled) return { text, promptTokens, completionTokens, finishReason: 'cancelled', decodeMs: lastTokenAt - firstTokenAt };
      return { text, promptTokens, completionTokens, finishReason: cut ? 'length' : 'stop', decodeMs: lastTokenAt - firstTokenAt };
    } catch (err) {
      if (cancelled) return { text: filter.text(), promptTokens: prompt, completionTokens: tokens, finishReason: 'cancelled', decodeMs: lastTokenAt - firstTokenAt };
      throw err;
    } finally {
      request.signal.removeEventListener('abort', stop);
      this.running.delete(stop);
    }
  }

  private async startParallel(options: LlamaParallelCompletionOptions, onToken: (t: LlamaCompletionToken) => void): Promise<Job> {
    const job = await this.ctx.parallel.completion(options, (_id: number, t: LlamaCompletionToken) => onToken(t));
    return { promise: job.promise as Promise<RawResult>, stop: () => job.stop(), streamIsComplete: false };
  }

  private async startPlain(options: LlamaCompletionOptions, onToken: (t: LlamaCompletionToken) => void): Promise<Job> {
    // Holding the lock, this completion is the only one on the context, so the global stop can only reach it.
    let settled = false;
    let started: Promise<LlamaCompletionResult>;
    try {
      started = this.ctx.completion(options, onToken);
    } catch (err) {
      if (!/another completion is in progress/i.test((err as Error).message)) throw err;
      // The binding registers its end-of-completion hook only after queueing the work, so a
      // completion that ends first leaves the context marked busy for good. Nothing of ours
      // runs (we hold the lock), so this request and all later ones move to parallel mode.
      if (!(await this.ctx.parallel.enable({ n_parallel: 1, n_batch: BATCH }))) throw err;
      this.parallel = true;
      this.log('llamacpp: the binding left its single-sequence mode marked busy after a very short completion; continuing in parallel mode (no prompt-prefix reuse from now on)');
      return this.startParallel(options, onToken);
    }
    const promise = started.finally(() => { settled = true; }) as Promise<LlamaCompletionResult & RawResult>;
    // The plain call streams every piece of its text, while its final `text` ends at the first NUL character.
    return { promise, stop: () => { if (!settled) this.ctx.stopCompletion(); }, streamIsComplete: true };
  }

  /**
   * Runs every batch shape a working server meets once: a prompt of a few hundred
   * tokens (the prompt-processing kernels), then, with several slots, all slots
   * decoding together and finishing one after another, so the batched decode
   * shapes from `slots` sequences down to one are all built. Returns the tokens decoded.
   */
  async warmUp(): Promise<number> {
    const slots = this.info.slots;
    const words = 'Draw a small house icon with a red roof, a door and two windows.';
    const target = Math.min(256, Math.floor(this.info.contextSize / 2));
    let prompt = words;
    while ((await this.ctx.tokenize(prompt)).tokens.length < target) prompt += ` ${words}`;
    const request = (maxTokens: number, i: number): GenerateRequest => ({
      messages: [{ role: 'user', content: `${i} ${prompt}` }],
      maxTokens,
      temperature: 0,
      topP: 1,
      stop: [],
      constraint: { kind: 'none' },
      signal: new AbortController().signal,
    });
    const results = await Promise.all(Array.from({ length: slots }, (_, i) => this.generate(request(2 + 2 * i, i))));
    return results.reduce((n, r) => n + r.completionTokens, 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.running]) stop();
    // Let a running plain completion end (it was just stopped) before the context goes away.
    if (this.info.slots === 1) await this.lock.run(async () => {});
    if (this.parallel) {
      try { this.ctx.parallel.disable(); } catch { /* already disabled */ }
    }
    // After the fallback the binding still points at its finished (freed) worker and would write
    // through that pointer on release; leave the memory to the process exit instead.
    if (this.parallel && this.info.slots === 1) return;
    await this.ctx.release();
  }
}
