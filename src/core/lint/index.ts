// Deterministic SVG lint: findings with exact ranges, safe fixes, inline suppression.
export { lintSvg, type LintOptions } from './lint';
export type { Finding, Fix, Severity, TextEdit } from './types';
export { RULE_CODES, ruleCode } from './registry';
export type { RuleCode } from './rule';
export { applyFix, applyEdits } from './applyFix';
export { fixAll, type FixAllResult } from './fixAll';
