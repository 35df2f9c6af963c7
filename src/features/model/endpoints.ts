// Which model server a command talks to. "bundled" (the default) is the local
// server this extension manages; "vscode-lm" is one of VS Code's own language
// models; anything else is the base URL of an OpenAI-compatible server, with
// its key from SecretStorage.
import * as vscode from 'vscode';
import type { Cancelled } from '../../shared/outcome';
import { Disposable } from '../../util/disposable';
import { getSetting, openSettings, serverEngine } from '../config';
import { ModelConsent } from '../localServer/consent';
import { readApiKey } from '../localServer/apiKey';
import { LocalServer, type StartResult } from '../localServer/localServer';
import type { Ui } from '../ui';
import { describeLanguageModel, LANGUAGE_MODEL_ENDPOINT, LanguageModelClient } from './languageModelClient';
import { chooseLanguageModel } from './languageModels';
import { fetchModelList } from './modelList';
import type { ResolvedEndpoint } from './sessionTypes';

export type { ResolvedEndpoint } from './sessionTypes';

export type EndpointResult =
  | { kind: 'ok'; endpoint: ResolvedEndpoint }
  /** No endpoint to use: the server is not running or cannot be reached (the message says which). */
  | { kind: 'unavailable'; message: string }
  | Cancelled;

export const START_SERVER_ACTION = 'Start Local Server';
export const OPEN_SETTINGS_ACTION = 'Open Settings';
export const SHOW_LOG_ACTION = 'Show Log';
export const MANAGE_TRUST_ACTION = 'Manage Workspace Trust';

export function isBundled(endpointSetting = getSetting('endpoint')): boolean {
  const v = endpointSetting.trim();
  return v === '' || v === 'bundled';
}

export function isLanguageModelEndpoint(endpointSetting = getSetting('endpoint')): boolean {
  return endpointSetting.trim() === LANGUAGE_MODEL_ENDPOINT;
}

/** The endpoint for one of VS Code's language models. */
export function languageModelEndpoint(model: vscode.LanguageModelChat): ResolvedEndpoint {
  return {
    kind: 'vscode-lm',
    client: new LanguageModelClient(model, { timeoutMs: getSetting('requestTimeoutSeconds') * 1000 }),
    label: describeLanguageModel(model),
    bundled: false,
  };
}

/** Owns the local server and answers "where do I send this request?". */
export class Endpoints extends Disposable {
  readonly server: LocalServer;
  private readonly _onDidMeasureSpeed = this._register(new vscode.EventEmitter<number>());
  /** Tokens per second of the latest generation, for the status bar. */
  readonly onDidMeasureSpeed = this._onDidMeasureSpeed.event;

  /** Asks before the local server downloads a model. */
  readonly consent: ModelConsent;

  constructor(private readonly context: vscode.ExtensionContext, readonly ui: Ui, readonly log: vscode.LogOutputChannel) {
    super();
    this.server = this._register(new LocalServer(context.extensionPath, log));
    this.consent = new ModelConsent(context.globalState, {
      ask: (text, ...actions) => ui.notify('warning', text, ...actions),
      chooseGguf: async () => (await ui.askOpenFiles({ canSelectMany: false, filters: { 'GGUF model': ['gguf'] }, title: 'GGUF model for the local server' }))?.[0]?.fsPath,
    }, {
      model: () => getSetting('serverModel'),
      engine: serverEngine,
      setModel: (path) => vscode.workspace.getConfiguration('svgCopilot').update('server.model', path, vscode.ConfigurationTarget.Global),
      openEndpointSettings: () => openSettings('svgCopilot.endpoint'),
    });
  }

  get secrets(): vscode.SecretStorage { return this.context.secrets; }

  reportSpeed(tokensPerSecond: number): void {
    if (Number.isFinite(tokensPerSecond) && tokensPerSecond > 0) this._onDidMeasureSpeed.fire(tokensPerSecond);
  }

  /**
   * Resolves the endpoint. With `bundled` the local server is started (with a
   * progress notification) when auto-start is on; a URL is probed with GET /models.
   */
  async resolve(): Promise<EndpointResult> {
    const setting = getSetting('endpoint').trim();
    const requested = getSetting('model').trim();
    if (isLanguageModelEndpoint(setting)) {
      const chosen = await chooseLanguageModel(requested);
      if (chosen.kind === 'unavailable') return chosen;
      return { kind: 'ok', endpoint: languageModelEndpoint(chosen.model) };
    }
    if (isBundled(setting)) {
      let connection = this.server.connection;
      if (!connection) {
        if (!getSetting('serverAutoStart')) {
          return { kind: 'unavailable', message: 'The SVG Copilot local server is not running (svgCopilot.server.autoStart is off).' };
        }
        const consent = await this.consent.ensure();
        if (consent.kind === 'declined') return consent.justAsked ? { kind: 'cancelled' } : { kind: 'unavailable', message: consent.message };
        const started = await startServerWithProgress(this.server);
        if (started.kind === 'cancelled') return { kind: 'cancelled' };
        if (started.kind === 'error') return { kind: 'unavailable', message: `The SVG Copilot local server could not start: ${started.message}` };
        connection = started.connection;
      }
      return { kind: 'ok', endpoint: { kind: 'http', baseURL: connection.url, apiKey: connection.token, model: requested || connection.model, bundled: true } };
    }

    const baseURL = setting.replace(/\/+$/, '');
    const apiKey = (await readApiKey(this.context.secrets, baseURL)) ?? '';
    const probe = await fetchModelList(baseURL, apiKey);
    if (probe.kind === 'error') return { kind: 'unavailable', message: `Cannot reach the model server at ${baseURL}: ${probe.message}` };
    const model = requested || probe.models[0];
    if (!model) return { kind: 'unavailable', message: `The model server at ${baseURL} lists no models; set "svgCopilot.model".` };
    return { kind: 'ok', endpoint: { kind: 'http', baseURL, apiKey: apiKey || 'none', model, bundled: false } };
  }
}

/** Starts the local server under a cancellable progress notification that relays download progress. */
export function startServerWithProgress(server: LocalServer): Promise<StartResult> {
  // Untrusted: start() refuses at once, so no progress notification flashes up.
  if (server.connection || !vscode.workspace.isTrusted) return server.start();
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SVG Copilot: starting the local server', cancellable: true },
    async (progress, token) => {
      const sub = server.onProgress((line) => progress.report({ message: line.length > 120 ? `${line.slice(0, 117)}…` : line }));
      const cancel = token.onCancellationRequested(() => { void server.stop(); });
      try {
        return await server.start();
      } finally {
        sub.dispose();
        cancel.dispose();
      }
    },
  ));
}

/**
 * Tells the user no model server is reachable and offers the two ways out.
 * "Start Local Server" starts the bundled server and, if the endpoint setting
 * points elsewhere, offers to switch to it.
 */
export async function offerServerActions(endpoints: Endpoints, message: string): Promise<void> {
  endpoints.log.warn(message);
  const choice = await endpoints.ui.notify('error', message, START_SERVER_ACTION, OPEN_SETTINGS_ACTION);
  if (choice === START_SERVER_ACTION) await startServerCommand(endpoints);
  else if (choice === OPEN_SETTINGS_ACTION) await openSettings('svgCopilot.endpoint');
}

/**
 * The endpoint every model command needs, or undefined after telling the user
 * why there is none (with "Start Local Server" / "Open Settings") or after they
 * cancelled the start.
 */
export async function endpointOrOffer(endpoints: Endpoints): Promise<ResolvedEndpoint | undefined> {
  const resolved = await endpoints.resolve();
  if (resolved.kind === 'cancelled') return undefined;
  if (resolved.kind === 'unavailable' && isLanguageModelEndpoint()) {
    // No server to start here: the way out is another model or another endpoint.
    const selectModel = 'Select Model';
    endpoints.log.warn(resolved.message);
    const choice = await endpoints.ui.notify('error', `SVG Copilot: no language model to use. ${resolved.message}`, selectModel, OPEN_SETTINGS_ACTION);
    if (choice === selectModel) await vscode.commands.executeCommand('svgCopilot.server.selectModel');
    else if (choice === OPEN_SETTINGS_ACTION) await openSettings('svgCopilot.endpoint');
    return undefined;
  }
  if (resolved.kind === 'unavailable') {
    await offerServerActions(endpoints, `SVG Copilot: no model server is reachable. ${resolved.message}`);
    return undefined;
  }
  return resolved.endpoint;
}

/** The "Start Local Server" command: start, report failure with actions, offer to switch the endpoint. */
export async function startServerCommand(endpoints: Endpoints): Promise<StartResult> {
  if (!endpoints.server.connection) {
    const consent = await endpoints.consent.ensure(true);
    if (consent.kind === 'declined') {
      if (!consent.justAsked) void endpoints.ui.notify('info', `SVG Copilot: ${consent.message}`);
      return { kind: 'cancelled' };
    }
  }
  const result = await startServerWithProgress(endpoints.server);
  if (result.kind === 'error' && !vscode.workspace.isTrusted) {
    // The model and log actions of reportServerError cannot help here; trusting the workspace can.
    if (await endpoints.ui.notify('error', `SVG Copilot: ${result.message}`, MANAGE_TRUST_ACTION) === MANAGE_TRUST_ACTION) await vscode.commands.executeCommand('workbench.trust.manage');
  } else if (result.kind === 'error') {
    await reportServerError(endpoints, result.message);
  } else if (result.kind === 'ready' && !isBundled()) {
    const use = 'Use Local Server';
    if (await endpoints.ui.notify('info', `SVG Copilot: the local server is ready (${result.connection.model}), but "svgCopilot.endpoint" points to ${getSetting('endpoint')}.`, use) === use) {
      await vscode.workspace.getConfiguration('svgCopilot').update('endpoint', 'bundled', vscode.ConfigurationTarget.Global);
    }
  }
  return result;
}

export async function reportServerError(endpoints: Endpoints, message: string): Promise<void> {
  const selectModel = 'Select Model';
  // With a preset (empty setting) the usual cause is a download that cannot happen: say how to use a local file.
  const hint = getSetting('serverModel').trim() || /svgCopilot\.server\.model/.test(message) ? '' : ' To run a GGUF file you already have, set "svgCopilot.server.model" to its path (Select Model → Browse).';
  const choice = await endpoints.ui.notify('error', `SVG Copilot: the local server could not start: ${message}${hint}`, SHOW_LOG_ACTION, selectModel, OPEN_SETTINGS_ACTION);
  if (choice === SHOW_LOG_ACTION) endpoints.log.show(true);
  else if (choice === selectModel) await vscode.commands.executeCommand('svgCopilot.server.selectModel');
  else if (choice === OPEN_SETTINGS_ACTION) await openSettings('svgCopilot.server');
}
