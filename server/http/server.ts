// The OpenAI-compatible HTTP front: routing, bearer auth, body limits, metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import type { Engine } from '../engine';
import { Metrics } from '../metrics';
import { Scheduler } from '../scheduler';
import { ApiError, invalid, sendError } from './errors';
import { handleChat, CLIENT_CLOSED } from './chat';

export interface ServerOptions {
  engine: Engine;
  /** Bearer token every request must carry; without it GET /health only says whether the server is up. */
  token: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Generations allowed to wait for a slot before requests get 429. Default: 4 × slots. */
  maxQueue?: number;
  /** Largest request body in bytes. Default 20 MiB (images travel as data URLs). */
  maxBodyBytes?: number;
  /** Real paths of the directories image_url may name files in; empty or absent: data URLs only. */
  allowImageDirs?: string[];
  /** Time a client has to send its whole request body before 408. Default 30 s. */
  bodyTimeoutMs?: number;
  /** Largest `n`. Default 8. */
  maxCandidates?: number;
  /** How long shutdown waits for running generations before cancelling them. Default 5 s. */
  gracePeriodMs?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  /** Base URL including /v1, e.g. http://127.0.0.1:43121/v1 */
  url: string;
  port: number;
  model: string;
  engine: Engine;
  metrics: Metrics;
  /** Stops listening, lets running generations finish (grace period), then frees the engine. */
  close(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { engine } = options;
  if (!options.token) throw new Error('startServer: a token is required');
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const maxCandidates = options.maxCandidates ?? 8;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
  const allowImageDirs = options.allowImageDirs ?? [];
  const scheduler = new Scheduler(engine.info.slots, options.maxQueue ?? engine.info.slots * 4);
  const metrics = new Metrics({ queueDepth: () => scheduler.queued, slotsBusy: () => scheduler.running, slotsTotal: engine.info.slots });
  const tokenDigest = digest(options.token);
  let closing = false;
  const created = Math.floor(Date.now() / 1000);

  const authorized = (req: IncomingMessage): boolean => {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(h);
    return !!m && timingSafeEqual(digest(m[1].trim()), tokenDigest);
  };

  const modelObject = { id: engine.info.model, object: 'model', created, owned_by: 'svg-copilot' };

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<number> {
    const method = req.method ?? 'GET';
    if (path === '/health') {
      if (method !== 'GET') throw new ApiError(405, 'use GET', 'invalid_request_error');
      const status = closing ? 503 : 200;
      const up = { status: closing ? 'shutting_down' : 'ok' };
      // Without the token: up or not, nothing about the model, the engine or the load.
      json(res, status, authorized(req) ? { ...up, model: engine.info.model, engine: engine.info.engine, slots: engine.info.slots, slots_busy: scheduler.running, queue_depth: scheduler.queued, vision: engine.info.vision } : up);
      return status;
    }
    const known = path === '/metrics' || path === '/v1/models' || path.startsWith('/v1/models/') || path === '/v1/chat/completions';
    if (!known) throw new ApiError(404, `no route ${method} ${path}`, 'invalid_request_error', null, 'not_found');
    if (!authorized(req)) {
      throw new ApiError(401, 'missing or incorrect API key: send "Authorization: Bearer <token>"', 'invalid_request_error', null, 'invalid_api_key', { 'www-authenticate': 'Bearer' });
    }
    if (path === '/metrics') {
      if (method !== 'GET') throw new ApiError(405, 'use GET', 'invalid_request_error');
      const text = metrics.render();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return 200;
    }
    if (path === '/v1/models') {
      if (method !== 'GET') throw new ApiError(405, 'use GET', 'invalid_request_error');
      json(res, 200, { object: 'list', data: [modelObject] });
      return 200;
    }
    if (path.startsWith('/v1/models/')) {
      let id: string;
      try { id = decodeURIComponent(path.slice('/v1/models/'.length)); } catch { throw new ApiError(404, 'malformed model id in the path', 'invalid_request_error', 'model', 'model_not_found'); }
      if (id !== engine.info.model) throw new ApiError(404, `The model "${id}" does not exist`, 'invalid_request_error', 'model', 'model_not_found');
      json(res, 200, modelObject);
      return 200;
    }
    if (method !== 'POST') throw new ApiError(405, 'use POST', 'invalid_request_error');
    if (closing) throw new ApiError(503, 'the server is shutting down', 'server_error', null, 'shutting_down', { 'retry-after': '5' });
    const body = await readJson(req, maxBodyBytes, bodyTimeoutMs);
    return handleChat(req, res, body, { engine, scheduler, metrics, maxCandidates, maxImageBytes: maxBodyBytes, allowImageDirs, log });
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const label = path.startsWith('/v1/models/') ? '/v1/models/{id}' : path;
    route(req, res, path).then(
      (status) => metrics.request(label, status),
      (err: unknown) => {
        const apiErr = err instanceof ApiError ? err : new ApiError(500, `internal error: ${err instanceof Error ? err.message : String(err)}`, 'server_error');
        if (apiErr.status >= 500) log(`http: ${req.method} ${path}: ${apiErr.message}`);
        metrics.request(KNOWN_ROUTES.has(label) ? label : 'other', res.destroyed && !res.headersSent ? CLIENT_CLOSED : apiErr.status);
        // The rest of the body may never come (or is not worth reading): close after answering.
        if (apiErr.status === 413 || apiErr.status === 408 || apiErr.status === 415) res.setHeader('connection', 'close');
        sendError(res, apiErr);
      },
    );
  });
  server.requestTimeout = 0; // generations may legitimately take minutes
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  let closed: Promise<void> | undefined;
  const close = () => (closed ??= (async () => {
    closing = true;
    server.close();
    const grace = options.gracePeriodMs ?? 5000;
    const drained = scheduler.drain();
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), grace).unref());
    if ((await Promise.race([drained.then(() => 'ok' as const), timer])) === 'timeout') log('shutdown: grace period over, cancelling running generations');
    await engine.close();
    await drained;
    for (const s of sockets) s.destroy();
  })());

  return { url: `http://${urlHost}:${port}/v1`, port, model: engine.info.model, engine, metrics, close };
}

const KNOWN_ROUTES = new Set(['/health', '/metrics', '/v1/models', '/v1/models/{id}', '/v1/chat/completions']);

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** No request needs more; deeper bodies are refused before parsing, so no later walk over them can recurse without bound. */
const MAX_NESTING = 64;

/** Whether the brackets in a JSON text (outside strings) nest deeper than `limit`. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) { if (++depth > limit) return true; }
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON body of at most `limit` bytes within `timeoutMs`. An oversized
 * body is still read (and dropped) to its end before the 413 goes out, so the
 * client receives the answer instead of a reset connection; a body far beyond
 * the limit (declared or as it arrives) gets the 413 at once and the
 * connection cut. A client that does not
 * finish its body in time gets 408 and a closed connection. The body must be
 * UTF-8 and, when a Content-Type is given, JSON.
 */
function readJson(req: IncomingMessage, limit: number, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new ApiError(413, `request body is larger than the limit of ${limit} bytes`, 'invalid_request_error', null, 'request_too_large');
    const type = req.headers['content-type'];
    if (type !== undefined && !JSON_TYPE.test(type)) {
      reject(new ApiError(415, `send the body as JSON with "Content-Type: application/json" (got "${type.slice(0, 100)}")`, 'invalid_request_error', null, 'unsupported_media_type'));
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit * 8) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: ApiError | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(new ApiError(408, `the request body did not arrive within ${Math.round(timeoutMs / 1000)} s`, 'invalid_request_error', null, 'request_timeout'));
      req.pause();
    }, timeoutMs);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > limit * 8 && !settled) {
        fail(tooLarge());
        req.destroy();
      }
    });
    req.on('error', (e) => fail(e));
    req.on('end', () => {
      if (settled) return;
      if (size > limit) { fail(tooLarge()); return; }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
      } catch {
        fail(invalid(null, 'request body is not valid UTF-8'));
        return;
      }
      if (nestsDeeperThan(text, MAX_NESTING)) {
        fail(invalid(null, `request body nests deeper than ${MAX_NESTING} levels`));
        return;
      }
      try {
        const value: unknown = JSON.parse(text);
        settled = true;
        clearTimeout(timer);
        resolve(value);
      } catch (e) {
        fail(invalid(null, `request body is not valid JSON: ${(e as Error).message}`));
      }
    });
  });
}
