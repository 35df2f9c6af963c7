// The one context every feature is given (built once in src/extension.ts):
// the log, the Ui, the endpoints with the local server, model sessions and the
// runs under way, the render service, the preview and its run dashboard, the
// parse of each open SVG document that lint and the language features share,
// and the proposed edits waiting in a diff.
// Features hold what they need from it; there are no module globals.
import type * as vscode from 'vscode';
import type { ParseCache } from '../core/svg/parseCache';
import type { FixProposals } from './critique/fixProposal';
import type { RunViews } from './generate/runView';
import type { Endpoints } from './model/endpoints';
import type { ModelRuns } from './model/runs';
import type { ModelSessions } from './model/session';
import type { PreviewManager } from './preview/previewManager';
import type { RenderService } from './render';
import type { Ui } from './ui';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly ui: Ui;
  readonly renderer: RenderService;
  readonly endpoints: Endpoints;
  readonly sessions: ModelSessions;
  readonly runs: ModelRuns;
  readonly preview: PreviewManager;
  /** Proposed edits shown as a diff to accept or discard (Apply Fix, results from chat). */
  readonly proposals: FixProposals;
  /** Opens what a model run shows while it runs (the preview's run dashboard). */
  readonly runViews: RunViews;
  /** One parse per document version, shared by lint diagnostics and the language features. */
  readonly parses: ParseCache;
}

/** What a build for tests may replace; production passes nothing. */
export interface Seams {
  ui?: Ui;
}
