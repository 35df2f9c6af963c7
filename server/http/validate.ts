// Turns an untrusted /v1/chat/completions body into a normalized request, or
// an ApiError naming the offending field in `param` (OpenAI style, e.g.
// "messages[1].content[0].image_url.url").
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
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
  imageCount: number;
}

export interface ValidationContext {
  model: string;
  vision: boolean;
  contextSize: number;
  maxCandidates: number;
  maxImageBytes: number;
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

function imageUrl(url: unknown, param: string, ctx: ValidationContext): string {
  if (typeof url !== 'string' || !url) throw invalid(param, 'image_url.url must be a non-empty string');
  if (!ctx.vision) throw invalid(param, `model "${ctx.model}" has no vision projector (start the server with --mmproj) and cannot take images`);
  if (url.startsWith('data:')) {
    const m = DATA_URL.exec(url);
    if (!m) throw invalid(param, 'image data URL must be data:image/{png,jpeg,gif,webp,bmp};base64,…');
    if ((m[2].length * 3) / 4 > ctx.maxImageBytes) throw invalid(param, `image is larger than ${ctx.maxImageBytes} bytes`);
    return url;
  }
  if (/^https?:/i.test(url)) throw invalid(param, 'remote image URLs are not fetched; send a data URL or a local file path');
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  if (!isAbsolute(path)) throw invalid(param, 'image path must be absolute');
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw invalid(param, `image file not found: ${path}`);
  }
  if (size > ctx.maxImageBytes) throw invalid(param, `image is larger than ${ctx.maxImageBytes} bytes`);
  return path;
}

function messages(value: unknown, ctx: ValidationContext): { messages: ChatMessage[]; images: number } {
  if (!Array.isArray(value) || value.length === 0) throw invalid('messages', 'messages must be a non-empty array');
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
        images++;
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
  return { model: body.model, messages: msgs, maxTokens, temperature, topP, seed, stop, n, stream, includeUsage, constraint: constraint(body), imageCount: images };
}
