// Which .svg the user is looking at. Since VS Code 1.97 an .svg opens in the
// built-in image preview (a custom editor), where there is no active text
// editor; any other custom editor of an .svg (or a diff of two) is the same
// case. The active tab's input still names the file.
import * as vscode from 'vscode';

export const IMAGE_PREVIEW_VIEW_TYPE = 'imagePreview.previewEditor';

function isSvgUri(uri: vscode.Uri): boolean {
  return /\.svg$/i.test(uri.path);
}

/** The .svg shown in the active tab when that tab is not a text editor (image preview, another custom editor), else undefined. */
export function svgOfActiveNonTextTab(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom) return isSvgUri(input.uri) ? input.uri : undefined;
  if (input instanceof vscode.TabInputTextDiff) return isSvgUri(input.modified) ? input.modified : undefined;
  return undefined;
}

/** The .svg of the active non-text tab, or else the active text editor's document URI. */
export function activeSvgUri(): vscode.Uri | undefined {
  return svgOfActiveNonTextTab() ?? vscode.window.activeTextEditor?.document.uri;
}

/**
 * Opens the source of an .svg in a text editor beside the active group (or
 * reveals it where it is open already) and returns the editor. Used when a
 * command that edits text is run from the image preview.
 */
export async function openSourceBeside(uri: vscode.Uri, preserveFocus = false): Promise<vscode.TextEditor> {
  const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (open) return vscode.window.showTextDocument(open.document, { viewColumn: open.viewColumn, preserveFocus });
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus, preview: false });
}
