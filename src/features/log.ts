import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The extension's one log channel (created on first use, owned by activate's subscriptions). */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('SVG Copilot', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
