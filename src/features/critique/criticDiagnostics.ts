// The model critic's findings as diagnostics (source "SVG Copilot (critic)"),
// cached by content hash and dropped as soon as the text changes; critique on
// save when svgCopilot.critique.mode is "onSave"; and the "Fix with SVG
// Copilot" code action on .svg files.
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { isSvgDocument } from '../../shared/svgDocument';
import { Disposable } from '../../util/disposable';
import { critiqueMode } from '../config';
import type { CritiqueFindings } from '../model/sessionTypes';
import { SVG_SELECTOR } from '../svgSelector';

export const CRITIC_SOURCE = 'SVG Copilot (critic)';
export const APPLY_FIX_COMMAND = 'svgCopilot.applyFix';

const CACHE_MAX = 64;

export interface StoredCritique {
  uri: string;
  version: number;
  /** The critiqued part of the document (the whole file or a selection). */
  range: vscode.Range;
  hash: string;
  goal: string;
  findings: CritiqueFindings;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class ModelCritiques extends Disposable implements vscode.CodeActionProvider {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('svgCopilot.critic'));
  /** Findings by hash of the critiqued text (and goal), most recent last. */
  private readonly cache = new Map<string, CritiqueFindings>();
  private readonly current = new Map<string, StoredCritique>();

  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  /**
   * @param critiqueOnSave runs the critic for a saved document (mode "onSave");
   *   it is given the document and reports through show().
   */
  constructor(critiqueOnSave: (doc: vscode.TextDocument) => Promise<void>) {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) this.forget(e.document.uri);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!isSvgDocument(doc) || critiqueMode(doc.uri) !== 'onSave') return;
      const hit = this.cached(doc.getText(), '');
      if (hit) this.show(doc, fullRange(doc), '', hit);
      else void critiqueOnSave(doc);
    }));
    this._register(vscode.languages.registerCodeActionsProvider(
      SVG_SELECTOR,
      this,
      { providedCodeActionKinds: ModelCritiques.providedCodeActionKinds },
    ));
  }

  cacheKey(text: string, goal: string): string {
    return contentHash(`${goal}\u0000${text}`);
  }

  /** Drops remembered verdicts (another endpoint or model judges differently); shown diagnostics stay. */
  forgetVerdicts(): void {
    this.cache.clear();
  }

  cached(text: string, goal: string): CritiqueFindings | undefined {
    return this.cache.get(this.cacheKey(text, goal));
  }

  /** Records and shows findings for `range` of `doc` (as of its current version). */
  show(doc: vscode.TextDocument, range: vscode.Range, goal: string, findings: CritiqueFindings): StoredCritique {
    const text = doc.getText(range);
    const key = this.cacheKey(text, goal);
    this.cache.delete(key);
    this.cache.set(key, findings);
    while (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);

    const stored: StoredCritique = { uri: doc.uri.toString(), version: doc.version, range, hash: contentHash(text), goal, findings };
    this.current.set(stored.uri, stored);

    const anchor = anchorRange(doc, range);
    const score = findings.score;
    const headline = new vscode.Diagnostic(
      anchor,
      `${score !== undefined ? `Score ${score.toFixed(1)}/10. ` : ''}${findings.critique || 'The critic gave no critique.'}${findings.critic === 'text' ? ' (text critic: the endpoint takes no images)' : ''}`,
      score !== undefined && score < 5 ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
    );
    headline.source = CRITIC_SOURCE;
    headline.code = 'critique';
    const suggestions = findings.suggestions.map((s) => {
      const d = new vscode.Diagnostic(anchor, `Suggestion: ${s}`, vscode.DiagnosticSeverity.Information);
      d.source = CRITIC_SOURCE;
      d.code = 'suggestion';
      return d;
    });
    this.collection.set(doc.uri, [headline, ...suggestions]);
    return stored;
  }

  /** The findings shown for this document, if its text has not changed since. */
  critiqueFor(doc: vscode.TextDocument): StoredCritique | undefined {
    const stored = this.current.get(doc.uri.toString());
    return stored && stored.version === doc.version ? stored : undefined;
  }

  diagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  private forget(uri: vscode.Uri): void {
    if (this.current.delete(uri.toString()) || this.collection.has(uri)) this.collection.delete(uri);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isSvgDocument(doc)) return [];
    if (!context.diagnostics.length) return [];
    const action = new vscode.CodeAction('Fix with SVG Copilot', vscode.CodeActionKind.QuickFix);
    action.command = { command: APPLY_FIX_COMMAND, title: 'Fix with SVG Copilot', arguments: [doc.uri] };
    action.diagnostics = [...context.diagnostics];
    return [action];
  }
}

export function fullRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end);
}

/** Diagnostics sit on the line of the critiqued `<svg` start tag rather than underlining the whole file. */
function anchorRange(doc: vscode.TextDocument, range: vscode.Range): vscode.Range {
  const text = doc.getText(range);
  const at = text.search(/<svg[\s>]/i);
  const start = doc.positionAt(doc.offsetAt(range.start) + Math.max(at, 0));
  const line = doc.lineAt(start.line);
  const end = line.range.end.isAfter(range.end) ? range.end : line.range.end;
  return new vscode.Range(start, end.isAfter(start) ? end : line.range.end);
}
