// One status bar item: server state, model and the latest tokens/s. Clicking it
// opens the quick pick of server actions.
import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';
import { getSetting, onDidChangeSetting } from '../config';
import { isBundled, type Endpoints } from '../model/endpoints';
import { describeDevice } from './localServer';

export const SERVER_ACTIONS_COMMAND = 'svgCopilot.server.actions';

export class ServerStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('svgCopilot.server', vscode.StatusBarAlignment.Right, 100));
  private tokensPerSecond: number | undefined;

  constructor(private readonly endpoints: Endpoints) {
    super();
    this.item.name = 'SVG Copilot Server';
    this.item.command = SERVER_ACTIONS_COMMAND;
    this._register(endpoints.server.onDidChangeState(() => this.update()));
    this._register(endpoints.onDidMeasureSpeed((tps) => { this.tokensPerSecond = tps; this.update(); }));
    this._register(onDidChangeSetting(['endpoint', 'serverModel'], () => this.update()));
    this.update();
    this.item.show();
  }

  /** The text currently shown; read by tests. */
  get text(): string { return this.item.text; }

  private update(): void {
    const speed = this.tokensPerSecond ? ` · ${this.tokensPerSecond.toFixed(1)} tok/s` : '';
    if (!isBundled()) {
      const url = getSetting('endpoint');
      let host = url;
      try { host = new URL(url).host; } catch { /* keep the raw setting */ }
      this.item.text = `$(cloud) SVG Copilot: ${host}${speed}`;
      this.item.tooltip = `Model server: ${url} (svgCopilot.endpoint)`;
      this.item.backgroundColor = undefined;
      return;
    }
    const server = this.endpoints.server;
    const model = server.connection?.model;
    switch (server.state) {
      case 'stopped':
        this.item.text = '$(circle-slash) SVG Copilot: stopped';
        this.item.tooltip = 'The local model server is stopped. Click for server actions.';
        this.item.backgroundColor = undefined;
        break;
      case 'starting':
        this.item.text = '$(sync~spin) SVG Copilot: starting';
        this.item.tooltip = 'The local model server is starting (a first start may download the model).';
        this.item.backgroundColor = undefined;
        break;
      case 'ready':
        this.item.text = `$(check) SVG Copilot: ${model ?? 'ready'}${speed}`;
        this.item.tooltip = `Local model server ready at ${server.connection?.url ?? ''}, serving ${model ?? ''}${describeDevice(server.connection)}.`;
        this.item.backgroundColor = undefined;
        break;
      case 'error':
        this.item.text = '$(error) SVG Copilot: server error';
        this.item.tooltip = server.lastError ?? 'The local model server failed. Click for server actions.';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
  }
}
