// The real lint worker (dist/lint-worker.js), except that a request whose text
// contains HOLD_FOREVER never finishes: the thread blocks until it is
// terminated. A real lint always ends, and how long a big one takes depends on
// the machine, so this is how a test gets a lint that outlasts any time limit.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';

export const HOLD_FOREVER = '<!-- this lint never finishes -->';

if (parentPort) {
  // Registered before the real worker's listener, so a held request blocks the thread before it is linted.
  parentPort.on('message', (req: { text?: unknown }) => {
    if (typeof req.text === 'string' && req.text.includes(HOLD_FOREVER)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
  // Loaded synchronously: a request posted right after the thread starts must find its listener.
  createRequire(__filename)(join(__dirname, '..', '..', '..', '..', 'dist', 'lint-worker.js'));
}
