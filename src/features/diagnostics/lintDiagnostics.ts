// Deterministic lint findings as diagnostics (source "SVG Copilot") on every
// open SVG document: on open, and after each change once typing pauses. The
// model critic's diagnostics live in their own collection (critique).
import * as vscode from 'vscode';
import { lintSvg, type Finding, type Severity } from '../../core/lint';
import type { ParseCache } from '../../core/svg/parseCache';
import { isEditableDocument, isSvgDocument } from '../../shared/svgDocument';
import { Disposable } from '../../util/disposable';
import { getSetting, onDidChangeSetting } from '../config';
import type { Services } from '../services';
import { LINT_SOURCE, debounceMs, diagnosticContent } from './diagnosticContent';
import { LintWorkerClient } from './lintWorkerClient';

export { LINT_SOURCE } from './diagnosticContent';

/** Larger documents are not linted as you type (one pass takes seconds; run the CLI instead). */
export const MAX_LINT_CHARS = 16 * 1024 * 1024;

/** Documents above this are linted in a worker thread, keeping the extension host responsive. */
export const WORKER_LINT_CHARS = 256 * 1024;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Whether a document is an SVG to lint: an SVG document (src/shared/svgDocument.ts) the user edits. */
export function isLintableSvg(doc: vscode.TextDocument): boolean {
  return isEditableDocument(doc) && isSvgDocument(doc);
}

interface Linted {
  version: number;
  findings: Finding[];
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const c = diagnosticContent(f);
  const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(c.start), doc.positionAt(c.end)), c.message, SEVERITY[c.severity]);
  d.source = LINT_SOURCE;
  d.code = c.code;
  if (c.unnecessary) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/** Length in UTF-16 units without copying the text. */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

/** Lint diagnostics for open SVG documents, and the one lint per document version that code actions share. */
export class LintDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('svgCopilot.lint'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents with a worker lint in flight, and whether another change came meanwhile. */
  private readonly inFlight = new Map<string, { rerun: boolean }>();
  private readonly lintCache = new Map<string, Linted>();
  private worker: LintWorkerClient | undefined = LintWorkerClient.beside(__dirname);

  constructor(private readonly log: vscode.LogOutputChannel, private readonly parses: ParseCache) {
    super();
    this._register({ dispose: () => { this.worker?.dispose(); this.worker = undefined; } });
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) this.schedule(e.document, debounceMs(documentLength(e.document)));
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(onDidChangeSetting(['lintEnabled'], () => this.refreshAll()));
    this._register({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); this.timers.clear(); this.lintCache.clear(); } });
    this.refreshAll();
  }

  /**
   * Findings for the document as it is now (linted at most once per version).
   * Undefined for a big document whose worker lint has not finished yet, and for
   * one too large to lint: the main thread never lints those itself.
   */
  lintDocument(doc: vscode.TextDocument): Finding[] | undefined {
    const key = doc.uri.toString();
    const hit = this.lintCache.get(key);
    if (hit && hit.version === doc.version) return hit.findings;
    if (documentLength(doc) > (this.worker ? WORKER_LINT_CHARS : MAX_LINT_CHARS)) return undefined;
    // The parse is shared with the language features (completion, outline…) of the same version.
    const findings = lintSvg(this.parses.get(key, doc.version, () => doc.getText()));
    this.lintCache.set(key, { version: doc.version, findings });
    return findings;
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
    const length = documentLength(doc);
    if (length > MAX_LINT_CHARS) {
      this.showNote(doc, 'too-large', `This file is larger than ${MAX_LINT_CHARS / 1024 / 1024} MB, so SVG Copilot does not lint it as you type (run "svg-copilot lint" on it instead).`);
      return;
    }
    if (this.worker && length > WORKER_LINT_CHARS) {
      void this.runInWorker(doc, this.worker);
      return;
    }
    let findings: Finding[] | undefined;
    try {
      findings = this.lintDocument(doc);
    } catch (e) {
      // Lint never throws by design; if it ever does, the editor must not lose its diagnostics channel.
      this.log.error(`lint failed on ${doc.uri.toString()}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return;
    }
    if (findings) this.show(doc, doc.version, findings);
  }

  private async runInWorker(doc: vscode.TextDocument, client: LintWorkerClient): Promise<void> {
    const key = doc.uri.toString();
    const flight = this.inFlight.get(key);
    // One lint per document at a time; the latest text is linted once the current one ends.
    if (flight) { flight.rerun = true; return; }
    const state = { rerun: false };
    this.inFlight.set(key, state);
    const version = doc.version;
    try {
      const r = await client.lint(doc.getText());
      if (this.isDisposed || doc.isClosed) return;
      if (!r.ok) {
        this.log.warn(`lint of ${key} failed: ${r.message}`);
        if (doc.version === version) this.showNote(doc, 'lint-failed', `SVG Copilot could not lint this file: ${r.message}.`);
        return;
      }
      // Stale: the text changed while the worker was busy; that change has its own run.
      if (doc.version !== version) return;
      this.lintCache.set(key, { version, findings: r.findings });
      this.show(doc, version, r.findings);
    } finally {
      this.inFlight.delete(key);
      if (state.rerun && !this.isDisposed && !doc.isClosed) this.schedule(doc, 0);
    }
  }

  private show(doc: vscode.TextDocument, version: number, findings: Finding[]): void {
    if (doc.version !== version) return;
    this.collection.set(doc.uri, findings.map((f) => toDiagnostic(doc, f)));
  }

  private showNote(doc: vscode.TextDocument, code: string, message: string): void {
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Information);
    d.source = LINT_SOURCE;
    d.code = code;
    this.collection.set(doc.uri, [d]);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.lintCache.delete(key);
    this.parses.delete(key);
    this.collection.delete(uri);
  }
}

/** Lint diagnostics for open SVG documents; dispose to remove them all. */
export function registerDiagnostics({ log, parses }: Services): LintDiagnostics {
  return new LintDiagnostics(log, parses);
}
