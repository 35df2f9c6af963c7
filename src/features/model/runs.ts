// Model runs under way (generate, critique, fix): each can be cancelled, and
// their progress events can be observed. Generate, critique and fix report
// here; the tests observe it and press "Cancel" the way the progress
// notification's button does.
import type { GenerationEvent } from './sessionTypes';

export type RunKind = 'generate' | 'critique' | 'fix';

export interface RunEvent {
  kind: RunKind;
  event: GenerationEvent | { type: 'started' } | { type: 'ended' };
}

interface Running { kind: RunKind; cancel: () => void }

export interface RunHandle {
  event(e: GenerationEvent): void;
  end(): void;
}

export class ModelRuns {
  private readonly running = new Set<Running>();
  private readonly listeners = new Set<(e: RunEvent) => void>();

  begin(kind: RunKind, cancel: () => void): RunHandle {
    const run: Running = { kind, cancel };
    this.running.add(run);
    this.emit({ kind, event: { type: 'started' } });
    return {
      event: (e) => this.emit({ kind, event: e }),
      end: () => { if (this.running.delete(run)) this.emit({ kind, event: { type: 'ended' } }); },
    };
  }

  /** Cancels every running model run (of one kind, if given); returns how many. */
  cancelAll(kind?: RunKind): number {
    let n = 0;
    for (const run of this.running) if (!kind || run.kind === kind) { run.cancel(); n++; }
    return n;
  }

  get count(): number { return this.running.size; }

  onEvent(listener: (e: RunEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(e: RunEvent): void {
    for (const l of [...this.listeners]) {
      try { l(e); } catch { /* a listener's failure must not break the run */ }
    }
  }
}
