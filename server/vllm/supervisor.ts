// Runs `vllm serve` as a child process: waits until it answers /v1/models,
// forwards its log, restarts it with backoff when it dies, and stops it with
// SIGTERM then SIGKILL. vLLM spawns engine workers of its own, so the child gets
// its own process group and signals go to the whole group.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';

export type SupervisorState = 'stopped' | 'starting' | 'ready' | 'restarting' | 'failed';

export interface SupervisorOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** URL of the OpenAI API root, e.g. http://127.0.0.1:8000/v1; undefined for a headless node. */
  apiUrl?: string;
  apiKey?: string;
  /** How long one start may take to become ready (model download + load can take many minutes). */
  readyTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Restarts allowed after crashes before giving up. */
  maxRestarts?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** SIGTERM → SIGKILL grace period. */
  stopGraceMs?: number;
  /** A headless node counts as ready once it has stayed up this long. */
  headlessSettleMs?: number;
  log?: (line: string) => void;
  logTailLines?: number;
}

export class SupervisorError extends Error {
  constructor(message: string, readonly logTail: string[]) {
    super(logTail.length ? `${message}\n--- last ${logTail.length} log lines ---\n${logTail.join('\n')}` : message);
    this.name = 'SupervisorError';
  }
}

export class VllmSupervisor extends EventEmitter {
  private child: ChildProcess | undefined;
  private _state: SupervisorState = 'stopped';
  private readonly tail: string[] = [];
  private restarts = 0;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly o: Required<Omit<SupervisorOptions, 'apiUrl' | 'apiKey' | 'env' | 'log'>> & SupervisorOptions;

  constructor(options: SupervisorOptions) {
    super();
    this.o = {
      readyTimeoutMs: 20 * 60_000,
      pollIntervalMs: 500,
      maxRestarts: 5,
      backoffInitialMs: 1000,
      backoffMaxMs: 30_000,
      stopGraceMs: 10_000,
      headlessSettleMs: 5000,
      logTailLines: 40,
      ...options,
    };
  }

  get state(): SupervisorState { return this._state; }
  get pid(): number | undefined { return this.child?.pid; }
  get restartCount(): number { return this.restarts; }
  logTail(): string[] { return [...this.tail]; }

  private setState(s: SupervisorState): void {
    this._state = s;
    this.emit('state', s);
  }

  private record(line: string): void {
    this.tail.push(line);
    if (this.tail.length > this.o.logTailLines) this.tail.shift();
    this.o.log?.(line);
  }

  /** Starts the process and resolves once it is ready; rejects with the log tail if it never gets there. */
  async start(): Promise<void> {
    this.stopping = false;
    this.setState('starting');
    await this.launchUntilReady();
    this.setState('ready');
  }

  private spawnChild(): ChildProcess {
    const child = spawn(this.o.command, this.o.args, { env: this.o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (l) => this.record(l));
    }
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', (err) => this.record(`failed to run ${this.o.command}: ${err.message}`));
    this.child = child;
    return child;
  }

  private async launchUntilReady(): Promise<void> {
    const child = this.spawnChild();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', () => resolve({ code: null, signal: null }));
    });
    const deadline = Date.now() + this.o.readyTimeoutMs;
    const settleAt = Date.now() + this.o.headlessSettleMs;
    for (;;) {
      const early = await Promise.race([exited, delay(this.o.pollIntervalMs).then(() => undefined)]);
      if (early) {
        const why = early.signal ? `was killed by ${early.signal}` : `exited with code ${early.code}`;
        throw new SupervisorError(`vllm ${why} before it was ready`, this.logTail());
      }
      if (this.stopping) throw new SupervisorError('stopped before it was ready', this.logTail());
      if (this.o.apiUrl ? await this.isReady() : Date.now() >= settleAt) return;
      if (Date.now() > deadline) {
        await this.killChild();
        throw new SupervisorError(`vllm was not ready within ${Math.round(this.o.readyTimeoutMs / 1000)} s`, this.logTail());
      }
    }
  }

  private async isReady(): Promise<boolean> {
    try {
      const res = await fetch(`${this.o.apiUrl}/models`, {
        headers: this.o.apiKey ? { Authorization: `Bearer ${this.o.apiKey}` } : {},
        signal: AbortSignal.timeout(Math.max(this.o.pollIntervalMs * 4, 2000)),
      });
      await res.body?.cancel();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.record(`vllm exited (${signal ?? `code ${code}`})`);
    if (this.stopping || this._state !== 'ready') return; // start() and stop() handle their own exits
    this.scheduleRestart();
  }

  // Restarts count over the supervisor's lifetime: a model that keeps crashing
  // should surface as "failed" rather than flap forever.
  private scheduleRestart(): void {
    if (this.restarts >= this.o.maxRestarts) {
      this.setState('failed');
      this.emit('failed', new SupervisorError(`vllm crashed ${this.restarts + 1} times; giving up`, this.logTail()));
      return;
    }
    const wait = Math.min(this.o.backoffInitialMs * 2 ** this.restarts, this.o.backoffMaxMs);
    this.restarts++;
    this.setState('restarting');
    this.emit('restarting', { attempt: this.restarts, delayMs: wait });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.launchUntilReady().then(
        () => { if (!this.stopping) { this.setState('ready'); this.emit('ready'); } },
        () => { if (!this.stopping) this.scheduleRestart(); },
      );
    }, wait);
  }

  private signalGroup(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try { process.kill(-pid, sig); } catch { try { this.child?.kill(sig); } catch { /* already gone */ } }
  }

  private async killChild(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    this.signalGroup('SIGTERM');
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), this.o.stopGraceMs);
    await gone;
    clearTimeout(timer);
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves when the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.killChild();
    this.setState('stopped');
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
