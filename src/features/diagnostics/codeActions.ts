// Quick fixes for lint findings (one per fixable diagnostic) and the
// "Fix all SVG Copilot issues" source action (source.fixAll.svgCopilot, also
// usable from editor.codeActionsOnSave).
import * as vscode from 'vscode';
import { fixAll, type Finding, type Fix } from '../../core/lint';
import { SVG_SELECTOR } from '../svgSelector';
import { LINT_SOURCE, documentLength, isLintableSvg, type LintDiagnostics } from './lintDiagnostics';

/** Above this size "Fix all" is not offered: it re-lints the whole text several times in the extension host. */
export const MAX_FIX_ALL_CHARS = 1024 * 1024;

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('svgCopilot');

function workspaceEdit(doc: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.range.start), doc.positionAt(e.range.end)), e.newText);
  return edit;
}

/** The finding a diagnostic was made from: same code and same range in the current text. */
function findingFor(doc: vscode.TextDocument, findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  const start = doc.offsetAt(d.range.start);
  const end = doc.offsetAt(d.range.end);
  return findings.find((f) => f.code === code && f.range.start === start && f.range.end === end && f.message === d.message)
    ?? findings.find((f) => f.code === code && f.range.start === start && f.range.end === end);
}

/** One edit replacing only the part of the document that changed (keeps the cursor and folding where they were). */
function minimalEdit(doc: vscode.TextDocument, before: string, after: string): vscode.WorkspaceEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(before.length - end)), after.slice(start, after.length - end));
  return edit;
}

export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly lint: LintDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isLintableSvg(doc)) return [];
    const findings = this.lint.lintDocument(doc);
    if (!findings) return [];
    const actions: vscode.CodeAction[] = [];
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (wantsQuickFix) {
      for (const d of context.diagnostics) {
        if (d.source !== LINT_SOURCE) continue;
        const f = findingFor(doc, findings, d);
        if (!f?.fix) continue;
        const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = workspaceEdit(doc, f.fix);
        action.diagnostics = [d];
        actions.push(action);
      }
      // The only fix on offer is what Ctrl+. / "Auto Fix" should apply.
      if (actions.length === 1) actions[0].isPreferred = true;
    }
    const fixable = findings.filter((f) => f.fix).length;
    const wantsFixAll = context.only ? FIX_ALL_KIND.contains(context.only) || context.only.contains(FIX_ALL_KIND) : fixable > 1;
    // Its edit (several lint passes) is only computed when the action is chosen, and
    // only offered where those passes stay short on the extension host's thread.
    if (wantsFixAll && fixable > 0 && findings.length && documentLength(doc) <= MAX_FIX_ALL_CHARS) actions.push(new FixAllAction(doc, doc.version));
    return actions;
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (action instanceof FixAllAction && !action.edit && !action.doc.isClosed && action.doc.version === action.version) {
      const before = action.doc.getText();
      const { text } = fixAll(before);
      if (text !== before) action.edit = minimalEdit(action.doc, before, text);
    }
    return action;
  }
}

class FixAllAction extends vscode.CodeAction {
  constructor(readonly doc: vscode.TextDocument, readonly version: number) {
    super('Fix all SVG Copilot issues', FIX_ALL_KIND);
  }
}

/** Lint quick fixes and fix-all for SVG documents, whatever language id they have. */
export function registerCodeActions(lint: LintDiagnostics): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    SVG_SELECTOR,
    new LintCodeActions(lint),
    { providedCodeActionKinds: LintCodeActions.providedCodeActionKinds },
  );
}
