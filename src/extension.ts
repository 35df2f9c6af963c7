// Wiring only: builds the one services object and hands it to each feature,
// which registers itself and returns one Disposable.
import * as vscode from 'vscode';
import { ParseCache } from './core/svg/parseCache';
import { registerCritique } from './features/critique/command';
import { registerEditorCommands } from './features/editors/register';
import { registerInlineSvg } from './features/inline/register';
import { optimizeCommand, OPTIMIZE_COMMAND } from './features/optimize/command';
import { registerCodeActions } from './features/diagnostics/codeActions';
import { registerDiagnostics } from './features/diagnostics/lintDiagnostics';
import { getSetting } from './features/config';
import { registerGenerate } from './features/generate/command';
import { registerHover } from './features/hover/hover';
import { registerLanguageFeatures } from './features/language/register';
import { registerLocalServer } from './features/localServer/commands';
import { createLog } from './features/log';
import { Endpoints } from './features/model/endpoints';
import { ModelRuns } from './features/model/runs';
import { ModelSessions } from './features/model/session';
import { PreviewManager } from './features/preview/previewManager';
import { OPEN_PREVIEW_COMMAND, registerPreview } from './features/preview/register';
import { RunDashboards } from './features/preview/runDashboard';
import { SharedRenderer } from './features/render';
import type { Seams, Services } from './features/services';
import { VscodeUi } from './features/ui';
import { FixProposals } from './features/critique/fixProposal';
import { registerChat } from './features/chat/register';

let stopServer: (() => Promise<void>) | undefined;

/** Builds the services and registers every feature; returns the services (the test build injects its seams here). */
export function activateWith(context: vscode.ExtensionContext, seams: Seams = {}): Services {
  const started = performance.now();
  const log = createLog();
  const ui = seams.ui ?? new VscodeUi();
  const renderer = new SharedRenderer(() => ({ timeoutMs: getSetting('renderTimeoutSeconds') * 1000, memoryLimitMB: getSetting('renderMemoryMB') }));
  const endpoints = new Endpoints(context, ui, log);
  const sessions = new ModelSessions(renderer, () => getSetting('requestTimeoutSeconds') * 1000);
  const preview = new PreviewManager(context.extensionUri, { log, ui, renderer });
  const services: Services = {
    context, log, ui, renderer, endpoints, sessions, preview,
    runs: new ModelRuns(),
    runViews: new RunDashboards(preview, ui),
    proposals: new FixProposals(ui, log),
    parses: new ParseCache(),
  };
  const lint = registerDiagnostics(services);
  const inline = registerInlineSvg(services);
  // Disposed in reverse: features first, then what they use.
  context.subscriptions.push(
    log,
    renderer,
    endpoints,
    sessions,
    preview,
    services.proposals,
    lint,
    inline,
    registerLocalServer(services),
    registerGenerate(services),
    registerCritique(services),
    registerChat(services),
    registerPreview(services, inline.blockUnderCursor),
    registerHover(services, inline.cache),
    registerCodeActions(lint),
    registerLanguageFeatures(services, inline.cache),
    registerEditorCommands((uri) => vscode.commands.executeCommand(OPEN_PREVIEW_COMMAND, uri)),
    vscode.commands.registerCommand(OPTIMIZE_COMMAND, (uri?: vscode.Uri) => optimizeCommand({ optimizer: renderer, proposals: services.proposals, ui, log: (l) => log.info(l) }, uri)),
  );
  stopServer = () => endpoints.server.stop();
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return services;
}

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context);
}

export async function deactivate(): Promise<void> {
  // The local server gets its graceful stop (SIGTERM, then SIGKILL) before the host goes away.
  await stopServer?.();
  stopServer = undefined;
}
