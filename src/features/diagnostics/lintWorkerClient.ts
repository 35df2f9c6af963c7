// Runs lint for big documents in a worker thread (dist/lint-worker.js), so the
// extension host stays responsive; a lint past its time limit is stopped by
// terminating the worker, which is recreated on the next request.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../../core/lint';
import type { LintRequest, LintResponse } from '../../core/lint/worker';

export type WorkerLintResult = { ok: true; findings: Finding[] } | { ok: false; reason: 'timeout' | 'failed'; message: string };

interface Pending {
  resolve: (r: WorkerLintResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class LintWorkerClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly file: string, private readonly timeoutMs = 10_000) {}

  /** The worker next to the running bundle, when it was built. */
  static beside(dir: string): LintWorkerClient | undefined {
    const file = join(dir, 'lint-worker.js');
    return existsSync(file) ? new LintWorkerClient(file) : undefined;
  }

  lint(text: string): Promise<WorkerLintResult> {
    if (this.disposed) return Promise.resolve({ ok: false, reason: 'failed', message: 'lint worker disposed' });
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail('timeout', `lint took longer than ${this.timeoutMs / 1000} s`), this.timeoutMs);
      this.pending.set(id, { resolve, timer });
      const request: LintRequest = { id, text };
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', (r: LintResponse) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      clearTimeout(p.timer);
      p.resolve({ ok: true, findings: r.findings });
    });
    worker.on('error', (e) => this.fail('failed', e.message));
    worker.on('exit', (code) => { if (this.worker === worker) this.fail('failed', `lint worker exited with code ${code}`); });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Ends every pending request with the reason and drops the worker (a fresh one starts on demand). */
  private fail(reason: 'timeout' | 'failed', message: string): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, reason, message });
    }
    this.pending.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.fail('failed', 'lint worker disposed');
  }
}
