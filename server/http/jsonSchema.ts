// Accepts only the JSON Schema subset whose grammar conversion is known to
// work. llama.cpp aborts the whole process when a schema turns into a grammar
// it cannot parse, so anything else is refused with a 400 naming the keyword.
import { invalid } from './errors';

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const ANNOTATIONS = new Set(['title', 'description', '$schema', '$id', 'default', 'examples']);
const KEYWORDS: Record<string, Set<string>> = {
  object: new Set(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties']),
  array: new Set(['items', 'minItems', 'maxItems']),
  string: new Set(['minLength', 'maxLength', 'enum', 'const']),
  number: new Set(['minimum', 'maximum', 'enum', 'const']),
  integer: new Set(['minimum', 'maximum', 'enum', 'const']),
  boolean: new Set(['enum', 'const']),
  null: new Set([]),
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000;
const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function checkJsonSchema(schema: unknown, param: string, depth = 0): void {
  if (depth > 16) throw invalid(param, 'JSON schema nests deeper than 16 levels');
  if (!isObject(schema)) throw invalid(param, 'JSON schema must be an object');
  const keys = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
  const fail = (key: string, why: string) => { throw invalid(`${param}.${key}`, `unsupported JSON schema: ${why}`); };

  for (const combinator of ['anyOf', 'oneOf']) {
    if (combinator in schema) {
      const list = schema[combinator];
      if (!Array.isArray(list) || list.length === 0) fail(combinator, `${combinator} must be a non-empty array`);
      (list as unknown[]).forEach((s, i) => checkJsonSchema(s, `${param}.${combinator}[${i}]`, depth + 1));
      if (keys.length > 1) fail(combinator, `${combinator} cannot be combined with other keywords`);
      return;
    }
  }
  if ('enum' in schema && !('type' in schema)) {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0 || !schema.enum.every(isPrimitive)) fail('enum', 'enum must be a non-empty array of strings, numbers, booleans or null');
    if (keys.length > 1) fail('enum', 'enum without type cannot be combined with other keywords');
    return;
  }
  if ('const' in schema && !('type' in schema)) {
    if (!isPrimitive(schema.const)) fail('const', 'const must be a string, number, boolean or null');
    if (keys.length > 1) fail('const', 'const without type cannot be combined with other keywords');
    return;
  }
  const type = schema.type;
  if (typeof type !== 'string' || !TYPES.has(type)) fail('type', `type must be one of ${[...TYPES].join(', ')}`);
  const allowed = KEYWORDS[type as string];
  for (const k of keys) if (k !== 'type' && !allowed.has(k)) fail(k, `keyword "${k}" is not supported for type ${type}`);

  if ('enum' in schema && (!Array.isArray(schema.enum) || schema.enum.length === 0 || !schema.enum.every(isPrimitive))) fail('enum', 'enum must be a non-empty array of primitives');
  if ('const' in schema && !isPrimitive(schema.const)) fail('const', 'const must be a primitive');
  const range = (lo: string, hi: string, check: (v: unknown) => boolean) => {
    for (const k of [lo, hi]) if (k in schema && !check(schema[k])) fail(k, `${k} has an invalid value`);
    if (lo in schema && hi in schema && (schema[lo] as number) > (schema[hi] as number)) fail(lo, `${lo} is greater than ${hi}`);
  };
  if (type === 'string') range('minLength', 'maxLength', isCount);
  if (type === 'array') {
    range('minItems', 'maxItems', isCount);
    if ('items' in schema) checkJsonSchema(schema.items, `${param}.items`, depth + 1);
  }
  if (type === 'integer') range('minimum', 'maximum', (v) => typeof v === 'number' && Number.isSafeInteger(v));
  if (type === 'number') range('minimum', 'maximum', (v) => typeof v === 'number' && Number.isFinite(v));
  if (type === 'object') {
    range('minProperties', 'maxProperties', isCount);
    if ('properties' in schema) {
      if (!isObject(schema.properties)) fail('properties', 'properties must be an object');
      for (const [name, sub] of Object.entries(schema.properties as Record<string, unknown>)) checkJsonSchema(sub, `${param}.properties.${name}`, depth + 1);
    }
    if ('required' in schema) {
      const req = schema.required;
      const props = isObject(schema.properties) ? schema.properties : {};
      if (!Array.isArray(req) || !req.every((r) => typeof r === 'string' && r in props)) fail('required', 'required must list names from properties');
    }
    if ('additionalProperties' in schema && typeof schema.additionalProperties !== 'boolean') fail('additionalProperties', 'additionalProperties must be true or false');
  }
}

/** Most values a bounded `number` may be spelled out as. */
const MAX_STEPS = 201;

/** The values from `lo` to `hi` in steps of `step`, as JSON numbers with no float noise. */
function steps(lo: number, hi: number, step: number, decimals: number): number[] {
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  if (last - first + 1 > MAX_STEPS) return [];
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(Number((k * step).toFixed(decimals)));
  return out;
}

/**
 * llama.cpp's schema-to-grammar conversion honours minimum/maximum for
 * integers but ignores them for `number`, so a 0–10 score can come out as
 * 7628285.99E4222315636744223. Returns a copy of a checked schema in which
 * every `number` with both bounds becomes an enum of the values in range with
 * at most two decimals (0–1 in steps of 0.01, 0–10 in steps of 0.1, at most
 * 201 values), or, for wide ranges, an integer range. One-sided bounds on
 * `number` stay unenforced (documented).
 */
export function boundNumbers(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  if (out.type === 'number' && typeof out.minimum === 'number' && typeof out.maximum === 'number' && !('enum' in out) && !('const' in out)) {
    const lo = out.minimum;
    const hi = out.maximum;
    delete out.minimum;
    delete out.maximum;
    const candidates = [[0.01, 2], [0.1, 1], [1, 0]].map(([step, decimals]) => steps(lo, hi, step, decimals));
    const fit = candidates.find((values) => values.length > 0 && values.length <= MAX_STEPS);
    if (fit) {
      delete out.type;
      out.enum = fit;
    } else if (Math.ceil(lo) > Math.floor(hi)) {
      delete out.type;
      out.enum = [...new Set([lo, hi])];
    } else {
      out.type = 'integer';
      out.minimum = Math.ceil(lo);
      out.maximum = Math.floor(hi);
    }
    return out;
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as Record<string, unknown>[]).map(boundNumbers);
  }
  if (isObject(out.items)) out.items = boundNumbers(out.items);
  if (isObject(out.properties)) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, isObject(v) ? boundNumbers(v) : v]));
  }
  return out;
}
