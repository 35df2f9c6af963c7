// What generate and critique drive while they run (the GenerationView
// contract in src/features/generationView.ts). The gallery's chooser finds
// where the generation's result landed and replaces it as one edit, so one
// undo brings the previous result back.
import * as vscode from 'vscode';
import type { GenerationView } from '../generationView';
import { svgForTarget } from '../svgForTarget';
import { activePreview } from './activePreview';
import type { CandidateView } from '../../protocol/preview';

export async function openPreviewForModel(title: string, document?: vscode.TextDocument): Promise<GenerationView> {
  const manager = activePreview();
  if (!manager) throw new Error('the preview is not registered');
  let owner: number;
  if (document) {
    await manager.openPreview(document.uri, { preserveFocus: true });
    owner = manager.beginFeedback();
  } else {
    owner = manager.beginGeneration(title);
  }

  let result: string | undefined;
  let finished = false;
  const choose = async (_index: number, candidate: CandidateView): Promise<void> => {
    if (!finished) {
      void vscode.window.showInformationMessage('SVG Copilot: the generation is still running; choose a candidate once it has finished.');
      return;
    }
    if (result === undefined) return;
    const placed = await replaceResult(result, candidate.svg, document);
    if (placed) result = candidate.svg;
    else {
      const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: candidate.svg });
      await vscode.window.showTextDocument(doc);
      void vscode.window.showWarningMessage('SVG Copilot: the generated SVG is no longer in an open editor, so the candidate opened in a new one.');
      result = candidate.svg;
    }
  };

  return {
    stream: (text) => { if (!document) manager.streamGeneration(owner, text); },
    rounds: (rounds) => manager.showRounds(rounds, owner),
    candidates: (candidates) => manager.showCandidates(candidates, choose, owner),
    critique: (critique) => manager.showCritique(critique, owner),
    finish: (svg) => {
      finished = true;
      result = svg;
      if (!document) manager.finishGeneration(owner, svg);
    },
  };
}

/** Replaces the first occurrence of `current` (as it was inserted into that document's language) with `next`, as one edit. */
export async function replaceResult(current: string, next: string, preferred?: vscode.TextDocument): Promise<boolean> {
  const active = vscode.window.activeTextEditor?.document;
  const docs = [preferred, active, ...vscode.workspace.textDocuments].filter((d): d is vscode.TextDocument => !!d && !d.isClosed);
  for (const doc of new Set(docs)) {
    const text = doc.getText();
    const inserted = svgForTarget(current, doc.languageId);
    const at = text.indexOf(inserted);
    if (at < 0) continue;
    const edit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + inserted.length));
    edit.replace(doc.uri, range, svgForTarget(next, doc.languageId));
    return vscode.workspace.applyEdit(edit);
  }
  return false;
}
