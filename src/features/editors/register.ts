// Commands for an .svg shown in VS Code's image preview (or another custom
// editor): "Open Source and Preview" puts the text beside it with SVG
// Copilot's preview, so lint, hover and critique are one click away.
import * as vscode from 'vscode';
import { openSourceBeside, svgOfActiveNonTextTab } from './activeSvg';

export const OPEN_SOURCE_AND_PREVIEW_COMMAND = 'svgCopilot.openSourceAndPreview';

export function registerEditorCommands(openPreview: (uri: vscode.Uri) => Thenable<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SOURCE_AND_PREVIEW_COMMAND, async (uri?: unknown) => {
    const target = uri instanceof vscode.Uri && /\.svg$/i.test(uri.path) ? uri : svgOfActiveNonTextTab() ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) return false;
    await openSourceBeside(target);
    await openPreview(target);
    return true;
  });
}
