// An inline <svg> block as a read-only document of its own, so the preview
// can show it like an .svg file and follow the host's edits. The URI names
// the host document and the block's index in it; its path ends in ".svg" so
// everything that asks "is this an SVG?" says yes.
//   svg-copilot-inline:/<host path>.block-<n>.svg?<host URI>
import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';
import type { InlineBlockCache } from './blockCache';

export const INLINE_BLOCK_SCHEME = 'svg-copilot-inline';
/** Wait after the last host edit before the block documents are refreshed. */
const REFRESH_MS = 60;

export function blockDocumentUri(host: vscode.Uri, index: number): vscode.Uri {
  return vscode.Uri.from({ scheme: INLINE_BLOCK_SCHEME, path: `${host.path}.block-${index + 1}.svg`, query: host.toString() });
}

export function parseBlockDocumentUri(uri: vscode.Uri): { host: vscode.Uri; index: number } | undefined {
  if (uri.scheme !== INLINE_BLOCK_SCHEME) return undefined;
  const m = /\.block-(\d+)\.svg$/.exec(uri.path);
  if (!m) return undefined;
  try {
    return { host: vscode.Uri.parse(uri.query, true), index: Number(m[1]) - 1 };
  } catch {
    return undefined;
  }
}

export class InlineBlockDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly cache: InlineBlockCache) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(INLINE_BLOCK_SCHEME, this));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.hostChanged(e.document)));
    this._register({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); } });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseBlockDocumentUri(uri);
    if (!ref) return '';
    const host = vscode.workspace.textDocuments.find((d) => d.uri.toString() === ref.host.toString()) ?? await vscode.workspace.openTextDocument(ref.host);
    return this.cache.blocks(host)[ref.index]?.text ?? '';
  }

  private hostChanged(host: vscode.TextDocument): void {
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === INLINE_BLOCK_SCHEME && parseBlockDocumentUri(d.uri)?.host.toString() === host.uri.toString());
    if (!open.length) return;
    const key = host.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      for (const d of open) this.changed.fire(d.uri);
    }, REFRESH_MS));
  }
}
