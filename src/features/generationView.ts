// What generate and critique show in the preview panel while they run. The
// preview panel lives in src/features/preview; this interface is all the model
// features need from it, loaded lazily on first use.
import type * as vscode from 'vscode';
import type { CandidateView, CritiqueView, RoundView } from '../protocol/preview';

export interface GenerationView {
  /** The partial SVG streamed so far (the panel closes it off and draws it). */
  stream(svgSoFar: string): void;
  rounds(rounds: RoundView[]): void;
  candidates(candidates: CandidateView[]): void;
  critique(critique: CritiqueView | null): void;
  /** The generation ended; `svg` is the result (undefined when cancelled or failed). */
  finish(svg: string | undefined): void;
}

const silentView: GenerationView = { stream() {}, rounds() {}, candidates() {}, critique() {}, finish() {} };

/** Opens the preview beside the editor for a generation (or a critique of `document`). */
export async function openGenerationView(title: string, document?: vscode.TextDocument): Promise<GenerationView> {
  try {
    const { openPreviewForModel } = await import('./preview/modelView');
    return await openPreviewForModel(title, document);
  } catch {
    return silentView;
  }
}
