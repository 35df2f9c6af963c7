// Admission control in front of an engine: at most `slots` jobs run, at most
// `maxQueue` wait, and a request that does not fit is refused at once (the
// HTTP layer answers 429 with Retry-After) instead of piling up. A request of
// n candidates is admitted whole or not at all.

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the server is busy: all slots are in use and the queue is full');
  }
}

export class ShuttingDownError extends Error {
  constructor() {
    super('the server is shutting down');
  }
}

interface Waiter {
  start: () => void;
  fail: (err: Error) => void;
}

export class Scheduler {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private closing = false;
  /** Recent job durations (ms), for the Retry-After estimate. */
  private readonly recent: number[] = [];

  constructor(readonly slots: number, readonly maxQueue: number) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Reserves room for `count` jobs, or throws QueueFullError / ShuttingDownError.
   * Returns one runner per job; each runs its job when a slot frees up.
   */
  admit(count: number): Array<<T>(job: () => Promise<T>, signal: AbortSignal) => Promise<T>> {
    if (this.closing) throw new ShuttingDownError();
    const free = this.slots - this.active;
    const mustWait = Math.max(0, count - free) + this.waiting.length;
    if (mustWait > this.maxQueue) throw new QueueFullError(this.retryAfter());
    // Reserve queue places now so concurrent admissions see them.
    const runners = [];
    for (let i = 0; i < count; i++) runners.push(this.reserve());
    return runners;
  }

  /** Refuses new work, fails everything queued, and waits until running jobs end. */
  async drain(): Promise<void> {
    this.closing = true;
    for (const w of this.waiting.splice(0)) w.fail(new ShuttingDownError());
    while (this.active > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private reserve(): <T>(job: () => Promise<T>, signal: AbortSignal) => Promise<T> {
    // A place is held from admission: either a slot (taken now) or a queue entry.
    let gate: Promise<void>;
    let waiter: Waiter | undefined;
    if (this.active < this.slots) {
      this.active++;
      gate = Promise.resolve();
    } else {
      gate = new Promise<void>((start, fail) => {
        waiter = { start, fail };
        this.waiting.push(waiter);
      });
    }
    return async <T>(job: () => Promise<T>, signal: AbortSignal): Promise<T> => {
      if (waiter) {
        const w = waiter;
        const onAbort = () => {
          const i = this.waiting.indexOf(w);
          if (i >= 0) { this.waiting.splice(i, 1); w.fail(new Error('cancelled while queued')); }
        };
        signal.addEventListener('abort', onAbort, { once: true });
        if (signal.aborted) onAbort();
        try { await gate; } finally { signal.removeEventListener('abort', onAbort); }
      }
      const t0 = Date.now();
      try {
        return await job();
      } finally {
        this.record(Date.now() - t0);
        this.release();
      }
    };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start(); // the slot passes straight to the next waiter
    else this.active--;
  }

  private record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > 32) this.recent.shift();
  }

  private retryAfter(): number {
    const avg = this.recent.length ? this.recent.reduce((a, b) => a + b, 0) / this.recent.length : 1000;
    return Math.max(1, Math.ceil(((this.waiting.length + 1) * avg) / this.slots / 1000));
  }
}
