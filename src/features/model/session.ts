// Hands out model sessions. The implementation (the loop and the openai
// client, ~0.5 MB) is its own bundle, dist/loopSession.js, loaded by require
// on first use so activation stays fast; it renders through the extension's
// one render service.
import { join } from 'node:path';
import type { LoopRenderer } from '../../core/loop/types';
import type { IDisposable } from '../../util/disposable';
import type { ChatClient } from '../../core/model/chatClient';
import type { HttpEndpoint, LoopSessionModule, ModelSession, ResolvedEndpoint } from './sessionTypes';

export class ModelSessions implements IDisposable {
  private disposed = false;

  constructor(private readonly renderer: LoopRenderer, private readonly requestTimeoutMs: () => number) {}

  forEndpoint(endpoint: ResolvedEndpoint): ModelSession {
    const { createLoopSession } = this.load();
    return createLoopSession(endpoint, this.renderer, this.requestTimeoutMs());
  }

  /** A bare chat client for an HTTP endpoint, through the same lazily loaded bundle. */
  httpClient(endpoint: HttpEndpoint): ChatClient {
    return this.load().createHttpClient(endpoint, this.requestTimeoutMs());
  }

  private load(): LoopSessionModule {
    if (this.disposed) throw new Error('SVG Copilot is shutting down');
    // A computed path, so the extension bundle does not inline it: dist/loopSession.js is its own
    // bundle, and in the unbundled build out/src/features/model/loopSession.js sits beside this file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(join(__dirname, 'loopSession.js')) as LoopSessionModule;
  }

  dispose(): void {
    this.disposed = true;
  }
}
