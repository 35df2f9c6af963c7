// The answer to a response_format request must be the JSON value and nothing
// else. llama.cpp's grammar for a chat model allows the value inside a
// ```json fence (its root rule is `"```json" space value space "```" | space
// value space`), and an answer cut at max_tokens is no JSON at all. So the
// answer is taken apart here: the one JSON value is extracted, checked against
// the schema, and sent alone, or the request fails; invalid content never goes
// out with a 200.

import { jsonValueEnd } from '../../src/shared/jsonSpan';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type JsonAnswer = { ok: true; json: string } | { ok: false; why: string };

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try { return { ok: true, value: JSON.parse(text) as unknown }; } catch { return { ok: false }; }
}

/** The text of the one JSON value in a model answer: bare, fenced, or the first object/array in prose. */
export function extractJson(text: string): { text: string; value: unknown } | undefined {
  const trimmed = text.trim();
  const whole = parse(trimmed);
  if (whole.ok) return { text: trimmed, value: whole.value };
  const fenced = /^```[a-zA-Z]*\s*([\s\S]*?)\s*```$/.exec(trimmed);
  if (fenced) {
    const inner = parse(fenced[1]);
    if (inner.ok) return { text: fenced[1], value: inner.value };
  }
  const start = trimmed.search(/[{[]/);
  if (start < 0) return undefined;
  const end = jsonValueEnd(trimmed, start);
  if (end < 0) return undefined;
  const slice = trimmed.slice(start, end);
  const inner = parse(slice);
  return inner.ok ? { text: slice, value: inner.value } : undefined;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Why `value` does not satisfy `schema`, or undefined when it does. Covers the
 * subset checkJsonSchema admits (types, properties, required,
 * additionalProperties, items, enum, const, anyOf/oneOf, length, item, property
 * and number bounds).
 */
export function schemaViolation(value: unknown, schema: Record<string, unknown>, at = '$'): string | undefined {
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) {
      const branches = (schema[key] as Record<string, unknown>[]).filter((s) => schemaViolation(value, s, at) === undefined).length;
      if (branches === 0) return `${at} matches none of the ${key} schemas`;
      if (key === 'oneOf' && branches > 1) return `${at} matches more than one oneOf schema`;
      return undefined;
    }
  }
  if ('enum' in schema && !(schema.enum as unknown[]).some((e) => e === value)) return `${at} is not one of the allowed values`;
  if ('const' in schema && schema.const !== value) return `${at} is not the required constant`;
  const type = schema.type;
  if (type === undefined) return undefined;
  const actual = typeOf(value);
  const typeOk = type === actual || (type === 'integer' && actual === 'number' && Number.isInteger(value)) || (type === 'number' && actual === 'number');
  if (!typeOk) return `${at} is ${actual}, the schema wants ${String(type)}`;
  const num = (k: string) => (typeof schema[k] === 'number' ? (schema[k] as number) : undefined);
  if (actual === 'number') {
    const v = value as number;
    if (num('minimum') !== undefined && v < num('minimum')!) return `${at} is below the minimum ${num('minimum')}`;
    if (num('maximum') !== undefined && v > num('maximum')!) return `${at} is above the maximum ${num('maximum')}`;
  }
  if (actual === 'string') {
    const n = [...(value as string)].length;
    if (num('minLength') !== undefined && n < num('minLength')!) return `${at} is shorter than ${num('minLength')} characters`;
    if (num('maxLength') !== undefined && n > num('maxLength')!) return `${at} is longer than ${num('maxLength')} characters`;
  }
  if (actual === 'array') {
    const list = value as unknown[];
    if (num('minItems') !== undefined && list.length < num('minItems')!) return `${at} has fewer than ${num('minItems')} items`;
    if (num('maxItems') !== undefined && list.length > num('maxItems')!) return `${at} has more than ${num('maxItems')} items`;
    if (isObject(schema.items)) {
      for (let i = 0; i < list.length; i++) {
        const why = schemaViolation(list[i], schema.items, `${at}[${i}]`);
        if (why) return why;
      }
    }
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const props = isObject(schema.properties) ? (schema.properties as Record<string, Record<string, unknown>>) : {};
    const keys = Object.keys(obj);
    if (num('minProperties') !== undefined && keys.length < num('minProperties')!) return `${at} has fewer than ${num('minProperties')} properties`;
    if (num('maxProperties') !== undefined && keys.length > num('maxProperties')!) return `${at} has more than ${num('maxProperties')} properties`;
    for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!Object.hasOwn(obj, name)) return `${at} lacks the required property "${name}"`;
    }
    for (const key of keys) {
      if (Object.hasOwn(props, key)) {
        const why = schemaViolation(obj[key], props[key], `${at}.${key}`);
        if (why) return why;
      } else if (schema.additionalProperties === false) return `${at} has the property "${key}" the schema does not allow`;
    }
  }
  return undefined;
}

/** The answer to send for a JSON-constrained request: only the value's JSON, or why there is none. */
export function jsonAnswer(text: string, schema: Record<string, unknown> | undefined): JsonAnswer {
  const found = extractJson(text);
  if (!found) return { ok: false, why: 'the answer holds no complete JSON value' };
  if (schema) {
    const why = schemaViolation(found.value, schema);
    if (why) return { ok: false, why };
  } else if (!isObject(found.value)) {
    return { ok: false, why: 'the answer is not a JSON object' };
  }
  return { ok: true, json: found.text };
}
