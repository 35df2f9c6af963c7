// One webview panel and its side of the message protocol: builds the page
// once, posts only once the webview has said it is ready (the owner sends its
// whole state on every 'ready', which also comes after a hidden webview is
// re-created), validates everything it receives, and drops what does not
// check out.
import * as vscode from 'vscode';
import { isWebviewMessage, PREVIEW_VIEW_TYPE, type HostMessage, type PreviewSettings, type WebviewMessage } from '../../shared/previewProtocol';
import { Disposable } from '../../util/disposable';
import { previewHtml, previewResourceRoots } from './html';

export class PreviewPanel extends Disposable {
  private ready = false;
  private readonly _onMessage = this._register(new vscode.EventEmitter<WebviewMessage>());
  /** Every valid message from the webview ('ready' included). */
  readonly onMessage = this._onMessage.event;
  private readonly _onDidDispose = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this._onDidDispose.event;
  /** Messages from the webview that failed validation (kept for tests and logs). */
  invalidMessages = 0;

  static create(log: vscode.LogOutputChannel, extensionUri: vscode.Uri, column: vscode.ViewColumn, settings: PreviewSettings, preserveFocus: boolean): PreviewPanel {
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'SVG Preview', { viewColumn: column, preserveFocus }, PreviewPanel.options(extensionUri));
    return new PreviewPanel(panel, log, extensionUri, settings);
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, enableFindWidget: false, retainContextWhenHidden: false, localResourceRoots: previewResourceRoots(extensionUri) };
  }

  constructor(readonly panel: vscode.WebviewPanel, private readonly log: vscode.LogOutputChannel, extensionUri: vscode.Uri, settings: PreviewSettings) {
    super();
    panel.webview.options = PreviewPanel.options(extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'preview-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'preview-dark.svg'),
    };
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
    this._register(panel.onDidDispose(() => { this._onDidDispose.fire(); this.dispose(); }));
    // A hidden webview is destroyed (no retainContextWhenHidden); it says 'ready' again when shown.
    this._register(panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }));
    panel.webview.html = previewHtml(panel.webview, extensionUri, settings);
  }

  get isReady(): boolean { return this.ready; }

  /** Sends when the webview is ready; before that the owner's reply to 'ready' carries the state. */
  post(message: HostMessage): void {
    if (this.isDisposed || !this.ready) return;
    void this.panel.webview.postMessage(message).then(undefined, (e: unknown) => this.log.warn(`preview: post failed: ${String(e)}`));
  }

  private receive(message: unknown): void {
    if (!isWebviewMessage(message)) {
      this.invalidMessages++;
      this.log.warn('preview: dropped a malformed message from the webview');
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
    }
    this._onMessage.fire(message);
  }
}
