// Deterministic lint findings as diagnostics (source "SVG Copilot") on every
// open SVG document: on open, and after each change once typing pauses. The
// model critic's diagnostics live in their own collection (critique).
import * as vscode from 'vscode';
import { lintSvg, type Finding, type Severity } from '../core/lint';
import { Disposable } from '../util/disposable';
import { getSetting, onDidChangeSetting } from './config';

export const LINT_SOURCE = 'SVG Copilot';

/** Larger documents are not linted: a synchronous pass would stall the extension host. */
export const MAX_LINT_CHARS = 5 * 1024 * 1024;

// Codes whose findings are dead weight in the file; shown faded.
const UNNECESSARY = new Set(['unused-definition', 'editor-metadata', 'empty-element']);

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Whether a document is an SVG to lint, whatever language id it got: any
 * *.svg file, a document in the "svg" language, or an untitled XML document
 * whose content is an <svg> (what Generate opens when no SVG language is installed).
 */
export function isLintableSvg(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'svg' || /\.svg$/i.test(doc.uri.path)) return true;
  if (doc.uri.scheme === 'untitled' && doc.languageId === 'xml') return /<svg[\s>/]/.test(doc.getText().slice(0, 4096));
  return false;
}

/** Wait after the last change before linting: short for ordinary files, longer for big ones (one pass costs more). */
export function debounceMs(length: number): number {
  if (length <= 256 * 1024) return 60;
  if (length <= 1024 * 1024) return 150;
  return 400;
}

interface Linted {
  version: number;
  findings: Finding[];
}

// One lint per document version, shared by diagnostics and code actions.
const lintCache = new Map<string, Linted>();

/** Findings for the document as it is now (linted at most once per version); undefined when it is too large. */
export function lintDocument(doc: vscode.TextDocument): Finding[] | undefined {
  const key = doc.uri.toString();
  const hit = lintCache.get(key);
  if (hit && hit.version === doc.version) return hit.findings;
  const text = doc.getText();
  if (text.length > MAX_LINT_CHARS) return undefined;
  const findings = lintSvg(text);
  lintCache.set(key, { version: doc.version, findings });
  return findings;
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(f.range.start), doc.positionAt(f.range.end)), f.message, SEVERITY[f.severity]);
  d.source = LINT_SOURCE;
  d.code = f.code;
  if (UNNECESSARY.has(f.code)) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/** Length in UTF-16 units without copying the text. */
function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

class LintDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('svgCopilot.lint'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) this.schedule(e.document, debounceMs(documentLength(e.document)));
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(onDidChangeSetting(['lintEnabled'], () => this.refreshAll()));
    this._register({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); this.timers.clear(); lintCache.clear(); } });
    this.refreshAll();
  }

  private refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.run(doc);
    }, delay));
  }

  private run(doc: vscode.TextDocument): void {
    if (this.isDisposed || doc.isClosed) return;
    if (!isLintableSvg(doc) || !getSetting('lintEnabled', doc.uri)) {
      this.collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    let findings: Finding[] | undefined;
    try {
      findings = lintDocument(doc);
    } catch (e) {
      // Lint never throws by design; if it ever does, the editor must not lose its diagnostics channel.
      console.error(`SVG Copilot lint failed on ${doc.uri.toString()}:`, e);
      return;
    }
    // A change that arrived meanwhile has its own run scheduled; this result is stale.
    if (doc.version !== version) return;
    if (!findings) {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        `This file is larger than ${MAX_LINT_CHARS / 1024 / 1024} MB, so SVG Copilot does not lint it as you type (run "svg-copilot lint" on it instead).`,
        vscode.DiagnosticSeverity.Information);
      d.source = LINT_SOURCE;
      d.code = 'too-large';
      this.collection.set(doc.uri, [d]);
      return;
    }
    this.collection.set(doc.uri, findings.map((f) => toDiagnostic(doc, f)));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    lintCache.delete(key);
    this.collection.delete(uri);
  }
}

/** Lint diagnostics for open SVG documents; dispose to remove them all. */
export function registerDiagnostics(): vscode.Disposable {
  return new LintDiagnostics();
}
