// The registered preview, for the model features that load the preview lazily
// (src/features/generationView.ts). Set while the extension is active.
import type { IDisposable } from '../../util/disposable';
import type { PreviewManager } from './previewManager';

let active: PreviewManager | undefined;

export function setActivePreview(manager: PreviewManager): IDisposable {
  active = manager;
  return { dispose: () => { if (active === manager) active = undefined; } };
}

export function activePreview(): PreviewManager | undefined {
  return active;
}
