// The preview's run dashboard: what generate and critique drive while a model
// run is under way (the RunView contract in src/features/generate/runView.ts).
// The preview manager shows documents; this delegate feeds it the run's
// stream, rounds, critique and candidates. A candidate chosen from the gallery
// replaces the result where the run placed it, as one edit, so one undo
// brings the previous result back.
import * as vscode from 'vscode';
import type { CandidateView } from '../../shared/previewProtocol';
import type { Placement } from '../generate/placement';
import type { RunView, RunViews } from '../generate/runView';
import { svgForTarget } from '../generate/svgForTarget';
import type { Ui } from '../ui';
import type { PreviewManager } from './previewManager';

export class RunDashboards implements RunViews {
  constructor(private readonly manager: PreviewManager, private readonly ui: Ui) {}

  async open(title: string, document?: vscode.TextDocument): Promise<RunView> {
    const { manager, ui } = this;
    let owner: number;
    if (document) {
      await manager.openPreview(document.uri, { preserveFocus: true });
      owner = manager.beginFeedback();
    } else {
      owner = manager.beginGeneration(title);
    }

    let finished = false;
    let placement: Placement | undefined;
    const choose = async (_index: number, candidate: CandidateView): Promise<void> => {
      if (!finished) {
        void ui.notify('info', 'SVG Copilot: the generation is still running; choose a candidate once it has finished.');
        return;
      }
      if (placement && await placement.replace(svgForTarget(candidate.svg, placement.languageId))) return;
      const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: candidate.svg });
      await vscode.window.showTextDocument(doc);
      void ui.notify('warning', 'SVG Copilot: the generated SVG is no longer where it was placed, so the candidate opened in a new editor.');
    };

    return {
      stream: (text) => { if (!document) manager.streamGeneration(owner, text); },
      rounds: (rounds) => manager.showRounds(rounds, owner),
      candidates: (candidates) => manager.showCandidates(candidates, choose, owner),
      critique: (critique) => manager.showCritique(critique, owner),
      finish: (svg) => {
        finished = true;
        if (!document) manager.finishGeneration(owner, svg);
      },
      placed: (p) => { placement = p; },
    };
  }
}
