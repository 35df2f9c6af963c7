// Consent before any model work. Activation never downloads or starts a
// model; the first model use (generate, critique, explain, Start Local Server)
// asks once before the local server downloads its model, and the answer is
// kept: "Not now" for this window, "Don't ask again" for good (undone by
// Select Model). Choosing a local GGUF or another endpoint needs no download.
import type * as vscode from 'vscode';
import { formatBytes, modelNeed, type ModelNeed } from './modelFiles';

export const DOWNLOAD = 'Download';
export const CHOOSE_GGUF = 'Choose a local GGUF…';
export const OTHER_ENDPOINT = 'Use another endpoint…';
export const NOT_NOW = 'Not now';
export const NEVER = "Don't ask again";

const DECLINED_KEY = 'svgCopilot.modelDownload.declined';

export type ConsentAnswer =
  /** Go ahead and start the server (files present, download agreed, or a local file chosen). */
  | { kind: 'proceed' }
  /** No download: the user declined now or for good, or went to set another endpoint. */
  | { kind: 'declined'; message: string; /** The answer was given just now (nothing more needs saying). */ justAsked: boolean };

/** How the question is put to the user; the extension's Ui in production, a script in tests. */
export interface ConsentUi {
  ask(text: string, ...actions: string[]): Promise<string | undefined>;
  chooseGguf(): Promise<string | undefined>;
}

export class ModelConsent {
  /** "Not now" was answered in this window. */
  private notNow = false;

  constructor(
    private readonly state: vscode.Memento,
    private readonly ui: ConsentUi,
    private readonly settings: { model: () => string; engine: () => 'llamacpp' | 'vllm'; setModel: (path: string) => Thenable<void>; openEndpointSettings: () => Thenable<void> },
  ) {}

  /** What starting the server now would need. */
  need(): ModelNeed {
    return modelNeed(this.settings.model(), this.settings.engine());
  }

  /** True when the server may start at activation: its model is already on disk. */
  canAutoStart(): boolean {
    return this.need().kind !== 'download';
  }

  /**
   * Asked before the server starts for a model use; answers at once when
   * nothing needs downloading. `explicit` (Start Local Server) asks again
   * after "Not now".
   */
  async ensure(explicit = false): Promise<ConsentAnswer> {
    const need = this.need();
    if (need.kind !== 'download') return { kind: 'proceed' };
    const off = 'The model download is off. Run "SVG Copilot: Select Model" to choose a model, or set "svgCopilot.endpoint" to a model server.';
    if (this.state.get<boolean>(DECLINED_KEY)) return { kind: 'declined', message: off, justAsked: false };
    if (this.notNow && !explicit) return { kind: 'declined', message: 'The model download was put off for this window. Run "SVG Copilot: Select Model" to choose a model.', justAsked: false };
    const answer = await this.ui.ask(
      `SVG Copilot: Download ${need.preset} (${formatBytes(need.bytes)}) to ${need.folder}?`,
      DOWNLOAD, CHOOSE_GGUF, OTHER_ENDPOINT, NOT_NOW, NEVER,
    );
    switch (answer) {
      case DOWNLOAD:
        return { kind: 'proceed' };
      case CHOOSE_GGUF: {
        const path = await this.ui.chooseGguf();
        if (!path) return { kind: 'declined', message: 'No model file was chosen.', justAsked: true };
        await this.settings.setModel(path);
        return { kind: 'proceed' };
      }
      case OTHER_ENDPOINT:
        await this.settings.openEndpointSettings();
        return { kind: 'declined', message: 'Set "svgCopilot.endpoint" to the URL of your model server, then run the command again.', justAsked: true };
      case NEVER:
        await this.state.update(DECLINED_KEY, true);
        return { kind: 'declined', message: off, justAsked: true };
      default:
        // "Not now", or the question dismissed.
        this.notNow = true;
        return { kind: 'declined', message: 'The model download was put off for this window.', justAsked: true };
    }
  }

  /** Select Model undoes "Don't ask again" and "Not now". */
  async reset(): Promise<void> {
    this.notNow = false;
    await this.state.update(DECLINED_KEY, undefined);
  }
}
