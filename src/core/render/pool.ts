// A small pool of child processes that run resvg renders and svgo optimizations
// on behalf of the extension host, the CLI and the model loop. Neither library
// is safe to run in the caller's process on untrusted input (see DESIGN §4):
// resvg can abort the process from native code, and both can run for minutes
// or take gigabytes. Each job gets a time limit and the worker a memory cap;
// a worker that dies or is killed fails only its current job, and a fresh one
// is started for the next job. Each worker is sent at most one job beyond the
// one it is running, so it never sits idle for an IPC round trip between jobs;
// that job has not started, so if the worker dies it goes to the next worker.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type {
  AnalyzeOptions, AnalyzeResult, CompareOptions, CompareResult, ExplainJobResult, FailureKind, JobFailure, JobResult, OptimizeOptions, OptimizeResult,
  RenderOptions, RenderResult, WorkerReply, WorkerRequest,
} from './types';

export interface PoolOptions {
  /** Worker processes at most (default: 1 on machines with ≤ 2 cores, else 2). Started lazily. */
  size?: number;
  /** Per-job time limit in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Memory cap per worker in MiB: resident set size, and the V8 heap limit (default 1,024). */
  memoryLimitMB?: number;
  /** Inputs larger than this many UTF-8 bytes are refused without starting a job (default 32 MiB). */
  maxInputBytes?: number;
  /** The worker script; default: render-worker.js beside this bundle, or the repository's dist/ build. */
  workerPath?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MEMORY_LIMIT_MB = 1024;
export const DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024;
const MEMORY_POLL_MS = 100;
/** Loading resvg and the bundle takes ~0.1 s, seconds on a loaded machine; this bounds a start that hangs. */
export const STARTUP_LIMIT_MS = 30_000;

const JOB_LABEL: Record<WorkerRequest['job'], string> = { render: 'render', optimize: 'optimize', analyze: 'lint/explain', explain: 'explain', compare: 'comparison' };
const ENGINE: Record<WorkerRequest['job'], string> = {
  render: 'the renderer (resvg)', optimize: 'the optimizer (svgo)', analyze: 'lint/explain', explain: 'explain', compare: 'the renderer (resvg)',
};

type Outcome = JobResult;
type JobRequest = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Job {
  id: number;
  request: WorkerRequest;
  resolve: (r: Outcome) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  queuedAt: number;
  startedAt?: number;
  /** Resolved already; a reply or exit that comes later is ignored. */
  done?: boolean;
}

interface Worker {
  child: ChildProcess;
  /** The job the worker is running (its time limit runs). */
  job?: Job;
  /** Sent behind `job`; the worker starts it when it has replied to `job`. */
  next?: Job;
  timer?: NodeJS.Timeout;
  /** Set once the worker has loaded its modules; job time limits count from then. */
  ready: boolean;
  /** Why the pool killed it, when it did. */
  killReason?: 'timeout' | 'memory' | 'cancelled' | 'startup';
  stderr: string;
  exited: boolean;
}

/** Where the bundled worker lives relative to the code that starts it. */
export function locateWorkerScript(explicit?: string): { path?: string; tried: string[] } {
  const tried = explicit
    ? [explicit]
    : [
        join(__dirname, 'render-worker.js'), // dist/extension.js, dist/cli.js: the worker is bundled beside them
        join(__dirname, '..', '..', '..', '..', 'dist', 'render-worker.js'), // out/src/core/render/pool.js (tests)
        join(__dirname, '..', 'dist', 'render-worker.js'),
      ];
  return { path: tried.find((p) => existsSync(p)), tried };
}

export class WorkerPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly memoryLimitMB: number;
  private readonly maxInputBytes: number;
  private readonly workerPathOption?: string;
  private readonly workers: Worker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private memoryTimer?: NodeJS.Timeout;
  private disposed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? Math.min(2, Math.max(1, availableParallelism() - 1))));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.memoryLimitMB = options.memoryLimitMB ?? DEFAULT_MEMORY_LIMIT_MB;
    this.maxInputBytes = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
    this.workerPathOption = options.workerPath;
  }

  /** Renders SVG text to PNG. Never throws; failures come back as {ok: false}. */
  render(svg: string, options: RenderOptions = {}, signal?: AbortSignal): Promise<RenderResult> {
    return this.submit({ job: 'render', svg, options }, signal) as Promise<RenderResult>;
  }

  /** Optimizes SVG text with the safe svgo preset. Never throws. */
  optimize(svg: string, options: OptimizeOptions = {}, signal?: AbortSignal): Promise<OptimizeResult> {
    return this.submit({ job: 'optimize', svg, options }, signal) as Promise<OptimizeResult>;
  }

  /** Lints the text and explains it at the given offsets, isolated (the sweep's lint/explain stage). Never throws. */
  analyze(svg: string, options: AnalyzeOptions, signal?: AbortSignal): Promise<AnalyzeResult> {
    return this.submit({ job: 'analyze', svg, options }, signal) as Promise<AnalyzeResult>;
  }

  /** explainAt(svg, offset), isolated. Never throws. */
  explain(svg: string, offset: number, signal?: AbortSignal): Promise<ExplainJobResult> {
    return this.submit({ job: 'explain', svg, options: { offset } }, signal) as Promise<ExplainJobResult>;
  }

  /** Renders two SVGs at one size and counts the pixels that differ (before/after an optimization). Never throws. */
  compare(before: string, after: string, options: Omit<CompareOptions, 'other'> = {}, signal?: AbortSignal): Promise<CompareResult> {
    return this.submit({ job: 'compare', svg: before, options: { ...options, other: after } }, signal) as Promise<CompareResult>;
  }

  /** Kills every worker and fails queued jobs as cancelled. The pool cannot be used afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) this.finish(job, failure('cancelled', 'the renderer was shut down', job));
    for (const w of [...this.workers]) {
      if (w.next) this.finish(w.next, failure('cancelled', 'the renderer was shut down', w.next));
      if (w.job) w.killReason = 'cancelled';
      w.child.kill('SIGKILL');
    }
    this.stopMemoryWatch();
  }

  private submit(request: JobRequest, signal?: AbortSignal): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const job: Job = { id: this.nextId++, request: { ...request, id: 0 } as WorkerRequest, resolve, signal, queuedAt: performance.now() };
      job.request.id = job.id;
      if (this.disposed) return resolve(failure('cancelled', 'the renderer was shut down', job));
      if (signal?.aborted) return resolve(failure('cancelled', `${request.job} cancelled`, job));
      if (typeof request.svg !== 'string') return resolve(failure('invalid', 'input is not text', job));
      if (request.job === 'compare' && typeof request.options.other !== 'string') return resolve(failure('invalid', 'input is not text', job));
      const bytes = Buffer.byteLength(request.svg, 'utf8') + (request.job === 'compare' ? Buffer.byteLength(request.options.other, 'utf8') : 0);
      if (bytes > this.maxInputBytes) {
        return resolve(failure('invalid', `input is ${formatMB(bytes)}; the limit is ${formatMB(this.maxInputBytes)}`, job));
      }
      if (signal) {
        job.onAbort = () => this.cancel(job);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, failure('cancelled', `${job.request.job} cancelled`, job));
      return;
    }
    const w = this.workers.find((x) => x.job === job || x.next === job);
    if (!w) return;
    if (w.next === job) {
      // It has not started: answer now and let the worker's reply go unread, rather than lose the running job.
      this.finish(job, failure('cancelled', `${job.request.job} cancelled`, job));
      this.updateRef(w);
      return;
    }
    w.killReason = 'cancelled';
    w.child.kill('SIGKILL');
  }

  private pump(): void {
    while (this.queue.length && !this.disposed) {
      const idle = this.workers.find((x) => !x.job && !x.exited && !x.killReason);
      if (idle) {
        this.assign(idle, this.queue.shift()!);
        continue;
      }
      if (this.workers.length < this.size) {
        const started = this.spawn();
        if (!started.ok) {
          for (const job of this.queue.splice(0)) this.finish(job, failure('crash', started.error, job));
          return;
        }
        this.assign(started.worker, this.queue.shift()!);
        continue;
      }
      const busy = this.workers.find((x) => x.job && !x.next && !x.exited && !x.killReason);
      if (!busy) return;
      this.sendAhead(busy, this.queue.shift()!);
    }
  }

  private spawn(): { ok: true; worker: Worker } | { ok: false; error: string } {
    const located = locateWorkerScript(this.workerPathOption);
    if (!located.path) return { ok: false, error: `render worker script not found (looked for ${located.tried.join(', ')})` };
    let child: ChildProcess;
    try {
      child = fork(located.path, [], {
        execArgv: [`--max-old-space-size=${this.memoryLimitMB}`],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        // Inside VS Code, process.execPath is Electron; this makes it behave as plain Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', RUST_BACKTRACE: '0' },
      });
    } catch (e) {
      return { ok: false, error: `cannot start the render worker: ${e instanceof Error ? e.message : String(e)}` };
    }
    const w: Worker = { child, stderr: '', exited: false, ready: false };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      w.stderr = (w.stderr + d).slice(-8192);
    });
    child.on('message', (msg: WorkerReply | { ready: true }) => {
      if ('ready' in msg) this.onReady(w);
      else this.onReply(w, msg);
    });
    child.on('error', () => this.onExit(w, null, null));
    child.on('exit', (code, signal) => this.onExit(w, code, signal));
    this.workers.push(w);
    this.setIdle(w, true);
    return { ok: true, worker: w };
  }

  private assign(w: Worker, job: Job): void {
    w.job = job;
    w.killReason = undefined;
    w.stderr = '';
    this.setIdle(w, false);
    if (w.ready) this.startClock(w, job);
    else {
      w.timer = setTimeout(() => {
        w.killReason = 'startup';
        w.child.kill('SIGKILL');
      }, STARTUP_LIMIT_MS);
    }
    this.send(w, job);
    this.startMemoryWatch();
  }

  /** Queues a job in a busy worker; its clock starts when the worker answers the running job. */
  private sendAhead(w: Worker, job: Job): void {
    w.next = job;
    this.setIdle(w, false);
    this.send(w, job);
  }

  private send(w: Worker, job: Job): void {
    try {
      w.child.send(job.request);
    } catch {
      w.child.kill('SIGKILL'); // reported from the exit handler
    }
  }

  private startClock(w: Worker, job: Job): void {
    clearTimeout(w.timer);
    job.startedAt = performance.now();
    w.timer = setTimeout(() => {
      w.killReason = 'timeout';
      w.child.kill('SIGKILL');
    }, this.timeoutMs);
  }

  private onReady(w: Worker): void {
    w.ready = true;
    if (w.job) this.startClock(w, w.job);
  }

  private onReply(w: Worker, reply: WorkerReply): void {
    const job = w.job;
    if (!job || reply.id !== job.id) return;
    clearTimeout(w.timer);
    if (w.killReason) {
      w.job = undefined; // killed as it answered: the queued job goes to the next worker from the exit handler
    } else {
      w.job = w.next;
      w.next = undefined;
      w.stderr = '';
      // The worker reads its next request only after this reply, so that job starts now.
      if (w.job) this.startClock(w, w.job);
    }
    this.updateRef(w);
    this.finish(job, reply.result);
    this.pump();
  }

  private onExit(w: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    if (w.exited) return;
    w.exited = true;
    clearTimeout(w.timer);
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    const job = w.job;
    const next = w.next;
    w.job = undefined;
    w.next = undefined;
    if (job && !job.done) this.finish(job, this.explainExit(w, job, code, signal));
    // The queued job never started: it goes first to the next worker.
    if (next && !next.done) {
      if (this.disposed) this.finish(next, failure('cancelled', 'the renderer was shut down', next));
      else this.queue.unshift(next);
    }
    if (!this.workers.some((x) => x.job)) this.stopMemoryWatch();
    this.pump();
  }

  private explainExit(w: Worker, job: Job, code: number | null, signal: NodeJS.Signals | null): JobFailure {
    const what = JOB_LABEL[job.request.job];
    switch (w.killReason) {
      case 'timeout':
        return failure('timeout', `${what} took longer than ${formatSeconds(this.timeoutMs)} and was stopped`, job);
      case 'memory':
        return failure('memory', `${what} needed more than ${this.memoryLimitMB} MB of memory and was stopped`, job);
      case 'cancelled':
        return failure('cancelled', this.disposed ? 'the renderer was shut down' : `${what} cancelled`, job);
      case 'startup':
        return failure('crash', `the isolated worker did not start within ${formatSeconds(STARTUP_LIMIT_MS)}`, job);
    }
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(w.stderr)) {
      return failure('memory', `${what} needed more than ${this.memoryLimitMB} MB of memory and was stopped`, job);
    }
    const panic = /panicked at[^\n]*\n([^\n]+)/.exec(w.stderr)?.[1]?.trim();
    const lastError = w.stderr.split('\n').map((l) => l.trim()).find((l) => /error/i.test(l) && !/^\s*at /.test(l));
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const detail = panic ?? lastError;
    return failure('crash', `${ENGINE[job.request.job]} crashed on this document (${how})${detail ? `: ${detail.slice(0, 200)}` : ''}`, job);
  }

  private finish(job: Job, result: Outcome): void {
    if (job.done) return;
    job.done = true;
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    job.resolve(result);
  }

  /** A worker busy only with jobs already answered (cancelled while queued in it) counts as idle. */
  private updateRef(w: Worker): void {
    this.setIdle(w, !(w.job && !w.job.done) && !(w.next && !w.next.done));
  }

  /** Idle workers must not keep the caller's process alive. */
  private setIdle(w: Worker, idle: boolean): void {
    const channel = w.child.channel as { ref?: () => void; unref?: () => void } | undefined;
    if (idle) {
      w.child.unref();
      channel?.unref?.();
    } else {
      w.child.ref();
      channel?.ref?.();
    }
  }

  // resvg allocates natively, outside the V8 heap limit, so the cap is enforced
  // on the resident set size of the whole process.
  private startMemoryWatch(): void {
    if (this.memoryTimer || process.platform !== 'linux') return;
    this.memoryTimer = setInterval(() => {
      for (const w of this.workers) {
        if (!w.job || w.exited || w.child.pid === undefined) continue;
        const rss = residentMB(w.child.pid);
        if (rss !== undefined && rss > this.memoryLimitMB) {
          w.killReason = 'memory';
          w.child.kill('SIGKILL');
        }
      }
    }, MEMORY_POLL_MS);
    this.memoryTimer.unref();
  }

  private stopMemoryWatch(): void {
    clearInterval(this.memoryTimer);
    this.memoryTimer = undefined;
  }
}

function residentMB(pid: number): number | undefined {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return (pages * 4096) / (1024 * 1024);
  } catch {
    return undefined;
  }
}

function failure(kind: FailureKind, error: string, job: Job): JobFailure {
  return { ok: false, kind, error, ms: performance.now() - (job.startedAt ?? job.queuedAt) };
}

function formatMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
