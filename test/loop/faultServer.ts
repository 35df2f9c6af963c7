// A scripted OpenAI-compatible server on loopback for the faults a real model
// cannot be made to produce on demand: broken SVG, cut streams, prose, tokens,
// non-JSON critiques, 500s, stalls, disconnects, slow answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestKind = 'generate' | 'refine' | 'critic-vision' | 'critic-text' | 'probe';

export interface SeenRequest {
  kind: RequestKind;
  /** 0-based count of earlier requests of the same kind. */
  nth: number;
  body: Record<string, unknown>;
  /** The user message's text parts joined. */
  text: string;
}

export type Behavior =
  | { text: string | string[]; delayMs?: number; chunkDelayMs?: number; finish?: string }
  | { status: number; message?: string }
  | { stallAfter: string }
  | { disconnectAfter: string };

export type Script = (req: SeenRequest) => Behavior;

export interface FaultServer {
  url: string;
  requests: SeenRequest[];
  /** Connections the server saw closed by the client before the answer ended. */
  clientAborts: number;
  close(): Promise<void>;
}

function classify(body: Record<string, unknown>): { kind: RequestKind; text: string } {
  const messages = (body.messages as { content: unknown }[]) ?? [];
  const content = messages[messages.length - 1]?.content;
  const parts = Array.isArray(content) ? (content as { type: string; text?: string }[]) : [{ type: 'text', text: String(content ?? '') }];
  const text = parts.filter((p) => p.type === 'text').map((p) => p.text ?? '').join('\n');
  const hasImage = parts.some((p) => p.type === 'image_url');
  let kind: RequestKind = 'probe';
  if (text.startsWith('Please generate an SVG icon')) kind = 'generate';
  else if (text.startsWith('Please improve this SVG icon') || text.startsWith('Please analyze all the information provided below')) kind = 'refine';
  else if (text.includes('expert judge of SVG icons') || text.includes('professional SVG design critic')) kind = hasImage ? 'critic-vision' : 'critic-text';
  return { kind, text };
}

export interface FaultServerOptions {
  /** The model id /v1/models lists and answers carry (default "fault-model"). */
  model?: string;
  /** Prompt tokens an image part adds to the reported usage, so a capability probe sees a vision model (default 0). */
  imageTokens?: number;
  /** Send no usage with streamed answers, as some servers do (default false). */
  noStreamUsage?: boolean;
}

export async function startFaultServer(script: Script, options: FaultServerOptions = {}): Promise<FaultServer> {
  const model = options.model ?? 'fault-model';
  const imageTokens = options.imageTokens ?? 0;
  const requests: SeenRequest[] = [];
  const counts = new Map<RequestKind, number>();
  const open = new Set<ServerResponse>();
  const state = { clientAborts: 0 };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      json(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'test' }] });
      return;
    }
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        json(res, 400, { error: { message: 'bad json' } });
        return;
      }
      const { kind, text } = classify(body);
      const nth = counts.get(kind) ?? 0;
      counts.set(kind, nth + 1);
      const seen = { kind, nth, body, text };
      requests.push(seen);
      open.add(res);
      res.on('close', () => {
        if (!res.writableFinished) state.clientAborts++;
        open.delete(res);
      });
      const promptTokens = 10 + (hasImagePart(body) ? imageTokens : 0);
      void respond(res, body, script(seen), model, promptTokens, options.noStreamUsage ?? false);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get clientAborts() {
      return state.clientAborts;
    },
    async close() {
      for (const r of open) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const data = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hasImagePart(body: Record<string, unknown>): boolean {
  const messages = (body.messages as { content: unknown }[]) ?? [];
  return messages.some((m) => Array.isArray(m.content) && (m.content as { type?: string }[]).some((p) => p.type === 'image_url'));
}

async function respond(res: ServerResponse, body: Record<string, unknown>, behavior: Behavior, model: string, promptTokens: number, noStreamUsage: boolean): Promise<void> {
  if ('status' in behavior) {
    json(res, behavior.status, { error: { message: behavior.message ?? `scripted ${behavior.status}`, type: 'server_error' } });
    return;
  }
  const n = typeof body.n === 'number' ? body.n : 1;
  const stream = body.stream === true;
  if ('text' in behavior && behavior.delayMs) await sleep(behavior.delayMs);
  if (res.destroyed) return;
  const texts = 'text' in behavior ? (Array.isArray(behavior.text) ? behavior.text : Array.from({ length: n }, () => behavior.text as string)) : [];
  const finish = 'text' in behavior ? (behavior.finish ?? 'stop') : 'stop';
  if (!stream) {
    json(res, 200, {
      id: 'cmpl-test',
      object: 'chat.completion',
      created: 0,
      model,
      choices: texts.map((t, i) => ({ index: i, message: { role: 'assistant', content: t }, finish_reason: finish })),
      usage: { prompt_tokens: promptTokens, completion_tokens: texts.reduce((s, t) => s + Math.ceil(t.length / 4), 0), total_tokens: 0 },
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (choices: unknown[], usage?: unknown) =>
    res.write(`data: ${JSON.stringify({ id: 'cmpl-test', object: 'chat.completion.chunk', created: 0, model, choices, ...(usage ? { usage } : {}) })}\n\n`);
  if ('stallAfter' in behavior || 'disconnectAfter' in behavior) {
    const partial = 'stallAfter' in behavior ? behavior.stallAfter : behavior.disconnectAfter;
    for (const piece of chunks(partial)) send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    if ('disconnectAfter' in behavior) {
      await sleep(20);
      res.socket?.destroy();
    }
    return; // a stall: the response stays open until the client gives up
  }
  const delay = 'text' in behavior ? (behavior.chunkDelayMs ?? 0) : 0;
  for (let i = 0; i < texts.length; i++) {
    for (const piece of chunks(texts[i])) {
      if (res.destroyed) return;
      send([{ index: i, delta: { content: piece }, finish_reason: null }]);
      if (delay) await sleep(delay);
    }
    send([{ index: i, delta: {}, finish_reason: finish }]);
  }
  if (!noStreamUsage) send([], { prompt_tokens: promptTokens, completion_tokens: texts.reduce((s, t) => s + chunks(t).length, 0), total_tokens: 0 });
  res.end('data: [DONE]\n\n');
}

/** Splits text into token-sized pieces. */
function chunks(text: string): string[] {
  return text.match(/[\s\S]{1,6}/g) ?? [];
}
