import type { Range } from '../svg/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A deterministic, safe repair: applying all edits (non-overlapping) fixes the finding. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** Stable rule code, kebab-case, e.g. "invalid-path-data". */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}
