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
