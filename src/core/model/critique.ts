// Reads the critic's verdict {score 0–10, critique, suggestions}. Schema-
// constrained answers parse directly; otherwise a ```json fence, then the
// first balanced {…}; anything else is a clear "no JSON" failure.

import { jsonValueEnd } from '../../shared/jsonSpan';

export interface Critique {
  /** 0–10, clamped. */
  score: number;
  critique: string;
  suggestions: string;
}

type Found = 'whole' | 'fence' | 'object';

export type CritiqueParse =
  | { ok: true; critique: Critique; found: Found; notes: string[] }
  | { ok: false; error: string };

/** The first JSON value found in a model answer: the whole text, a ```json fence, or the first balanced {…}. */
export function findJson(answer: string): { value: unknown; found: Found } | undefined {
  const text = answer.replace(/<think>[\s\S]*?(<\/think>|$)/i, '').trim();
  for (const [found, candidate] of candidates(text)) {
    if (!candidate) continue;
    try {
      return { value: JSON.parse(candidate) as unknown, found };
    } catch {
      // try the next place
    }
  }
  return undefined;
}

function candidates(text: string): [Found, string | undefined][] {
  return [
    ['whole', text],
    ['fence', /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1]],
    ['object', firstObject(text)],
  ];
}

export function parseCritique(answer: string): CritiqueParse {
  const text = answer.replace(/<think>[\s\S]*?(<\/think>|$)/i, '').trim();
  const attempts = candidates(text);
  let sawJson = false;
  let problem = '';
  for (const [found, candidate] of attempts) {
    if (!candidate) continue;
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    sawJson = true;
    const checked = toCritique(value);
    if (checked.ok) return { ok: true, critique: checked.critique, found, notes: checked.notes };
    problem = checked.error;
  }
  if (sawJson) return { ok: false, error: `The critic's JSON is unusable: ${problem}` };
  const preview = text.replace(/\s+/g, ' ').slice(0, 120);
  return { ok: false, error: `The critic answered no JSON${preview ? `: "${preview}${text.length > 120 ? '…' : ''}"` : ' (empty answer)'}.` };
}

function toCritique(value: unknown): { ok: true; critique: Critique; notes: string[] } | { ok: false; error: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'it is not an object' };
  const v = value as Record<string, unknown>;
  const notes: string[] = [];
  let score = typeof v.score === 'number' ? v.score : typeof v.score === 'string' ? Number.parseFloat(v.score) : Number.NaN;
  // JSON allows exponents past the double range (9e999 parses as Infinity): that is still "above 10".
  if (Number.isNaN(score)) return { ok: false, error: 'it has no numeric "score"' };
  if (score < 0 || score > 10) {
    notes.push(`score ${score} clamped to 0–10`);
    score = Math.min(10, Math.max(0, score));
  }
  return { ok: true, critique: { score, critique: asText(v.critique), suggestions: asText(v.suggestions) }, notes };
}

/** A string field exactly as the critic wrote it (the refiner's slots take it unchanged); other values in words. */
function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x, i) => `${i + 1}. ${asText(x).trim()}`).join('\n');
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The first balanced {…} in the text that parses as JSON, skipping braces inside JSON strings. */
function firstObject(text: string): string | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    const end = jsonValueEnd(text, start);
    if (end < 0) continue;
    const candidate = text.slice(start, end);
    try {
      JSON.parse(candidate);
      return candidate;
    } catch {
      // not JSON: the next brace may open the object
    }
  }
  return undefined;
}
