// POST /v1/chat/completions: schedules one generation per candidate (n) and
// answers as one JSON completion or as an SSE stream of OpenAI chunks.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PromptTooLongError, type Engine, type GenerateResult } from '../engine';
import type { Metrics } from '../metrics';
import { QueueFullError, ShuttingDownError, type Scheduler } from '../scheduler';
import { ApiError } from './errors';
import { jsonAnswer } from './jsonAnswer';
import { validateChatRequest, type ChatRequest } from './validate';

export interface ChatDeps {
  engine: Engine;
  scheduler: Scheduler;
  metrics: Metrics;
  maxCandidates: number;
  maxImageBytes: number;
  allowImageDirs: string[];
  log: (line: string) => void;
}

/** HTTP status recorded for a request whose client went away before the answer. */
export const CLIENT_CLOSED = 499;

type Outcome = { ok: true; result: GenerateResult } | { ok: false; error: unknown };

export async function handleChat(req: IncomingMessage, res: ServerResponse, body: unknown, deps: ChatDeps): Promise<number> {
  const { engine, scheduler } = deps;
  const request = validateChatRequest(body, {
    model: engine.info.model,
    vision: engine.info.vision,
    contextSize: engine.info.contextSize,
    maxCandidates: deps.maxCandidates,
    maxImageBytes: deps.maxImageBytes,
    allowImageDirs: deps.allowImageDirs,
  });
  // A JSON answer is checked whole before any of it is sent, so a stream carries it in one piece at the end.
  const streamPieces = request.stream && !request.jsonAnswer;
  let runners;
  try {
    runners = scheduler.admit(request.n);
  } catch (err) {
    if (err instanceof QueueFullError) {
      throw new ApiError(429, err.message, 'rate_limit_error', null, 'queue_full', { 'retry-after': String(err.retryAfterSeconds) });
    }
    if (err instanceof ShuttingDownError) throw new ApiError(503, err.message, 'server_error', null, 'shutting_down', { 'retry-after': '5' });
    throw err;
  }

  const abort = new AbortController();
  const onClose = () => { if (!res.writableEnded) abort.abort(); };
  res.on('close', onClose);
  req.on('aborted', onClose);

  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const model = engine.info.model;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices, ...extra })}\n\n`;

  // The stream opens with the first piece of text, so a request the engine refuses before
  // generating (a prompt longer than the window) still gets a plain HTTP error status.
  let streaming = false;
  const openStream = () => {
    if (streaming || res.writableEnded) return;
    streaming = true;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    for (let i = 0; i < request.n; i++) res.write(chunk([{ index: i, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]));
  };
  const outcomes = await Promise.all(runners.map((run, i) => run(() => engine.generate({
    messages: request.messages,
    maxTokens: request.maxTokens,
    temperature: request.temperature,
    topP: request.topP,
    seed: request.seed === undefined ? undefined : (request.seed + i) >>> 0,
    stop: request.stop,
    constraint: request.constraint,
    signal: abort.signal,
    onText: streamPieces
      ? (piece) => { openStream(); if (!res.writableEnded) res.write(chunk([{ index: i, delta: { content: piece }, logprobs: null, finish_reason: null }])); }
      : undefined,
  }), abort.signal).then((result): Outcome => ({ ok: true, result }), (error): Outcome => ({ ok: false, error }))));
  res.off('close', onClose);
  const results = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
  for (const r of results) deps.metrics.generation(r.promptTokens, r.completionTokens, r.decodeMs);

  if (abort.signal.aborted) {
    if (!res.writableEnded) res.end();
    return CLIENT_CLOSED;
  }
  let failure: { error: unknown } | undefined = outcomes.find((o): o is { ok: false; error: unknown } => !o.ok);
  const usage = usageOf(results);
  const texts = results.map((r) => r.text);
  if (!failure && request.jsonAnswer) {
    for (let i = 0; i < results.length && !failure; i++) {
      const checked = jsonAnswer(results[i].text, request.jsonAnswer.schema);
      if (checked.ok) texts[i] = checked.json;
      else failure = { error: invalidJsonAnswer(results[i], checked.why) };
    }
  }

  if (failure) {
    const err = engineError(failure.error, request);
    deps.log(`chat: generation failed: ${err.message}`);
    if (!streaming) throw err;
    res.write(`data: ${JSON.stringify(err.body())}\n\n`);
    res.end('data: [DONE]\n\n');
    return err.status;
  }
  if (request.stream) {
    openStream();
    if (!streamPieces) texts.forEach((text, i) => res.write(chunk([{ index: i, delta: { content: text }, logprobs: null, finish_reason: null }])));
    results.forEach((r, i) => res.write(chunk([{ index: i, delta: {}, logprobs: null, finish_reason: finish(r) }])));
    if (request.includeUsage) res.write(chunk([], { usage }));
    res.end('data: [DONE]\n\n');
    return 200;
  }
  const payload = JSON.stringify({
    id,
    object: 'chat.completion',
    created,
    model,
    system_fingerprint: null,
    choices: results.map((r, i) => ({ index: i, message: { role: 'assistant', content: texts[i], refusal: null }, logprobs: null, finish_reason: finish(r) })),
    usage,
  });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
  return 200;
}

/** A JSON-constrained answer that is not the schema's JSON: cut short (the client's max_tokens) or malformed (ours). */
function invalidJsonAnswer(result: GenerateResult, why: string): ApiError {
  if (result.finishReason === 'length') {
    return new ApiError(400, `the JSON answer was cut off after ${result.completionTokens} tokens, before it was complete: raise max_tokens (or the server's --ctx)`, 'invalid_request_error', 'max_tokens', 'json_incomplete');
  }
  return new ApiError(500, `the model's answer is not valid JSON for the requested format (${why}); nothing of it is returned`, 'server_error', null, 'invalid_json_answer');
}

const finish = (r: GenerateResult): 'stop' | 'length' => (r.finishReason === 'length' ? 'length' : 'stop');

function usageOf(results: GenerateResult[]) {
  // The prompt is processed for every candidate, but billed once, as OpenAI does.
  const prompt = results.length ? Math.max(...results.map((r) => r.promptTokens)) : 0;
  const completion = results.reduce((a, r) => a + r.completionTokens, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** A failure inside the engine: bad images and grammars are the client's fault, the rest is ours. */
function engineError(error: unknown, request: ChatRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ShuttingDownError) return new ApiError(503, error.message, 'server_error', null, 'shutting_down', { 'retry-after': '5' });
  if (error instanceof PromptTooLongError) return new ApiError(400, error.message, 'invalid_request_error', 'messages', 'context_length_exceeded');
  const message = error instanceof Error ? error.message : String(error);
  if (request.imageCount > 0 && /image|media|bitmap|decode|mtmd/i.test(message)) {
    return new ApiError(400, `could not read an image: ${message}`, 'invalid_request_error', 'messages', 'invalid_image');
  }
  if (request.constraint.kind !== 'none' && /grammar|schema|parse/i.test(message)) {
    return new ApiError(400, `invalid output constraint: ${message}`, 'invalid_request_error', request.constraint.kind === 'grammar' ? 'grammar' : 'response_format', 'invalid_constraint');
  }
  return new ApiError(500, `generation failed: ${message}`, 'server_error', null, 'engine_error');
}
