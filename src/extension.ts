// Wiring only: each feature registers itself and returns one Disposable.
import * as vscode from 'vscode';
import { disposeLog, log } from './features/log';
import { registerGenerate } from './features/generate';
import { Endpoints } from './features/endpoint';
import { registerServer } from './features/server/serverCommands';
import { registerCritique } from './features/critique';
import { testApi } from './features/testApi';
import { ModelTasksProvider } from './features/modelTasks';
import { registerPreview } from './features/preview/register';
import { registerHover } from './features/hover';
import { registerDiagnostics } from './features/diagnostics';
import { registerCodeActions } from './features/codeActions';
import { registerEditorCommands } from './features/editors/register';
import { FixProposals } from './features/fixProposal';
import { registerInlineSvg } from './features/inline/register';
import { getSetting } from './features/config';
import { optimizeCommand, OPTIMIZE_COMMAND } from './features/optimize/command';
import { OPEN_PREVIEW_COMMAND } from './features/preview/register';
import { notify } from './features/interaction';
import { WorkerPool } from './core/render/pool';

let endpoints: Endpoints | undefined;

export function activate(context: vscode.ExtensionContext): unknown {
  const started = performance.now();
  endpoints = new Endpoints(context);
  const modelTasks = new ModelTasksProvider();
  const proposals = new FixProposals();
  const inline = registerInlineSvg();
  // The optimizer's isolated worker starts on the first Optimize SVG.
  let optimizer: WorkerPool | undefined;
  const pool = () => (optimizer ??= new WorkerPool({ size: 1, timeoutMs: getSetting('renderTimeoutSeconds') * 1000, memoryLimitMB: getSetting('renderMemoryMB') }));
  context.subscriptions.push(
    { dispose: disposeLog },
    endpoints,
    modelTasks,
    proposals,
    inline,
    { dispose: () => optimizer?.dispose() },
    registerServer(endpoints),
    registerGenerate(context, endpoints, modelTasks),
    registerCritique(endpoints, modelTasks, proposals),
    registerPreview(context, inline.blockUnderCursor),
    registerHover(endpoints, modelTasks, inline.cache),
    registerDiagnostics(),
    registerCodeActions(),
    registerEditorCommands((uri) => vscode.commands.executeCommand(OPEN_PREVIEW_COMMAND, uri)),
    vscode.commands.registerCommand(OPTIMIZE_COMMAND, (uri?: vscode.Uri) => optimizeCommand({ pool, proposals, notify, log: (l) => log().info(l) }, uri)),
  );
  log().info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return testApi(endpoints);
}

export async function deactivate(): Promise<void> {
  // The local server gets its graceful stop (SIGTERM, then SIGKILL) before the host goes away.
  await endpoints?.server.stop();
  endpoints = undefined;
}
