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
import { FixProposals } from './features/fixProposal';
import { registerChat } from './features/chat/register';

let endpoints: Endpoints | undefined;

export function activate(context: vscode.ExtensionContext): unknown {
  const started = performance.now();
  endpoints = new Endpoints(context);
  const modelTasks = new ModelTasksProvider();
  const proposals = new FixProposals();
  context.subscriptions.push(
    { dispose: disposeLog },
    endpoints,
    modelTasks,
    proposals,
    registerServer(endpoints),
    registerGenerate(context, endpoints, modelTasks),
    registerCritique(endpoints, modelTasks, proposals),
    registerChat(context, endpoints, modelTasks, proposals),
    registerPreview(context),
    registerHover(endpoints, modelTasks),
    registerDiagnostics(),
    registerCodeActions(),
  );
  log().info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return testApi(endpoints);
}

export async function deactivate(): Promise<void> {
  // The local server gets its graceful stop (SIGTERM, then SIGKILL) before the host goes away.
  await endpoints?.server.stop();
  endpoints = undefined;
}
