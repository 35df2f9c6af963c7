// Every lint rule, in the order their codes are documented.
import type { Rule, RuleCode } from './rule';
import { accessibility } from './rules/accessibility';
import { activeContent } from './rules/activeContent';
import { colors } from './rules/colors';
import { degenerateShape } from './rules/degenerateShape';
import { duplicateIds } from './rules/duplicateIds';
import { editorMetadata } from './rules/editorMetadata';
import { emptyElement } from './rules/emptyElement';
import { invisible } from './rules/invisible';
import { lengths } from './rules/lengths';
import { namespaces } from './rules/namespaces';
import { outsideViewBox } from './rules/outsideViewBox';
import { pathData } from './rules/pathData';
import { points } from './rules/points';
import { precision } from './rules/precision';
import { references } from './rules/references';
import { root } from './rules/root';
import { transform } from './rules/transform';
import { unusedDefinitions } from './rules/unusedDefinitions';
import { viewBox } from './rules/viewBox';
import { xmlSyntax } from './rules/xmlSyntax';

export const RULES: readonly Rule[] = [
  xmlSyntax, root, namespaces, viewBox,
  pathData, points, transform, lengths, colors,
  degenerateShape, outsideViewBox, invisible, emptyElement,
  duplicateIds, references, unusedDefinitions,
  activeContent, accessibility, precision, editorMetadata,
];

/** Every finding code with its default severity and a one-line description (for docs and settings). */
export const RULE_CODES: readonly RuleCode[] = RULES.flatMap((r) => r.codes);

const BY_CODE = new Map(RULE_CODES.map((c) => [c.code, c]));

export function ruleCode(code: string): RuleCode | undefined {
  return BY_CODE.get(code);
}
