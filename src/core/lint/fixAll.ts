import { parseSvg } from '../svg/parse';
import { applyEdits, disjoint } from './applyFix';
import { lintSvg, type LintOptions } from './lint';
import type { Finding, TextEdit } from './types';

export interface FixAllResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Findings left that have no fix (or whose fix kept failing). */
  remaining: Finding[];
}

const MAX_PASSES = 8;

/**
 * Applies every available fix. Fixes whose edits touch each other wait for the
 * next pass, which re-lints the new text, so each fix always applies to text it
 * was computed on. Stops when nothing is left to fix or a pass would break the XML.
 */
export function fixAll(text: string, options: LintOptions = {}): FixAllResult {
  let applied = 0;
  let findings = lintSvg(text, options);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const taken: TextEdit[] = [];
    let count = 0;
    for (const f of findings) {
      if (!f.fix || !disjoint(f.fix.edits, taken)) continue;
      taken.push(...f.fix.edits);
      count++;
    }
    if (!count) break;
    const next = applyEdits(text, taken);
    // A fix must never turn well-formed XML into malformed XML.
    const nextDoc = parseSvg(next);
    if (nextDoc.errors.length > parseSvg(text).errors.length) break;
    text = next;
    applied += count;
    findings = lintSvg(nextDoc, options);
  }
  return { text, applied, remaining: findings };
}
