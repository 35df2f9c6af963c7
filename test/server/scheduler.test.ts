import assert from 'node:assert/strict';
import { Scheduler, QueueFullError, ShuttingDownError } from '../../server/scheduler';

const never = new AbortController().signal;
const deferred = () => { let resolve!: () => void; const p = new Promise<void>((r) => { resolve = r; }); return { p, resolve }; };

describe('Scheduler', () => {
  it('runs at most `slots` jobs and queues the rest in order', async () => {
    const s = new Scheduler(2, 4);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = [0, 1, 2].map((i) => s.admit(1)[0](async () => { started.push(i); await gates[i].p; return i; }, never));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1]);
    assert.equal(s.running, 2);
    assert.equal(s.queued, 1);
    gates[0].resolve();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1, 2]);
    gates[1].resolve();
    gates[2].resolve();
    assert.deepEqual(await Promise.all(runs), [0, 1, 2]);
    assert.equal(s.running, 0);
  });

  it('refuses a request whose candidates do not all fit, with a Retry-After estimate', () => {
    const s = new Scheduler(1, 2);
    s.admit(3); // 1 running + 2 queued: full
    assert.throws(() => s.admit(1), (e: unknown) => e instanceof QueueFullError && e.retryAfterSeconds >= 1);
  });

  it('drops a queued job whose client went away, without using a slot', async () => {
    const s = new Scheduler(1, 2);
    const gate = deferred();
    const first = s.admit(1)[0](() => gate.p, never);
    const ac = new AbortController();
    let ran = false;
    const second = s.admit(1)[0](async () => { ran = true; }, ac.signal);
    ac.abort();
    await assert.rejects(second, /cancelled while queued/);
    assert.equal(s.queued, 0);
    gate.resolve();
    await first;
    assert.equal(ran, false);
    assert.equal(s.running, 0);
  });

  it('fails queued jobs and refuses new ones when draining', async () => {
    const s = new Scheduler(1, 2);
    const gate = deferred();
    const first = s.admit(1)[0](() => gate.p, never);
    const queued = s.admit(1)[0](async () => 1, never);
    const drained = s.drain();
    await assert.rejects(queued, ShuttingDownError);
    assert.throws(() => s.admit(1), ShuttingDownError);
    gate.resolve();
    await first;
    await drained;
  });
});
