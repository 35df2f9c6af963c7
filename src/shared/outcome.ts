// The one result shape of the editor features: an operation that can be
// cancelled or fail returns this value instead of throwing across layers.
// (The core's model client adds `ok` and a failure reason on top of the same
// `kind`s; see src/core/model/result.ts.)

export interface Cancelled { kind: 'cancelled' }
export interface Failed { kind: 'error'; message: string }

/** Success is `kind: 'ok'` unless the success has a name of its own (a server is 'ready'). */
export type Outcome<T extends object = object> = ({ kind: 'ok' } & T) | Cancelled | Failed;
