// Lifecycle of the bundled model server (dist/server.js): start with a fresh
// token, read its one ready line, stop with SIGTERM then SIGKILL after a grace
// period. Logs from its stderr go to the extension's log channel.
import * as vscode from 'vscode';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseReadyLine } from '../../shared/readyLine';
import type { Cancelled, Failed } from '../../shared/outcome';
import { Disposable } from '../../util/disposable';
import { getSetting } from '../config';
import { serverLaunch } from './launch';

export type ServerState = 'stopped' | 'starting' | 'ready' | 'error';

export interface ServerConnection {
  /** OpenAI base URL, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  model: string;
  token: string;
  /** The device the server runs the model on, e.g. "Vulkan0: NVIDIA H200", and why it chose it (servers that say). */
  device?: string;
  deviceReason?: string;
}

/** " on Vulkan0: NVIDIA H200 (auto: …)", or nothing for a server that does not say. */
export function describeDevice(c: ServerConnection | undefined): string {
  if (!c?.device) return '';
  return ` on ${c.device}${c.deviceReason ? ` (${c.deviceReason})` : ''}`;
}

export type StartResult = { kind: 'ready'; connection: ServerConnection } | Failed | Cancelled;

const STOP_GRACE_MS = 3000;
const PROGRESS_LINE = /svg-copilot-server|download|verif|\d+(\.\d+)?\s*MB|\d+%/i;
/** Lines of stderr kept to explain a failed start. */
const TAIL_LINES = 20;

export class LocalServer extends Disposable {
  private readonly _onDidChangeState = this._register(new vscode.EventEmitter<ServerState>());
  readonly onDidChangeState = this._onDidChangeState.event;
  private readonly _onProgress = this._register(new vscode.EventEmitter<string>());
  /** Progress lines (e.g. a model download) from the server's stderr while it starts. */
  readonly onProgress = this._onProgress.event;

  private child: ChildProcess | undefined;
  private starting: Promise<StartResult> | undefined;
  private _state: ServerState = 'stopped';
  private _connection: ServerConnection | undefined;
  private _lastError: string | undefined;
  private stderrTail: string[] = [];

  constructor(private readonly extensionPath: string, private readonly log: vscode.LogOutputChannel) {
    super();
  }

  get state(): ServerState { return this._state; }
  get connection(): ServerConnection | undefined { return this._state === 'ready' ? this._connection : undefined; }
  get lastError(): string | undefined { return this._lastError; }

  /** Starts the server, or joins a start already under way; resolves when it is ready or has failed. */
  start(): Promise<StartResult> {
    if (this._state === 'ready' && this._connection) return Promise.resolve({ kind: 'ready', connection: this._connection });
    if (this.starting) return this.starting;
    if (!vscode.workspace.isTrusted) {
      return Promise.resolve({ kind: 'error', message: 'SVG Copilot never launches the local server in an untrusted workspace. Trust the workspace, or set "svgCopilot.endpoint" to a server URL in your user settings.' });
    }
    this.starting = this.launch().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private launch(): Promise<StartResult> {
    const token = randomBytes(32).toString('hex');
    const launch = serverLaunch(this.extensionPath, token);
    this.log.info(`server: starting ${launch.display}`);
    this.stderrTail = [];
    this._lastError = undefined;
    this.setState('starting');

    let child: ChildProcess;
    try {
      child = spawn(launch.command, launch.args, { env: launch.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      return Promise.resolve(this.fail(`could not run ${launch.command}: ${e instanceof Error ? e.message : String(e)}`));
    }
    this.child = child;

    const stderr = createInterface({ input: child.stderr! });
    stderr.on('line', (line) => {
      this.log.info(`[server] ${line}`);
      this.stderrTail.push(line);
      if (this.stderrTail.length > TAIL_LINES) this.stderrTail.shift();
      // The notification shows the server's own messages and download progress, not the engine's load chatter.
      if (this._state === 'starting' && PROGRESS_LINE.test(line)) this._onProgress.fire(line.trim());
    });

    const timeoutMs = getSetting('serverStartTimeoutSeconds') * 1000;
    return new Promise<StartResult>((resolve) => {
      let settled = false;
      const settle = (r: StartResult) => { if (!settled) { settled = true; clearTimeout(timer); resolve(r); } };
      const timer = setTimeout(() => {
        settle(this.fail(`the server did not become ready within ${timeoutMs / 1000} s (setting svgCopilot.server.startTimeoutSeconds)`));
        if (this.child === child) this.child = undefined;
        void this.kill(child);
      }, timeoutMs);

      const stdout = createInterface({ input: child.stdout! });
      stdout.once('line', (line) => {
        const ready = parseReadyLine(line);
        if (!ready) {
          settle(this.fail(`the server printed an unexpected first line: ${line.slice(0, 200)}`));
          if (this.child === child) this.child = undefined;
          void this.kill(child);
          return;
        }
        this._connection = { url: ready.url, model: ready.model, token, device: ready.device, deviceReason: ready.deviceReason };
        this.log.info(`server: ready at ${ready.url} serving ${ready.model}${describeDevice(this._connection)}`);
        this.setState('ready');
        settle({ kind: 'ready', connection: this._connection });
      });

      child.on('error', (e) => settle(this.fail(`could not run ${launch.command}: ${e.message}`)));
      child.on('exit', (code, signal) => {
        const stoppedByUs = this.child !== child;
        if (!stoppedByUs) this.child = undefined;
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        if (!settled) {
          settle(stoppedByUs ? { kind: 'cancelled' } : this.fail(`the server stopped before it was ready (${how})`));
        } else if (this._state === 'ready' && this._connection?.token === token) {
          this._connection = undefined;
          if (code === 0 || signal === 'SIGTERM') this.setState('stopped');
          else { this.fail(`the server stopped unexpectedly (${how})`); }
        }
        this.log.info(`server: exited (${how})`);
      });
    });
  }

  private fail(reason: string): StartResult {
    const tail = this.stderrTail.filter((l) => l.trim()).slice(-5).join('\n');
    const message = tail ? `${reason}.\n${tail}` : `${reason}.`;
    this.log.error(`server: ${message}`);
    this._lastError = message;
    this._connection = undefined;
    this.setState('error');
    return { kind: 'error', message };
  }

  /** Stops the server: SIGTERM, then SIGKILL if it is still alive after the grace period. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this._connection = undefined;
    if (child) {
      this.log.info('server: stopping');
      await this.kill(child);
    }
    this.setState('stopped');
  }

  async restart(): Promise<StartResult> {
    await this.stop();
    return this.start();
  }

  private kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); }, STOP_GRACE_MS);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.stdin?.end();
      child.kill('SIGTERM');
    });
  }

  private setState(state: ServerState): void {
    if (this._state === state) return;
    this._state = state;
    this._onDidChangeState.fire(state);
  }

  override dispose(): void {
    const child = this.child;
    this.child = undefined;
    if (child) void this.kill(child);
    super.dispose();
  }
}
