import type { Range } from '../svg/types';
import type { LintContext } from './context';
import type { Fix, Severity } from './types';

/** One finding code a rule can produce, as listed in the docs. */
export interface RuleCode {
  code: string;
  severity: Severity;
  description: string;
}

export type Report = (code: string, message: string, range: Range, fix?: Fix) => void;

/** A lint rule: one file in rules/, one or more codes, one pass over the shared context. */
export interface Rule {
  codes: readonly RuleCode[];
  check(ctx: LintContext, report: Report): void;
}
