// What the lint diagnostics of a document say, as plain values (offsets,
// message, severity, code, faded or not), and how long typing must pause
// before a lint. Pure (no vscode import), so the benchmarks measure exactly
// what the diagnostics compute; lintDiagnostics.ts turns it into vscode.Diagnostics.
import type { Finding, Severity } from '../../core/lint';

export const LINT_SOURCE = 'SVG Copilot';

// Codes whose findings are dead weight in the file; shown faded.
const UNNECESSARY = new Set(['unused-definition', 'editor-metadata', 'empty-element', 'invisible-element']);

export interface DiagnosticContent {
  start: number;
  end: number;
  message: string;
  severity: Severity;
  code: string;
  /** Shown faded (dead weight in the file). */
  unnecessary: boolean;
}

export function diagnosticContent(f: Finding): DiagnosticContent {
  return { start: f.range.start, end: f.range.end, message: f.message, severity: f.severity, code: f.code, unnecessary: UNNECESSARY.has(f.code) };
}

/** Wait after the last change before linting: short for ordinary files, longer for big ones (one pass costs more). */
export function debounceMs(length: number): number {
  if (length <= 256 * 1024) return 60;
  if (length <= 1024 * 1024) return 150;
  return 400;
}
