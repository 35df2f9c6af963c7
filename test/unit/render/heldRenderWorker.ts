// The real render worker (dist/render-worker.js) with one fault added: a render
// can be held. How long a real render takes depends on the machine and its
// load, so tests that race a render against a time limit, or that need a job
// to be still running when they act, hold it instead (see heldRender.ts for the
// markers). Everything else — parsing, sizing, the drawing itself, the replies
// — is the real worker's.
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const load = createRequire(__filename);
const resvg = load('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
const RealResvg = resvg.Resvg;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

/** Blocks the worker the way a long native render does: it reads no message meanwhile. */
function hold(spec: string): void {
  const timed = /^ms=(\d+)$/.exec(spec);
  if (timed) {
    const until = performance.now() + Number(timed[1]);
    while (performance.now() < until) sleep(until - performance.now());
    return;
  }
  const gate = /^gate=(.+)$/.exec(spec)?.[1];
  if (!gate) throw new Error(`unknown hold "${spec}"`);
  writeFileSync(join(gate, 'started'), '');
  while (!existsSync(join(gate, 'release'))) sleep(5);
}

class HeldResvg extends RealResvg {
  private readonly before?: string;
  private readonly after?: string;
  constructor(svg: string | Buffer, options?: ConstructorParameters<typeof RealResvg>[1]) {
    super(svg, options);
    const text = String(svg);
    this.before = /<!--hold-render (.+?)-->/.exec(text)?.[1];
    this.after = /<!--hold-rendered (.+?)-->/.exec(text)?.[1];
  }

  override render(): ReturnType<InstanceType<typeof RealResvg>['render']> {
    if (this.before) hold(this.before);
    const image = super.render();
    if (this.after) hold(this.after); // the picture is drawn and in memory while it holds
    return image;
  }
}

// The bundled worker reads resvg's exports when it renders, so it gets this class.
(resvg as { Resvg: unknown }).Resvg = HeldResvg;
load(join(__dirname, '..', '..', '..', '..', 'dist', 'render-worker.js'));
