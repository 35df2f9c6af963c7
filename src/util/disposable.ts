// Structural match for vscode.Disposable, so code outside the extension host can use it too.
export interface IDisposable {
  dispose(): void;
}

export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return { dispose: () => { if (!done) { done = true; fn(); } } };
}

export function disposeAll(items: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const d of items) {
    try { d.dispose(); } catch (e) { errors.push(e); }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed');
}

/** Owns child disposables; disposing the owner disposes them in reverse order of registration. */
export abstract class Disposable implements IDisposable {
  private readonly _toDispose: IDisposable[] = [];
  private _isDisposed = false;

  protected get isDisposed(): boolean { return this._isDisposed; }

  protected _register<T extends IDisposable>(d: T): T {
    if (this._isDisposed) d.dispose();
    else this._toDispose.push(d);
    return d;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    disposeAll(this._toDispose.splice(0).reverse());
  }
}

/** A bag of disposables for register*() functions that return one Disposable. */
export class DisposableStore extends Disposable {
  add<T extends IDisposable>(d: T): T { return this._register(d); }
}
