// Commands for the model server: Start / Stop / Restart Local Server, Select
// Model, Set API Key, Show Log, and the status bar's quick pick of all of them.
// With endpoint "bundled" and auto-start on, activation also starts the server
// when its model is already on disk (a download waits for consent).
import * as vscode from 'vscode';
import { DisposableStore } from '../../util/disposable';
import { DEFAULT_PRESET, PRESETS } from '../../shared/presets';
import { getSetting, onDidChangeSetting, openSettings, serverEngine } from '../config';
import { isBundled, isLanguageModelEndpoint, startServerCommand, type Endpoints } from '../model/endpoints';
import { acceptsImages, LANGUAGE_MODEL_ENDPOINT } from '../model/languageModelClient';
import { availableLanguageModels, chooseLanguageModel } from '../model/languageModels';
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
    if (isBundled() && getSetting('serverAutoStart') && server.state === 'stopped' && endpoints.consent.canAutoStart()) void startServerCommand(endpoints);
  }));

  // Only a model already on disk starts with the window: a download waits for the first model use and its consent.
  if (isBundled() && getSetting('serverAutoStart') && vscode.workspace.isTrusted && endpoints.consent.canAutoStart()) {
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

type ModelItem = vscode.QuickPickItem & { choose?: () => Promise<void> };

/**
 * One place to choose the model: the bundled server's presets and GGUF files,
 * VS Code's language models, and the models of the configured server URL.
 * Choosing one also points "svgCopilot.endpoint" at where it is served.
 */
async function selectModel(endpoints: Endpoints): Promise<void> {
  // Choosing a model is the way back from "Don't ask again" (and "Not now").
  await endpoints.consent.reset();
  const { server, ui, log } = endpoints;
  const endpointSetting = getSetting('endpoint').trim();
  const bundled = isBundled();
  const useBundled = async (model: string) => {
    if (!bundled) await updateWhereSet('endpoint', 'bundled');
    await updateWhereSet('server.model', model);
    if (server.state === 'ready' || server.state === 'starting' || server.state === 'error') {
      await server.stop();
      await startServerCommand(endpoints);
    }
  };

  const current = getSetting('serverModel');
  const presets = knownPresets();
  const items: ModelItem[] = [
    { label: 'Local server (bundled)', kind: vscode.QuickPickItemKind.Separator },
    { label: 'Default preset', description: bundled && !current ? `current · ${DEFAULT_PRESET}` : DEFAULT_PRESET, detail: 'Downloaded on first use.', choose: () => useBundled('') },
    ...presets.map((p) => ({ label: p.name, detail: p.detail, description: bundled && current === p.name ? 'current' : '', choose: () => useBundled(p.name) })),
    ...(current && !presets.some((p) => p.name === current) ? [{ label: current, description: bundled ? 'current' : '', choose: () => useBundled(current) }] : []),
    {
      label: '$(folder-opened) Browse for a GGUF model file…',
      choose: async () => {
        const files = await ui.askOpenFiles({ canSelectMany: false, filters: { 'GGUF model': ['gguf'] }, title: 'GGUF model for the local server' });
        if (files?.[0]) await useBundled(files[0].fsPath);
      },
    },
  ];

  const languageModels = await availableLanguageModels().catch((e: unknown) => {
    log.warn(`VS Code's language models could not be listed: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  });
  if (languageModels.length) {
    const chosen = isLanguageModelEndpoint() ? await chooseLanguageModel(getSetting('model')) : undefined;
    items.push({ label: 'VS Code language models', kind: vscode.QuickPickItemKind.Separator });
    for (const m of languageModels) {
      const images = acceptsImages(m);
      items.push({
        label: m.name,
        description: `${m.vendor}/${m.id}${chosen?.kind === 'ok' && chosen.model === m ? ' · current' : ''}`,
        detail: images === true ? 'Takes images: the vision critic sees the render.' : 'No image input: the text critic reads the code.',
        choose: async () => {
          await updateWhereSet('endpoint', LANGUAGE_MODEL_ENDPOINT);
          // The id alone where it names one model; vendor/id where two vendors share it.
          await updateWhereSet('model', languageModels.filter((o) => o.id === m.id).length > 1 ? `${m.vendor}/${m.id}` : m.id);
        },
      });
    }
  }

  if (!bundled && !isLanguageModelEndpoint()) {
    const url = endpointSetting.replace(/\/+$/, '');
    const probe = await fetchModelList(url, (await readApiKey(endpoints.secrets, url)) ?? '');
    items.push({ label: `Server at ${url}`, kind: vscode.QuickPickItemKind.Separator });
    if (probe.kind === 'error') items.push({ label: `$(warning) Cannot list the models: ${probe.message}`, choose: () => openSettings('svgCopilot.endpoint') });
    else {
      const model = getSetting('model');
      items.push(...probe.models.map((m) => ({ label: m, description: model === m ? 'current' : '', choose: () => updateWhereSet('model', m) })));
    }
  }

  const chosen = await ui.pickOne(items, { title: 'SVG Copilot: model', placeHolder: 'Local server presets, VS Code language models, or the configured server\'s models', matchOnDescription: true });
  await chosen?.choose?.();
}

/** Writes an svgCopilot setting where its effective value comes from (workspace or user), so the change takes effect. */
async function updateWhereSet(key: string, value: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('svgCopilot');
  const where = config.inspect(key);
  const target = where?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
    : where?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
