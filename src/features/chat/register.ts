// VS Code's own AI surface: the language model tools, the @svg participant and
// the bundled server as a chat model. One render pool serves the tools and the
// participant; its process starts on the first render.
import * as vscode from 'vscode';
import { WorkerPool } from '../../core/render/pool';
import { DisposableStore } from '../../util/disposable';
import { getSetting } from '../config';
import type { Endpoints } from '../endpoint';
import type { FixProposals } from '../fixProposal';
import type { ModelTasksProvider } from '../modelTasks';
import { registerLocalServerModel } from './localServerModel';
import { registerParticipant } from './participant';
import { registerTools } from './tools';

export function registerChat(context: vscode.ExtensionContext, endpoints: Endpoints, modelTasks: ModelTasksProvider, proposals: FixProposals): vscode.Disposable {
  const store = new DisposableStore();
  let pool: WorkerPool | undefined;
  const renderer = () => (pool ??= new WorkerPool({ size: 1, timeoutMs: getSetting('renderTimeoutSeconds') * 1000, memoryLimitMB: getSetting('renderMemoryMB') }));
  store.add({ dispose: () => pool?.dispose() });
  store.add(registerTools({ renderer, endpoints, modelTasks }));
  store.add(registerParticipant(context, { renderer, endpoints, modelTasks, proposals }));
  store.add(registerLocalServerModel(endpoints, modelTasks));
  return store;
}
