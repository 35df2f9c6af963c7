// Renders whose duration a test decides, not the machine: documents that the
// held render worker (heldRenderWorker.ts) blocks on before or after drawing.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Give this as `workerPath` to a WorkerPool. */
export const HELD_RENDER_WORKER = join(__dirname, 'heldRenderWorker.js');

const picture = (marker: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!--${marker}--><rect width="10" height="10" fill="#36c"/></svg>`;

/** A render that takes at least `ms` milliseconds, however fast the machine is, and then draws a 10×10 square. */
export function renderTaking(ms: number): string {
  return picture(`hold-render ms=${Math.round(ms)}`);
}

let gates: string | undefined;
function gateDir(): string {
  if (!gates) {
    const dir = (gates = mkdtempSync(join(tmpdir(), 'svg-copilot-render-gates-')));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return mkdtempSync(join(gates, 'gate-'));
}

/** A render that starts, tells the test so, and runs until the test releases it — or forever. */
export class RenderGate {
  private readonly dir = gateDir();

  /** Held before resvg draws anything. */
  get svg(): string {
    return picture(`hold-render gate=${this.dir}`);
  }

  /** Held after resvg has drawn the picture, which stays in the worker's memory meanwhile. */
  get svgHeldAfterDrawing(): string {
    return picture(`hold-rendered gate=${this.dir}`);
  }

  get hasStarted(): boolean {
    return existsSync(join(this.dir, 'started'));
  }

  /** Resolves once the worker is inside the held render. */
  async started(): Promise<void> {
    while (!this.hasStarted) await new Promise((r) => setTimeout(r, 10));
  }

  release(): void {
    writeFileSync(join(this.dir, 'release'), '');
  }
}
