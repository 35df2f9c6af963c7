// The test build's entry point (esbuild.mjs bundles it as dist/extension.js
// when not building for production). It activates the real extension with the
// test seams injected: a scripted Ui, and the preview hooks command. Its
// exports are what the real-VS-Code tests reach. The production bundle is
// src/extension.ts alone and contains none of this.
import type * as vscode from 'vscode';
import { activateWith, deactivate } from '../../src/extension';
import { handleChatRequest } from '../../src/features/chat/participant';
import type { Endpoints } from '../../src/features/model/endpoints';
import type { ModelRuns } from '../../src/features/model/runs';
import { registerPreviewTestHooks } from './previewHooks';
import { ScriptedUi, type InteractionTestApi } from './scriptedUi';

export interface SvgCopilotTestApi {
  interaction: InteractionTestApi;
  /** The model runs under way (generate, critique, fix). */
  operations: ModelRuns;
  /** The endpoint resolver, holding the local server. */
  endpoints: Endpoints;
  /**
   * The @svg participant's request handler on the real services. The chat view
   * that calls it in a product cannot be driven in the test host (no chat model
   * without Copilot), so tests call it directly with their own response stream.
   */
  chat(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult>;
}

export function activate(context: vscode.ExtensionContext): SvgCopilotTestApi {
  const ui = new ScriptedUi();
  const services = activateWith(context, { ui });
  context.subscriptions.push(registerPreviewTestHooks(services, ui));
  return {
    interaction: ui,
    operations: services.runs,
    endpoints: services.endpoints,
    chat: (request, stream, token) => handleChatRequest(services, request, stream, token),
  };
}

export { deactivate };
