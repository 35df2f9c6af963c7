// API keys for remote endpoints live only in VS Code's SecretStorage, one per
// endpoint URL, never in settings files.
import type * as vscode from 'vscode';

function secretKey(endpointUrl: string): string {
  return `svgCopilot.apiKey:${endpointUrl.replace(/\/+$/, '')}`;
}

export function readApiKey(secrets: vscode.SecretStorage, endpointUrl: string): Thenable<string | undefined> {
  return secrets.get(secretKey(endpointUrl));
}

export async function storeApiKey(secrets: vscode.SecretStorage, endpointUrl: string, key: string): Promise<void> {
  if (key) await secrets.store(secretKey(endpointUrl), key);
  else await secrets.delete(secretKey(endpointUrl));
}
