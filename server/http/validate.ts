// Turns an untrusted /v1/chat/completions body into a normalized request, or
// an ApiError naming the offending field in `param` (OpenAI style, e.g.
// "messages[1].content[0].image_url.url").
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatMessage, ChatPart, Constraint } from '../engine';
import { SVG_GBNF } from '../svgGrammar';
import { ApiError, invalid } from './errors';
import { boundNumbers, checkJsonSchema } from './jsonSchema';

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number;
  topP: number;
  seed?: number;
  stop: string[];
  n: number;
  stream: boolean;
  includeUsage: boolean;
  constraint: Constraint;
  /**
   * Set for response_format json_schema/json_object: the answer is checked (against the
   * schema as the client wrote it, when there is one) and only its JSON value is sent.
   */
  jsonAnswer?: { schema?: Record<string, unknown> };
  imageCount: number;
}

export interface ValidationContext {
  model: string;
  vision: boolean;
  contextSize: number;
  maxCandidates: number;
  maxImageBytes: number;
  /** Real paths of the directories local images may come from; empty: data URLs only. */
  allowImageDirs: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const DATA_URL = /^data:image\/(png|jpeg|jpg|gif|webp|bmp);base64,([A-Za-z0-9+/]+={0,2})$/;

function number(body: Record<string, unknown>, key: string, min: number, max: number, fallback: number, integer = false): number {
  const v = body[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw invalid(key, `${key} must be ${integer ? 'an integer' : 'a number'}`);
  }
  if (v < min || v > max) throw invalid(key, `${key} must be between ${min} and ${max}, got ${v}`);
  return v;
}

/** Image types by their first bytes, for files read from an allowed directory. */
function sniffImage(head: Buffer): string | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (head.toString('latin1', 0, 2) === 'BM') return 'bmp';
  return undefined;
}

/**
 * Reads an image file as a data URL, or returns undefined when the path is not
 * an existing regular file inside one of `dirs` once every symlink and ".." is
 * resolved. The bytes read are the bytes checked: the engine gets the data URL,
 * never the path, so nothing can be swapped in between.
 */
function readAllowedImage(path: string, dirs: string[], maxBytes: number, param: string): string | undefined {
  let real: string;
  try { real = realpathSync(path); } catch { return undefined; }
  if (!dirs.some((dir) => real.startsWith(dir.endsWith(sep) ? dir : dir + sep))) return undefined;
  let fd: number;
  try { fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)); } catch { return undefined; }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (st.size > maxBytes) throw invalid(param, `image is larger than ${maxBytes} bytes`);
    const bytes = Buffer.alloc(st.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    const type = sniffImage(bytes.subarray(0, Math.min(at, 16)));
    if (!type) throw invalid(param, 'image file is not a PNG, JPEG, GIF, WebP or BMP image');
    return `data:image/${type};base64,${bytes.subarray(0, at).toString('base64')}`;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function imageUrl(url: unknown, param: string, ctx: ValidationContext): string {
  if (typeof url !== 'string' || !url) throw invalid(param, 'image_url.url must be a non-empty string');
  if (!ctx.vision) throw invalid(param, `model "${ctx.model}" has no vision projector (start the server with --mmproj) and cannot take images`);
  if (url.startsWith('data:')) {
    const m = DATA_URL.exec(url);
    if (!m) throw invalid(param, 'image data URL must be data:image/{png,jpeg,gif,webp,bmp};base64,…');
    if ((m[2].length * 3) / 4 > ctx.maxImageBytes) throw invalid(param, `image is larger than ${ctx.maxImageBytes} bytes`);
    return url;
  }
  if (/^https?:/i.test(url)) throw invalid(param, 'remote image URLs are not fetched; send a data URL');
  // One answer for every local path refused, whether it exists or not, so the disk cannot be probed.
  const refused = () => invalid(param, ctx.allowImageDirs.length
    ? 'image_url.url must be a data:image/…;base64 URL or an absolute path to an image file under a directory this server allows (--allow-image-dir)'
    : 'image_url.url must be a data:image/…;base64 URL; this server reads no local files (its operator can allow directories with --allow-image-dir)', 'image_not_allowed');
  if (!ctx.allowImageDirs.length) throw refused();
  let path: string;
  try { path = url.startsWith('file:') ? fileURLToPath(url) : url; } catch { throw refused(); }
  if (!isAbsolute(path)) throw refused();
  const dataUrl = readAllowedImage(path, ctx.allowImageDirs, ctx.maxImageBytes, param);
  if (!dataUrl) throw refused();
  return dataUrl;
}

/** OpenAI's own limit; formatting a chat template takes time that grows faster than the message count. */
export const MAX_MESSAGES = 2048;
/** Images in one request; each one is encoded by the projector before the prompt is even counted. */
export const MAX_IMAGES = 8;

function messages(value: unknown, ctx: ValidationContext): { messages: ChatMessage[]; images: number } {
  if (!Array.isArray(value) || value.length === 0) throw invalid('messages', 'messages must be a non-empty array');
  if (value.length > MAX_MESSAGES) throw invalid('messages', `messages has ${value.length} entries; at most ${MAX_MESSAGES} are accepted`, 'too_many_messages');
  // Every message takes at least one token of the window: refuse what cannot fit before formatting it.
  if (value.length > ctx.contextSize) {
    throw invalid('messages', `${value.length} messages cannot fit in the context window of ${ctx.contextSize} tokens: shorten the messages or start the server with a larger --ctx`, 'context_length_exceeded');
  }
  let images = 0;
  const out = value.map((m, i): ChatMessage => {
    const at = `messages[${i}]`;
    if (!isObject(m)) throw invalid(at, `${at} must be an object`);
    const role = m.role === 'developer' ? 'system' : m.role;
    if (role !== 'system' && role !== 'user' && role !== 'assistant') {
      throw invalid(`${at}.role`, `${at}.role must be "system", "user" or "assistant"`);
    }
    if (typeof m.content === 'string') return { role, content: m.content };
    if (!Array.isArray(m.content)) throw invalid(`${at}.content`, `${at}.content must be a string or an array of parts`);
    const parts = m.content.map((p, j): ChatPart => {
      const pat = `${at}.content[${j}]`;
      if (!isObject(p)) throw invalid(pat, `${pat} must be an object`);
      if (p.type === 'text') {
        if (typeof p.text !== 'string') throw invalid(`${pat}.text`, `${pat}.text must be a string`);
        return { type: 'text', text: p.text };
      }
      if (p.type === 'image_url') {
        if (role !== 'user') throw invalid(pat, 'only user messages may contain images');
        const raw = isObject(p.image_url) ? p.image_url.url : p.image_url;
        if (++images > MAX_IMAGES) throw invalid(pat, `at most ${MAX_IMAGES} images are accepted in one request`, 'too_many_images');
        return { type: 'image_url', image_url: { url: imageUrl(raw, `${pat}.image_url.url`, ctx) } };
      }
      throw invalid(`${pat}.type`, `${pat}.type must be "text" or "image_url"`);
    });
    return { role, content: parts };
  });
  return { messages: out, images };
}

function constraint(body: Record<string, unknown>): Constraint {
  const chosen: Constraint[] = [];
  const rf = body.response_format;
  if (rf !== undefined && rf !== null) {
    if (!isObject(rf)) throw invalid('response_format', 'response_format must be an object');
    if (rf.type === 'json_schema') {
      const js = rf.json_schema;
      if (!isObject(js) || !isObject(js.schema)) throw invalid('response_format.json_schema.schema', 'response_format.json_schema.schema must be a JSON Schema object');
      checkJsonSchema(js.schema, 'response_format.json_schema.schema');
      chosen.push({ kind: 'json_schema', schema: boundNumbers(js.schema) });
    } else if (rf.type === 'json_object') {
      chosen.push({ kind: 'json_object' });
    } else if (rf.type !== 'text') {
      throw invalid('response_format.type', 'response_format.type must be "text", "json_object" or "json_schema"');
    }
  }
  if (body.svg_grammar !== undefined && body.svg_grammar !== null) {
    if (typeof body.svg_grammar !== 'boolean') throw invalid('svg_grammar', 'svg_grammar must be a boolean');
    if (body.svg_grammar) chosen.push({ kind: 'grammar', gbnf: SVG_GBNF });
  }
  // Arbitrary client GBNF is not accepted: llama.cpp aborts the whole process on a grammar it cannot parse.
  if (body.grammar !== undefined && body.grammar !== null) throw invalid('grammar', 'custom grammars are not accepted; use "svg_grammar": true or response_format');
  if (chosen.length > 1) throw invalid('response_format', 'use only one of response_format (json) and svg_grammar');
  return chosen[0] ?? { kind: 'none' };
}

export function validateChatRequest(body: unknown, ctx: ValidationContext): ChatRequest {
  if (!isObject(body)) throw invalid(null, 'request body must be a JSON object');
  if (typeof body.model !== 'string' || !body.model) throw invalid('model', 'model must be a non-empty string');
  if (body.model !== ctx.model) {
    throw new ApiError(404, `The model "${body.model}" does not exist; this server serves "${ctx.model}"`, 'invalid_request_error', 'model', 'model_not_found');
  }
  const { messages: msgs, images } = messages(body.messages, ctx);
  const maxKey = body.max_completion_tokens !== undefined && body.max_completion_tokens !== null ? 'max_completion_tokens' : 'max_tokens';
  // Larger than the window is allowed: the engine clamps it to the room left after the prompt (finish_reason "length").
  const maxTokens = number(body, maxKey, 1, 2 ** 31 - 1, ctx.contextSize, true);
  const temperature = number(body, 'temperature', 0, 2, 1);
  const topP = number(body, 'top_p', 0, 1, 1);
  if (body.top_p === 0) throw invalid('top_p', 'top_p must be greater than 0');
  const seed = body.seed === undefined || body.seed === null ? undefined : number(body, 'seed', 0, 2 ** 32 - 1, 0, true);
  let stop: string[] = [];
  if (typeof body.stop === 'string') stop = [body.stop];
  else if (Array.isArray(body.stop)) stop = body.stop;
  else if (body.stop !== undefined && body.stop !== null) throw invalid('stop', 'stop must be a string or an array of strings');
  if (stop.length > 4 || stop.some((s) => typeof s !== 'string' || s.length === 0)) throw invalid('stop', 'stop takes up to 4 non-empty strings');
  const n = number(body, 'n', 1, ctx.maxCandidates, 1, true);
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') throw invalid('stream', 'stream must be a boolean');
  const stream = body.stream === true;
  let includeUsage = false;
  if (body.stream_options !== undefined && body.stream_options !== null) {
    if (!isObject(body.stream_options)) throw invalid('stream_options', 'stream_options must be an object');
    if (!stream) throw invalid('stream_options', 'stream_options is only allowed when stream is true');
    includeUsage = body.stream_options.include_usage === true;
  }
  const chosen = constraint(body);
  const jsonAnswer = chosen.kind === 'json_object' ? {} : chosen.kind === 'json_schema' ? { schema: ((body.response_format as Record<string, unknown>).json_schema as Record<string, unknown>).schema as Record<string, unknown> } : undefined;
  return { model: body.model, messages: msgs, maxTokens, temperature, topP, seed, stop, n, stream, includeUsage, constraint: chosen, jsonAnswer, imageCount: images };
}
