// Generates a round's drafts: one request with `n` choices where the endpoint
// supports it, else parallel requests (bounded). The first draft's text is
// streamed to a listener. A failed request is retried once when a second try
// may help; what arrived before a final failure is kept (it may be repairable).
import type { ChatClient } from '../model/chatClient';
import type { ChatMessage } from '../model/client';
import { isRetryable } from '../model/result';
import type { SamplingSettings } from '../model/prompts';
import { mapLimit } from './concurrency';

export interface Draft {
  raw: string;
  tokens: number;
  /** The server reported `tokens`, or they were counted one per streamed chunk. */
  tokensFrom?: 'server' | 'stream';
  /** Wall time of the request(s) that produced it. */
  ms: number;
  /** The request failed (after its retry); `raw` holds what arrived before. */
  error?: string;
  cancelled?: boolean;
}

export interface DraftRequest {
  client: ChatClient;
  messages: ChatMessage[];
  settings: SamplingSettings;
  count: number;
  /** Ask for all drafts in one request with `n`. */
  useN: boolean;
  concurrency: number;
  /** Draft i gets seed + i. */
  seed?: number;
  extraBody?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Text of draft 0 as it streams; `text` restarts from '' when the request starts over. */
  onToken?: (delta: string, text: string) => void;
  onNotice?: (message: string) => void;
}

export async function generateDrafts(req: DraftRequest): Promise<Draft[]> {
  let streamed = '';
  const stream = (delta: string) => {
    streamed += delta;
    req.onToken?.(delta, streamed);
  };
  const restart = () => {
    streamed = '';
    req.onToken?.('', '');
  };

  const call = async (n: number, seed: number | undefined, first: boolean) => {
    const attempt = () =>
      req.client.chat(
        {
          messages: req.messages,
          temperature: req.settings.temperature,
          maxTokens: req.settings.maxTokens,
          topP: req.settings.topP,
          seed,
          n,
          stream: true,
          extraBody: req.extraBody,
        },
        {
          signal: req.signal,
          onDelta: first ? (delta, choice) => choice === 0 && stream(delta) : undefined,
          onRestart: first ? restart : undefined,
        },
      );
    const started = performance.now();
    let res = await attempt();
    if (!res.ok && res.kind === 'error' && isRetryable(res) && !req.signal?.aborted) {
      req.onNotice?.(`${res.message} Retrying once.`);
      if (first) restart();
      res = await attempt();
    }
    return { res, ms: performance.now() - started };
  };

  if (req.useN && req.count > 1) {
    const { res, ms } = await call(req.count, req.seed, true);
    if (!res.ok) {
      return Array.from({ length: req.count }, (_, i) =>
        res.kind === 'cancelled'
          ? { raw: i === 0 ? streamed : '', tokens: 0, ms, cancelled: true }
          : { raw: i === 0 ? (res.partialText ?? '') : '', tokens: 0, ms, error: res.message },
      );
    }
    const total = res.texts.reduce((s, t) => s + t.length, 0) || 1;
    return Array.from({ length: req.count }, (_, i) => {
      const raw = res.texts[i] ?? '';
      return { raw, tokens: Math.round((res.completionTokens * raw.length) / total), tokensFrom: res.completionTokensFrom, ms };
    });
  }

  return mapLimit(
    Array.from({ length: req.count }, (_, i) => i),
    req.concurrency,
    async (i): Promise<Draft> => {
      if (req.signal?.aborted) return { raw: '', tokens: 0, ms: 0, cancelled: true };
      const { res, ms } = await call(1, req.seed === undefined ? undefined : req.seed + i, i === 0);
      if (res.ok) return { raw: res.texts[0] ?? '', tokens: res.completionTokens, tokensFrom: res.completionTokensFrom, ms };
      if (res.kind === 'cancelled') return { raw: i === 0 ? streamed : '', tokens: 0, ms, cancelled: true };
      return { raw: res.partialText ?? '', tokens: 0, ms, error: res.message };
    },
  );
}
