import * as vscode from 'vscode';
import { openSettings } from './config';
import { log } from './log';

export const GENERATE_COMMAND = 'svgCopilot.generate';

export function registerGenerate(): vscode.Disposable {
  return vscode.commands.registerCommand(GENERATE_COMMAND, async () => {
    log().info('generate: no model server is configured yet');
    const choice = await vscode.window.showWarningMessage(
      'SVG Copilot: no model server is configured. Set "svgCopilot.endpoint" to an OpenAI-compatible server URL to generate SVG.',
      'Open Settings',
    );
    if (choice === 'Open Settings') await openSettings('svgCopilot.endpoint');
  });
}
