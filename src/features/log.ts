import * as vscode from 'vscode';

/** The extension's one log channel; created by activate() and handed to features in the services. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('SVG Copilot', { log: true });
}

