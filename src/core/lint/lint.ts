// Deterministic SVG lint: one parse, one shared context, every rule in one pass each.
import { parseSvg } from '../svg/parse';
import type { SvgDocument } from '../svg/types';
import { LintContext } from './context';
import { RULES, ruleCode } from './registry';
import { applySuppressions } from './suppression';
import type { Finding, Fix, Severity } from './types';


export interface LintOptions {
  /** Severity per code, or "off" to drop the code. */
  rules?: Readonly<Record<string, Severity | 'off'>>;
  /** Codes to drop (same as "off" in rules). */
  disabled?: readonly string[];
}

/** Lints an SVG given as text or as an already parsed document. Never throws on any input. */
export function lintSvg(input: string | SvgDocument, options: LintOptions = {}): Finding[] {
  const doc = typeof input === 'string' ? parseSvg(input) : input;
  const ctx = new LintContext(doc);
  const disabled = new Set(options.disabled ?? []);
  const overrides = options.rules ?? {};
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.codes.every((c) => disabled.has(c.code) || overrides[c.code] === 'off')) continue;
    rule.check(ctx, (code, message, range, fix?: Fix) => {
      if (disabled.has(code)) return;
      const override = overrides[code];
      if (override === 'off') return;
      const severity = override ?? ruleCode(code)?.severity ?? 'warning';
      findings.push(fix ? { code, severity, message, range, fix } : { code, severity, message, range });
    });
  }
  const kept = applySuppressions(doc, findings);
  return kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
