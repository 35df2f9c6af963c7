// A mutex for async work: jobs run one at a time in arrival order, and the
// next job starts only after the previous one has settled (resolved or
// thrown), so work that must not overlap never does.

export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
