// The extension's one render service: a single isolated resvg worker process
// (src/core/render/pool.ts) shared by the preview's PNG export, hover
// thumbnails and the model loop. The process starts on the first render.
import { WorkerPool } from '../core/render/pool';
import type { RenderOptions, RenderResult } from '../core/render/types';
import type { IDisposable } from '../util/disposable';

export interface RenderService {
  render(svg: string, options: RenderOptions, signal?: AbortSignal): Promise<RenderResult>;
}

export interface RenderLimits {
  timeoutMs: number;
  memoryLimitMB: number;
}

export class SharedRenderer implements RenderService, IDisposable {
  private pool: WorkerPool | undefined;

  /** `limits` is read when the process starts, so setting changes apply after a restart of the worker. */
  constructor(private readonly limits: () => RenderLimits) {}

  render(svg: string, options: RenderOptions, signal?: AbortSignal): Promise<RenderResult> {
    this.pool ??= new WorkerPool({ size: 1, ...this.limits() });
    return this.pool.render(svg, options, signal);
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }
}
