// "SVG Copilot: Optimize SVG" on the selection or the whole file: svgo with
// the safe preset in the isolated worker, shown as a diff titled with the
// bytes saved; the renders before and after are compared pixel by pixel and
// a changed picture is said before Accept. Accept is one edit (one undo step).
import * as vscode from 'vscode';
import { bytesSavedText, optimizeChecked, pictureChangeWarning } from '../../core/optimizeChecked';
import { svgOfActiveNonTextTab } from '../editors/activeSvg';
import type { WorkerPool } from '../../core/render/pool';
import type { FixProposals, ProposalOutcome } from '../critique/fixProposal';
import type { Ui } from '../ui';

export const OPTIMIZE_COMMAND = 'svgCopilot.optimize';

export type OptimizeOutcome = ProposalOutcome | 'unchanged' | 'failed' | 'cancelled' | 'no-target';

export interface OptimizeDeps {
  /** The shared isolated render/optimize process (started on first use). */
  optimizer: Pick<WorkerPool, 'optimize' | 'compare'>;
  proposals: FixProposals;
  ui: Pick<Ui, 'notify'>;
  log: (line: string) => void;
}

interface Target {
  doc: vscode.TextDocument;
  range: vscode.Range;
  selection: boolean;
}

async function targetOf(uri?: vscode.Uri): Promise<Target | undefined> {
  const editor = vscode.window.activeTextEditor;
  const given = uri instanceof vscode.Uri ? uri : editor ? undefined : svgOfActiveNonTextTab();
  if (given && editor?.document.uri.toString() !== given.toString()) {
    const doc = await vscode.workspace.openTextDocument(given);
    return { doc, range: whole(doc), selection: false };
  }
  if (!editor) return undefined;
  const doc = editor.document;
  if (!editor.selection.isEmpty && /<svg[\s>/]/i.test(doc.getText(editor.selection))) return { doc, range: editor.selection, selection: true };
  if (doc.languageId !== 'svg' && !/\.svg$/i.test(doc.uri.path) && !/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>/]/.test(doc.getText().slice(0, 4096))) return undefined;
  return { doc, range: whole(doc), selection: false };
}

function whole(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end);
}

export async function optimizeCommand(deps: OptimizeDeps, uri?: vscode.Uri): Promise<OptimizeOutcome> {
  const target = await targetOf(uri);
  if (!target) {
    await deps.ui.notify('warning', 'SVG Copilot: open an .svg file (or select SVG markup) to optimize it.');
    return 'no-target';
  }
  const { doc, range } = target;
  const before = doc.getText(range);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SVG Copilot: optimizing', cancellable: true },
    (_p, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      return optimizeChecked(deps.optimizer, before, {}, controller.signal).finally(() => sub.dispose());
    },
  );
  if (!result.ok) {
    if (result.kind === 'cancelled') return 'cancelled';
    deps.log(`optimize ${doc.uri.toString()}: ${result.error}`);
    await deps.ui.notify('error', `SVG Copilot: could not optimize: ${result.error}.`);
    return 'failed';
  }
  if (result.svg === before || result.bytesAfter >= result.bytesBefore) {
    await deps.ui.notify('info', 'SVG Copilot: this SVG is already as small as the safe optimizations make it.');
    return 'unchanged';
  }
  const saved = bytesSavedText(result.bytesBefore, result.bytesAfter);
  const warning = pictureChangeWarning(result.comparison);
  const checked = result.comparison.ok && !warning ? ` The picture is unchanged (${result.comparison.width}×${result.comparison.height}, pixel by pixel).` : '';
  deps.log(`optimize ${doc.uri.toString()}: ${saved}${warning ? `; ${warning}` : ''}`);
  return deps.proposals.propose(doc, range, result.svg, `${saved}.${warning ? ` ${warning}` : checked}`, undefined, {
    title: `optimized (${saved})`,
    lead: `SVG Copilot optimized ${target.selection ? 'the selection in ' : ''}{name}:`,
    noun: 'optimization',
    rerun: 'Run Optimize SVG again.',
    severity: warning ? 'warning' : 'info',
  });
}
