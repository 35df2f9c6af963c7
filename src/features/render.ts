// The extension's one render service: a single isolated resvg worker process
// (src/core/render/pool.ts) shared by the preview's PNG export, hover
// thumbnails, the model loop and the chat tools (which also optimize with svgo
// there). The process starts on the first job.
import { WorkerPool } from '../core/render/pool';
import type { CompareOptions, CompareResult, OptimizeOptions, OptimizeResult, RenderOptions, RenderResult } from '../core/render/types';
import type { IDisposable } from '../util/disposable';

export interface RenderService {
  render(svg: string, options: RenderOptions, signal?: AbortSignal): Promise<RenderResult>;
  optimize(svg: string, options?: OptimizeOptions, signal?: AbortSignal): Promise<OptimizeResult>;
  compare(before: string, after: string, options?: Omit<CompareOptions, 'other'>, signal?: AbortSignal): Promise<CompareResult>;
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
    return this.ensurePool().render(svg, options, signal);
  }

  optimize(svg: string, options: OptimizeOptions = {}, signal?: AbortSignal): Promise<OptimizeResult> {
    return this.ensurePool().optimize(svg, options, signal);
  }

  /** Two renders at one size and their differing pixels (Optimize SVG's picture check). */
  compare(before: string, after: string, options: Omit<CompareOptions, 'other'> = {}, signal?: AbortSignal): Promise<CompareResult> {
    return this.ensurePool().compare(before, after, options, signal);
  }

  private ensurePool(): WorkerPool {
    return (this.pool ??= new WorkerPool({ size: 1, ...this.limits() }));
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }
}
