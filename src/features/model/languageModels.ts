// Which VS Code language model the `vscode-lm` endpoint uses: the one named by
// `svgCopilot.model` (id or family), else the first that takes images. This
// extension's own chat provider (the bundled server) is never chosen, so the
// endpoint starts no server and no request comes back to us.
import * as vscode from 'vscode';
import { acceptsImages, describeLanguageModel } from './languageModelClient';

/** Vendor of the chat provider this extension registers for its bundled server. */
export const OWN_LANGUAGE_MODEL_VENDOR = 'svg-copilot';

export type LanguageModelChoice =
  | { kind: 'ok'; model: vscode.LanguageModelChat }
  | { kind: 'unavailable'; message: string };

/** VS Code's chat models other than this extension's own, models with image input first (stable within each group). */
export async function availableLanguageModels(): Promise<vscode.LanguageModelChat[]> {
  const models = (await vscode.lm.selectChatModels()).filter((m) => m.vendor !== OWN_LANGUAGE_MODEL_VENDOR);
  return [...models.filter((m) => acceptsImages(m) === true), ...models.filter((m) => acceptsImages(m) !== true)];
}

/** The model for `requested` (an id, "vendor/id" or a family; empty: the first with image input). */
export async function chooseLanguageModel(requested: string): Promise<LanguageModelChoice> {
  const models = await availableLanguageModels();
  if (!models.length) {
    return {
      kind: 'unavailable',
      message: 'VS Code offers no language model. Install a provider (e.g. GitHub Copilot Chat or an Ollama provider), check that "chat.disableAIFeatures" is off, or set "svgCopilot.endpoint" to a server URL.',
    };
  }
  const wanted = requested.trim();
  if (!wanted) return { kind: 'ok', model: models[0] };
  const model = models.find((m) => m.id === wanted || `${m.vendor}/${m.id}` === wanted) ?? models.find((m) => m.family === wanted);
  if (model) return { kind: 'ok', model };
  return {
    kind: 'unavailable',
    message: `No VS Code language model has the id or family "${wanted}" ("svgCopilot.model"). Available: ${models.slice(0, 8).map(describeLanguageModel).join(', ')}${models.length > 8 ? ', …' : ''}.`,
  };
}
