// Deterministic lint findings as diagnostics (source "SVG Copilot") on every
// open SVG document: on open, and after each change once typing pauses. The
// model critic's diagnostics live in their own collection (critique).
import * as vscode from 'vscode';
import { lintSvg, type Finding, type Severity } from '../core/lint';
import { Disposable } from '../util/disposable';
import { getSetting, onDidChangeSetting } from './config';
import { LintWorkerClient } from './lintWorkerClient';
import { log } from './log';

export const LINT_SOURCE = 'SVG Copilot';

/** Larger documents are not linted as you type (one pass takes seconds; run the CLI instead). */
export const MAX_LINT_CHARS = 16 * 1024 * 1024;

/** Documents above this are linted in a worker thread, keeping the extension host responsive. */
export const WORKER_LINT_CHARS = 256 * 1024;

const EDITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata', 'memfs', 'vsls']);

// Codes whose findings are dead weight in the file; shown faded.
const UNNECESSARY = new Set(['unused-definition', 'editor-metadata', 'empty-element', 'invisible-element']);

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
  // Not the read-only copies in diff views (git:) or output channels.
  if (!EDITABLE_SCHEMES.has(doc.uri.scheme)) return false;
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

/**
 * Findings for the document as it is now (linted at most once per version).
 * Undefined for a big document whose worker lint has not finished yet, and for
 * one too large to lint: the main thread never lints those itself.
 */
export function lintDocument(doc: vscode.TextDocument): Finding[] | undefined {
  const key = doc.uri.toString();
  const hit = lintCache.get(key);
  if (hit && hit.version === doc.version) return hit.findings;
  if (documentLength(doc) > (worker ? WORKER_LINT_CHARS : MAX_LINT_CHARS)) return undefined;
  const findings = lintSvg(doc.getText());
  lintCache.set(key, { version: doc.version, findings });
  return findings;
}

let worker: LintWorkerClient | undefined;

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(f.range.start), doc.positionAt(f.range.end)), f.message, SEVERITY[f.severity]);
  d.source = LINT_SOURCE;
  d.code = f.code;
  if (UNNECESSARY.has(f.code)) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/** Length in UTF-16 units without copying the text. */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

class LintDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('svgCopilot.lint'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents with a worker lint in flight, and whether another change came meanwhile. */
  private readonly inFlight = new Map<string, { rerun: boolean }>();

  constructor() {
    super();
    worker = LintWorkerClient.beside(__dirname);
    this._register({ dispose: () => { worker?.dispose(); worker = undefined; } });
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
    const length = documentLength(doc);
    if (length > MAX_LINT_CHARS) {
      this.showNote(doc, 'too-large', `This file is larger than ${MAX_LINT_CHARS / 1024 / 1024} MB, so SVG Copilot does not lint it as you type (run "svg-copilot lint" on it instead).`);
      return;
    }
    if (worker && length > WORKER_LINT_CHARS) {
      void this.runInWorker(doc, worker);
      return;
    }
    let findings: Finding[] | undefined;
    try {
      findings = lintDocument(doc);
    } catch (e) {
      // Lint never throws by design; if it ever does, the editor must not lose its diagnostics channel.
      log().error(`lint failed on ${doc.uri.toString()}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
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
        log().warn(`lint of ${key} failed: ${r.message}`);
        if (doc.version === version) this.showNote(doc, 'lint-failed', `SVG Copilot could not lint this file: ${r.message}.`);
        return;
      }
      // Stale: the text changed while the worker was busy; that change has its own run.
      if (doc.version !== version) return;
      lintCache.set(key, { version, findings: r.findings });
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
    lintCache.delete(key);
    this.collection.delete(uri);
  }
}

/** Lint diagnostics for open SVG documents; dispose to remove them all. */
export function registerDiagnostics(): vscode.Disposable {
  return new LintDiagnostics();
}
