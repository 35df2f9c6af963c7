// Internal-entity expansion with hard bounds, run before a document reaches
// resvg or svgo. Both resolve entities themselves, without limits that suit an
// editor: resvg spends minutes and ~800 MB on one large entity referenced
// thousands of times, and a billion-laughs document is worse. Expanding here,
// within a budget, and then dropping the DOCTYPE means the renderer and the
// optimizer only ever see entity-free text; it also exposes markup hidden in
// entity values (e.g. an <image> pointing at a local file) to the href
// neutralization that follows.

export interface EntityLimits {
  /** Most entity references expanded in the whole document. */
  maxExpansions: number;
  /** Most characters produced by expansion in the whole document. */
  maxExpandedChars: number;
}

export const DEFAULT_ENTITY_LIMITS: EntityLimits = { maxExpansions: 10_000, maxExpandedChars: 1_000_000 };

export type ExpandResult = { ok: true; text: string; expansions: number } | { ok: false; error: string };

const DOCTYPE = /<!DOCTYPE\s[^[>]*(\[([\s\S]*?)\]\s*)?>/i;
const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([A-Za-z_:][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);
const REFERENCE = /&([A-Za-z_:][\w.:-]*);/g;

/**
 * Returns the document with its DOCTYPE removed and every internal general
 * entity expanded. External entities expand to nothing (they are never
 * fetched); parameter entities are ignored. Exceeding a limit or a recursive
 * definition is an error.
 */
export function expandInternalEntities(text: string, limits: EntityLimits = DEFAULT_ENTITY_LIMITS): ExpandResult {
  const doctype = DOCTYPE.exec(text);
  if (!doctype) {
    return /<!(DOCTYPE|ENTITY)\b/i.test(text) ? { ok: false, error: 'the DOCTYPE declaration could not be read safely' } : { ok: true, text, expansions: 0 };
  }
  const entities = new Map<string, string>();
  for (const m of (doctype[2] ?? '').matchAll(ENTITY_DECL)) {
    if (m[1]) continue; // parameter entity
    const name = m[2];
    if (entities.has(name) || PREDEFINED.has(name)) continue; // first declaration wins (XML 1.0 §4.2)
    entities.set(name, m[5] ? '' : (m[3] ?? m[4] ?? ''));
  }
  const body = text.slice(0, doctype.index) + text.slice(doctype.index + doctype[0].length);
  // A declaration this scanner did not take apart (an odd DOCTYPE form, a second
  // DOCTYPE) could still be honoured by the renderer's XML parser, with content
  // the href neutralization never saw. Refuse rather than guess.
  if (/<!(DOCTYPE|ENTITY)\b/i.test(body)) return { ok: false, error: 'the DOCTYPE declaration could not be read safely' };
  if (entities.size === 0) return { ok: true, text: body, expansions: 0 };

  let expansions = 0;
  let produced = 0;
  let failure: string | undefined;
  const expand = (s: string, stack: string[]): string =>
    s.replace(REFERENCE, (ref, name: string) => {
      if (failure !== undefined) return '';
      const value = entities.get(name);
      if (value === undefined) return ref;
      if (stack.includes(name)) {
        failure = `entity "${name}" refers to itself`;
        return '';
      }
      if (++expansions > limits.maxExpansions) {
        failure = `more than ${limits.maxExpansions} entity references to expand (entity bomb?)`;
        return '';
      }
      const out = expand(value, [...stack, name]);
      produced += out.length;
      if (produced > limits.maxExpandedChars) {
        failure = `entity expansion would produce more than ${limits.maxExpandedChars} characters (entity bomb?)`;
        return '';
      }
      return out;
    });
  const expanded = expand(body, []);
  if (failure !== undefined) return { ok: false, error: failure };
  return { ok: true, text: expanded, expansions };
}
