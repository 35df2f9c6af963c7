// Registers the preview: its commands, the serializer that brings the panel
// back after a window reload, and (under SVG_COPILOT_TEST=1 only) the test hooks.
import * as vscode from 'vscode';
import { WorkerPool } from '../../core/render/pool';
import { PREVIEW_VIEW_TYPE } from '../../protocol/preview';
import { DisposableStore } from '../../util/disposable';
import { getSetting } from '../config';
import { setActivePreview } from './activePreview';
import { PreviewManager, type RenderService } from './previewManager';
import { registerPreviewTestHooks } from './testHooks';

export const OPEN_PREVIEW_COMMAND = 'svgCopilot.openPreview';
export const TOGGLE_PREVIEW_LOCK_COMMAND = 'svgCopilot.togglePreviewLock';

/** `blockUnderCursor`: in a web-language file, the inline <svg> block under the cursor as a document to preview. */
export function registerPreview(context: vscode.ExtensionContext, blockUnderCursor: () => vscode.Uri | undefined = () => undefined): vscode.Disposable {
  const store = new DisposableStore();
  // The renderer process starts on the first export only.
  let pool: WorkerPool | undefined;
  const renderer = (): RenderService => {
    pool ??= new WorkerPool({
      size: 1,
      timeoutMs: getSetting('renderTimeoutSeconds') * 1000,
      memoryLimitMB: getSetting('renderMemoryMB'),
    });
    return pool;
  };
  store.add({ dispose: () => pool?.dispose() });

  const manager = store.add(new PreviewManager(context.extensionUri, renderer));
  store.add(setActivePreview(manager));
  store.add(vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (uri?: unknown) => manager.openPreview(uri instanceof vscode.Uri ? uri : blockUnderCursor())));
  store.add(vscode.commands.registerCommand(TOGGLE_PREVIEW_LOCK_COMMAND, () => manager.toggleLock()));
  store.add(vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state: unknown) => manager.restore(panel, state),
  }));
  if (process.env.SVG_COPILOT_TEST === '1') store.add(registerPreviewTestHooks(manager));
  return store;
}
