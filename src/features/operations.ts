// Model operations under way (generate, critique, fix). Lets the tests observe
// their progress events and press "Cancel" the way the progress notification's
// button does; nothing else depends on it.
import type { GenerationEvent } from './modelTasks';

export type OperationKind = 'generate' | 'critique' | 'fix';

export interface OperationEvent {
  kind: OperationKind;
  event: GenerationEvent | { type: 'started' } | { type: 'ended' };
}

interface Running { kind: OperationKind; cancel: () => void }

class Operations {
  private readonly running = new Set<Running>();
  private readonly listeners = new Set<(e: OperationEvent) => void>();

  begin(kind: OperationKind, cancel: () => void): { event(e: GenerationEvent): void; end(): void } {
    const op: Running = { kind, cancel };
    this.running.add(op);
    this.emit({ kind, event: { type: 'started' } });
    return {
      event: (e) => this.emit({ kind, event: e }),
      end: () => { if (this.running.delete(op)) this.emit({ kind, event: { type: 'ended' } }); },
    };
  }

  /** Cancels every running operation (of one kind, if given); returns how many. */
  cancelAll(kind?: OperationKind): number {
    let n = 0;
    for (const op of this.running) if (!kind || op.kind === kind) { op.cancel(); n++; }
    return n;
  }

  get count(): number { return this.running.size; }

  onEvent(listener: (e: OperationEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(e: OperationEvent): void {
    for (const l of [...this.listeners]) {
      try { l(e); } catch { /* a listener's failure must not break the operation */ }
    }
  }
}

export const activeOperations = new Operations();
