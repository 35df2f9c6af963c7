// Registers the preview's commands and the serializer that brings the panel
// back after a window reload. The manager itself is built with the services.
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE } from '../../shared/previewProtocol';
import { DisposableStore } from '../../util/disposable';
import type { Services } from '../services';

export const OPEN_PREVIEW_COMMAND = 'svgCopilot.openPreview';
export const TOGGLE_PREVIEW_LOCK_COMMAND = 'svgCopilot.togglePreviewLock';

export function registerPreview({ preview }: Services): vscode.Disposable {
  const store = new DisposableStore();
  store.add(vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (uri?: unknown) => preview.openPreview(uri instanceof vscode.Uri ? uri : undefined)));
  store.add(vscode.commands.registerCommand(TOGGLE_PREVIEW_LOCK_COMMAND, () => preview.toggleLock()));
  store.add(vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state: unknown) => preview.restore(panel, state),
  }));
  return store;
}
