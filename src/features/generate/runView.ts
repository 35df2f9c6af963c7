// What generate and critique show while a model run is under way. The preview
// implements it (src/features/preview/runDashboard.ts); the model features see
// only this interface, handed to them in the services.
import type * as vscode from 'vscode';
import type { CandidateView, CritiqueView, RoundView } from '../../shared/previewProtocol';
import type { Placement } from './placement';

export interface RunView {
  /** The partial SVG streamed so far (the view closes it off and draws it). */
  stream(svgSoFar: string): void;
  rounds(rounds: RoundView[]): void;
  candidates(candidates: CandidateView[]): void;
  critique(critique: CritiqueView | null): void;
  /** The run ended; `svg` is the result (undefined when cancelled or failed). */
  finish(svg: string | undefined): void;
  /** Where the result went; a candidate chosen later replaces exactly that text. */
  placed(placement: Placement): void;
}

export interface RunViews {
  /** Opens the view for a generation (no document yet) or a critique of `document`. */
  open(title: string, document?: vscode.TextDocument): Promise<RunView>;
}
