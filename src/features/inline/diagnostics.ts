// Lint findings of each inline <svg> block as diagnostics of the host file,
// ranges mapped to where the block's text sits in the host, with quick fixes
// where the fix's text can be written into the host as it is. What the block
// reader skipped (run-time expressions, bindings) is said once per part as a
// hint, so a user knows why nothing is reported there.
import * as vscode from 'vscode';
import { lintSvg, type Finding } from '../../core/lint';
import type { InlineSvgBlock } from '../../core/inline';
import { Disposable } from '../../util/disposable';
import { InlineBlockCache } from './blockCache';

export const INLINE_LINT_SOURCE = 'SVG Copilot';
/** Blocks longer than this are not linted in the extension host (inline SVG this big belongs in a file). */
export const MAX_INLINE_BLOCK_CHARS = 256 * 1024;
const DEBOUNCE_MS = 150;
const UNNECESSARY = new Set(['unused-definition', 'editor-metadata', 'empty-element', 'invisible-element']);
const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

interface Linted {
  version: number;
  /** Each finding that holds in the host, with its block, for quick fixes. */
  items: { block: InlineSvgBlock; finding: Finding; diagnostic: vscode.Diagnostic }[];
}

export interface InlineLintOptions {
  enabled: (doc: vscode.TextDocument) => boolean;
  onError: (message: string) => void;
}

export class InlineSvgDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('svgCopilot.inlineLint'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly linted = new Map<string, Linted>();

  constructor(private readonly cache: InlineBlockCache, private readonly options: InlineLintOptions) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.schedule(e.document, DEBOUNCE_MS); }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); this.timers.clear(); } });
    this.refreshAll();
  }

  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** Findings shown for the document's current version (for quick fixes). */
  itemsFor(doc: vscode.TextDocument): Linted['items'] {
    const l = this.linted.get(doc.uri.toString());
    return l && l.version === doc.version ? l.items : [];
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!InlineBlockCache.handles(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.run(doc); }, delay));
  }

  private run(doc: vscode.TextDocument): void {
    if (this.isDisposed || doc.isClosed) return;
    if (!this.options.enabled(doc)) {
      this.collection.delete(doc.uri);
      this.linted.delete(doc.uri.toString());
      return;
    }
    const items: Linted['items'] = [];
    const diagnostics: vscode.Diagnostic[] = [];
    try {
      for (const block of this.cache.blocks(doc)) {
        if (block.text.length > MAX_INLINE_BLOCK_CHARS) continue;
        for (const finding of lintSvg(block.text)) {
          if (!block.holds(finding.range)) continue;
          const diagnostic = toDiagnostic(doc, block, finding);
          items.push({ block, finding, diagnostic });
          diagnostics.push(diagnostic);
        }
        for (const s of block.skipped) {
          const d = new vscode.Diagnostic(range(doc, s.hostRange), `SVG Copilot: ${s.reason}.`, vscode.DiagnosticSeverity.Hint);
          d.source = INLINE_LINT_SOURCE;
          d.code = 'inline-skipped';
          diagnostics.push(d);
        }
      }
    } catch (e) {
      // Neither the reader nor lint throws by design; if one ever does, the host file keeps its other diagnostics.
      this.options.onError(`inline SVG lint failed on ${doc.uri.toString()}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return;
    }
    this.linted.set(doc.uri.toString(), { version: doc.version, items });
    this.collection.set(doc.uri, diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.linted.delete(key);
    this.cache.forget(uri);
    this.collection.delete(uri);
  }
}

function range(doc: vscode.TextDocument, r: { start: number; end: number }): vscode.Range {
  return new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
}

function toDiagnostic(doc: vscode.TextDocument, block: InlineSvgBlock, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range(doc, block.toHostRange(f.range)), f.message, SEVERITY[f.severity]);
  d.source = INLINE_LINT_SOURCE;
  d.code = f.code;
  if (UNNECESSARY.has(f.code)) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/** Quick fixes for inline findings whose fix carries over to the host text. */
export class InlineSvgCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: InlineSvgDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const items = this.diagnostics.itemsFor(doc);
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const item = items.find((i) => i.diagnostic === d || (i.diagnostic.code === d.code && i.diagnostic.range.isEqual(d.range) && i.diagnostic.message === d.message));
      const fix = item?.finding.fix;
      if (!item || !fix) continue;
      const edits = fix.edits.map((e) => item.block.hostEdit(e));
      if (edits.some((e) => e === undefined)) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      for (const e of edits) action.edit.replace(doc.uri, range(doc, e!.range), e!.newText);
      action.diagnostics = [d];
      actions.push(action);
    }
    if (actions.length === 1) actions[0].isPreferred = true;
    return actions;
  }
}
