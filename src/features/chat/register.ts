// VS Code's own AI surface: the language model tools, the @svg participant and
// the bundled server as a chat model, all on the extension's services (the one
// render service, the endpoints, the model sessions, the proposed edits).
import type * as vscode from 'vscode';
import { DisposableStore } from '../../util/disposable';
import type { Services } from '../services';
import { registerLocalServerModel } from './localServerModel';
import { registerParticipant } from './participant';
import { registerTools } from './tools';

export function registerChat(services: Services): vscode.Disposable {
  const store = new DisposableStore();
  store.add(registerTools(services));
  store.add(registerParticipant(services));
  store.add(registerLocalServerModel(services));
  return store;
}
