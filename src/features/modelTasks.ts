// The editor features' view of the model loop: generate from a prompt,
// critique one SVG, refine one SVG. Loads src/core/loop (and with it the
// openai client) lazily, on first use, so activation stays fast; and keeps the
// features independent of the loop's exact event and result shapes.
import { join } from 'node:path';
import type { LoopRenderer } from '../core/loop/types';
import type { ChatClient } from '../core/model/chatClient';
import type { IDisposable } from '../util/disposable';
import type { ResolvedEndpoint } from './endpoint';

export interface LoopSettings {
  rounds: number;
  threshold: number;
  candidates: number;
  renderSize: number;
  timeoutMs: number;
}

export interface CritiqueFindings {
  score?: number;
  critique: string;
  suggestions: string[];
  /** Which critic ran: the vision critic saw the render, the text critic read the code. */
  critic?: 'vision' | 'text';
}

export type GenerationEvent =
  | { type: 'round'; round: number }
  /** The streamed text of the first draft so far (whole text, not a delta). */
  | { type: 'stream'; text: string; tokensPerSecond?: number }
  | { type: 'candidate'; round: number; index: number; svg: string; valid: boolean; pngBase64?: string }
  | { type: 'critique'; round: number; index: number; findings: CritiqueFindings; svg?: string };

export interface RoundSummary {
  round: number;
  index: number;
  svg?: string;
  score?: number;
  pngBase64?: string;
}

export type TaskOutcome<T> =
  | ({ kind: 'ok' } & T)
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

export interface Generated {
  svg: string;
  score?: number;
  rationale?: string;
  history: RoundSummary[];
  tokensPerSecond?: number;
  /** Set when the loop ended early but still has a usable SVG (e.g. a server error in round 2). */
  warning?: string;
}

export interface Refined {
  svg: string;
  rationale?: string;
}

export interface ModelTasks {
  generate(prompt: string, settings: LoopSettings, onEvent: (e: GenerationEvent) => void, signal: AbortSignal): Promise<TaskOutcome<Generated>>;
  critique(svg: string, goal: string, settings: LoopSettings, signal: AbortSignal): Promise<TaskOutcome<{ findings: CritiqueFindings; pngBase64?: string }>>;
  refine(svg: string, goal: string, findings: CritiqueFindings, settings: LoopSettings, signal: AbortSignal): Promise<TaskOutcome<Refined>>;
  /** One plain chat answer (e.g. hover's "Explain with model"), through the same lazily loaded client. */
  ask(request: { system?: string; prompt: string; maxTokens?: number; temperature?: number }, signal: AbortSignal): Promise<TaskOutcome<{ text: string }>>;
}

/**
 * Hands out ModelTasks for an endpoint. The loop adapter (with the openai
 * client and the loop) is loaded by dynamic import on first use, so activation
 * stays fast; the isolated render pool it needs is created then too and
 * shut down with the extension.
 */
export class ModelTasksProvider implements IDisposable {
  private renderer: (LoopRenderer & IDisposable) | undefined;
  private disposed = false;

  async forEndpoint(endpoint: ResolvedEndpoint): Promise<ModelTasks> {
    const { createLoopTasks, createRenderer } = loadLoopTasks();
    if (this.disposed) throw new Error('SVG Copilot is shutting down');
    this.renderer ??= createRenderer();
    return createLoopTasks(endpoint, this.renderer);
  }

  /** A bare chat client for the endpoint (the bundled server's chat provider forwards requests through it). */
  chatClient(endpoint: ResolvedEndpoint): ChatClient {
    if (this.disposed) throw new Error('SVG Copilot is shutting down');
    return loadLoopTasks().createChatClient(endpoint);
  }

  dispose(): void {
    this.disposed = true;
    this.renderer?.dispose();
    this.renderer = undefined;
  }
}

function loadLoopTasks(): typeof import('./loopTasks') {
  // A computed path, so the extension bundle does not inline it: dist/loopTasks.js is
  // its own bundle, and in the unbundled build out/src/features/loopTasks.js sits here too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, 'loopTasks.js')) as typeof import('./loopTasks');
}
