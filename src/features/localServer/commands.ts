// Commands for the model server: Start / Stop / Restart Local Server, Select
// Model, Set API Key, Show Log, and the status bar's quick pick of all of them.
// With endpoint "bundled" and auto-start on, activation also starts the server.
import * as vscode from 'vscode';
import { DisposableStore } from '../../util/disposable';
import { DEFAULT_PRESET, PRESETS } from '../../shared/presets';
import { getSetting, onDidChangeSetting, openSettings, serverEngine } from '../config';
import { isBundled, startServerCommand, type Endpoints } from '../model/endpoints';
import { fetchModelList } from '../model/modelList';
import type { Services } from '../services';
import { readApiKey, storeApiKey } from './apiKey';
import { SERVER_ACTIONS_COMMAND, ServerStatusBar } from './statusBar';

export const SERVER_COMMANDS = {
  start: 'svgCopilot.server.start',
  stop: 'svgCopilot.server.stop',
  restart: 'svgCopilot.server.restart',
  selectModel: 'svgCopilot.server.selectModel',
  setApiKey: 'svgCopilot.setApiKey',
  showLog: 'svgCopilot.showLog',
  actions: SERVER_ACTIONS_COMMAND,
} as const;

/** Presets the bundled server knows by name (pure data shared with the server); a GGUF path works too. */
function knownPresets(): { name: string; detail: string }[] {
  return PRESETS.filter((p) => p.engine === serverEngine()).map((p) => ({ name: p.name, detail: p.description }));
}

export function registerLocalServer(services: Services): vscode.Disposable {
  const { endpoints, ui, log } = services;
  const store = new DisposableStore();
  const statusBar = store.add(new ServerStatusBar(endpoints));
  const server = endpoints.server;

  store.add(vscode.commands.registerCommand(SERVER_COMMANDS.start, () => startServerCommand(endpoints)));
  store.add(vscode.commands.registerCommand(SERVER_COMMANDS.stop, async () => {
    await server.stop();
    return server.state;
  }));
  store.add(vscode.commands.registerCommand(SERVER_COMMANDS.restart, async () => {
    await server.stop();
    return startServerCommand(endpoints);
  }));
  store.add(vscode.commands.registerCommand(SERVER_COMMANDS.showLog, () => log.show(true)));
  store.add(vscode.commands.registerCommand(SERVER_COMMANDS.setApiKey, () => setApiKey(endpoints)));
  store.add(vscode.commands.registerCommand(SERVER_COMMANDS.selectModel, () => selectModel(endpoints)));
  store.add(vscode.commands.registerCommand(SERVER_COMMANDS.actions, async () => {
    const running = server.state === 'ready' || server.state === 'starting';
    const items: (vscode.QuickPickItem & { command: string })[] = [
      ...(running
        ? [{ label: '$(debug-restart) Restart Local Server', command: SERVER_COMMANDS.restart }, { label: '$(debug-stop) Stop Local Server', command: SERVER_COMMANDS.stop }]
        : [{ label: '$(play) Start Local Server', command: SERVER_COMMANDS.start }]),
      { label: '$(symbol-misc) Select Model', command: SERVER_COMMANDS.selectModel, description: isBundled() ? getSetting('serverModel') || 'default preset' : getSetting('model') || 'first listed' },
      { label: '$(key) Set API Key', command: SERVER_COMMANDS.setApiKey },
      { label: '$(output) Show Log', command: SERVER_COMMANDS.showLog },
      { label: '$(settings-gear) Open Settings', command: 'workbench.action.openSettings' },
    ];
    const chosen = await ui.pickOne(items, { title: `SVG Copilot: ${statusBar.text.replace(/\$\([^)]*\)\s*/g, '')}`, placeHolder: 'Server action' });
    if (chosen?.command === 'workbench.action.openSettings') await openSettings();
    else if (chosen) await vscode.commands.executeCommand(chosen.command);
  }));

  // Settings the running server was started with: offer a restart rather than restarting under the user.
  store.add(onDidChangeSetting(['serverEngine', 'serverModel', 'serverMmproj', 'serverThreads', 'serverGpuLayers', 'serverContextSize', 'serverNodePath'], () => {
    if (server.state !== 'ready') return;
    void ui.notify('info', 'SVG Copilot: the local server settings changed. Restart the server to use them?', 'Restart Local Server')
      .then((c) => (c ? vscode.commands.executeCommand(SERVER_COMMANDS.restart) : undefined));
  }));
  // A workspace trusted later may now launch the server.
  store.add(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (isBundled() && getSetting('serverAutoStart') && server.state === 'stopped') void startServerCommand(endpoints);
  }));

  if (isBundled() && getSetting('serverAutoStart') && vscode.workspace.isTrusted) {
    // After activation returns, so starting never delays it.
    const timer = setTimeout(() => { void startServerCommand(endpoints); }, 0);
    store.add({ dispose: () => clearTimeout(timer) });
  }
  return store;
}

async function setApiKey(endpoints: Endpoints): Promise<void> {
  const ui = endpoints.ui;
  if (isBundled()) {
    await ui.notify('info', 'SVG Copilot: the bundled local server uses a fresh token each start and needs no API key. Set "svgCopilot.endpoint" to a server URL first.', 'Open Settings')
      .then((c) => (c ? openSettings('svgCopilot.endpoint') : undefined));
    return;
  }
  const url = getSetting('endpoint').trim();
  const had = await readApiKey(endpoints.secrets, url);
  const key = await ui.askInput({
    title: `API key for ${url}`,
    prompt: had ? 'A key is stored. Enter a new one, or leave empty to remove it.' : 'Stored in VS Code\'s secret storage, never in settings.',
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return;
  await storeApiKey(endpoints.secrets, url, key.trim());
  await ui.notify('info', key.trim() ? `SVG Copilot: API key stored for ${url}.` : `SVG Copilot: API key removed for ${url}.`);
}

async function selectModel(endpoints: Endpoints): Promise<void> {
  const ui = endpoints.ui;
  if (!isBundled()) {
    const url = getSetting('endpoint').trim().replace(/\/+$/, '');
    const probe = await fetchModelList(url, (await readApiKey(endpoints.secrets, url)) ?? '');
    if (probe.kind === 'error') {
      await ui.notify('error', `SVG Copilot: cannot list the models of ${url}: ${probe.message}`, 'Open Settings').then((c) => (c ? openSettings('svgCopilot.endpoint') : undefined));
      return;
    }
    const chosen = await ui.pickOne(probe.models.map((m) => ({ label: m })), { title: `Model on ${url}`, placeHolder: getSetting('model') || 'first listed' });
    if (chosen) await vscode.workspace.getConfiguration('svgCopilot').update('model', chosen.label, vscode.ConfigurationTarget.Global);
    return;
  }
  const browse = '$(folder-opened) Browse for a GGUF model file…';
  const current = getSetting('serverModel');
  const presets = knownPresets();
  const items: vscode.QuickPickItem[] = [
    { label: 'Default preset', description: current ? '' : `current · ${DEFAULT_PRESET}`, detail: 'Downloaded on first use.' },
    ...presets.map((p) => ({ label: p.name, detail: p.detail, description: current === p.name ? 'current' : '' })),
    ...(current && !presets.some((p) => p.name === current) ? [{ label: current, description: 'current' }] : []),
    { label: browse },
  ];
  const chosen = await ui.pickOne(items, { title: 'Model for the local server (svgCopilot.server.model)' });
  if (!chosen) return;
  let model = chosen.label === 'Default preset' ? '' : chosen.label;
  if (chosen.label === browse) {
    const files = await ui.askOpenFiles({ canSelectMany: false, filters: { 'GGUF model': ['gguf'] }, title: 'GGUF model for the local server' });
    if (!files?.[0]) return;
    model = files[0].fsPath;
  }
  await vscode.workspace.getConfiguration('svgCopilot').update('server.model', model, vscode.ConfigurationTarget.Global);
  const server = endpoints.server;
  if (server.state === 'ready' || server.state === 'starting' || server.state === 'error') {
    await server.stop();
    await startServerCommand(endpoints);
  }
}
