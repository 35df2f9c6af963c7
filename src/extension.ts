// Wiring only: each feature registers itself and returns one Disposable.
import * as vscode from 'vscode';
import { disposeLog, log } from './features/log';
import { registerGenerate } from './features/generate';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  context.subscriptions.push(
    { dispose: disposeLog },
    registerGenerate(),
  );
  log().info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Registered disposables are released by VS Code through context.subscriptions.
}
