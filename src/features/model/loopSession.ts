// A model session over src/core/loop: maps the loop's events and result unions
// to what the editor features show. Its own bundle (dist/loopSession.js), loaded
// only through session.ts's require, so neither the loop nor the openai client
// loads at activation. No vscode import: everything it needs is passed in.
import { critiqueOnce, refineOnce, runLoop, type LoopEvent, type LoopRenderer } from '../../core/loop';
import { ModelClient } from '../../core/model/client';
import { describeRemovals, sanitizeSvg } from '../../core/svg/sanitize';
import type { CritiqueFindings, GenerationEvent, HttpEndpoint, LoopSessionModule, ModelSession, ResolvedEndpoint, RoundSummary } from './sessionTypes';
import { splitSuggestions } from './splitSuggestions';

export const createLoopSession: LoopSessionModule['createLoopSession'] = (endpoint: ResolvedEndpoint, renderer: LoopRenderer, requestTimeoutMs: number): ModelSession => {
  const client = () => (endpoint.kind === 'vscode-lm' ? endpoint.client : createHttpClient(endpoint, requestTimeoutMs));

  return {
    async generate(prompt, settings, onEvent, signal) {
      let streamStart = 0;
      let chunks = 0;
      let streamRound = 0;
      let tokensPerSecond: number | undefined;
      const pngs = new Map<string, string>();
      const svgs = new Map<string, string>();
      const result = await runLoop(
        {
          prompt,
          client: client(),
          renderer,
          rounds: settings.rounds,
          threshold: settings.threshold,
          prompts: settings.prompts,
          candidates: settings.candidates,
          renderSize: settings.renderSize,
          allowActiveContent: settings.allowActiveContent,
        },
        (e: LoopEvent) => {
          if (e.type === 'candidateRendered') svgs.set(`${e.round}/${e.index}`, e.svg);
          const out = toGenerationEvent(e, svgs, settings.allowActiveContent);
          if (e.type === 'token') {
            // Each streamed chunk is about one token; the rate is measured per round's stream.
            if (e.round !== streamRound || e.text === e.delta) { streamRound = e.round; streamStart = performance.now(); chunks = 0; }
            chunks++;
            const seconds = (performance.now() - streamStart) / 1000;
            if (seconds > 0.05) tokensPerSecond = chunks / seconds;
            onEvent({ type: 'stream', text: e.text, tokensPerSecond });
            return;
          }
          if (e.type === 'candidateRendered') pngs.set(`${e.round}/${e.index}`, Buffer.from(e.png).toString('base64'));
          if (e.type === 'candidateDone' && e.candidate.modelMs > 0 && e.candidate.tokens > 0) {
            tokensPerSecond = e.candidate.tokens / (e.candidate.modelMs / 1000);
          }
          if (out) onEvent(out);
        },
        signal,
      );
      if (result.stopReason === 'cancelled' || signal.aborted) return { kind: 'cancelled' };
      if (!result.svg) return { kind: 'error', message: result.message ?? 'The model produced no valid SVG.' };
      const history: RoundSummary[] = result.rounds.flatMap((r) => r.candidates.map((c) => ({
        round: c.round, index: c.index, svg: c.svg, score: c.score ?? undefined, pngBase64: pngs.get(`${c.round}/${c.index}`),
      })));
      return {
        kind: 'ok',
        svg: result.svg,
        score: result.best?.score ?? undefined,
        rationale: result.rationale,
        history,
        tokensPerSecond,
        warning: result.stopReason === 'error' ? result.message : undefined,
        ...(result.removed?.length ? { removedActiveContent: describeRemovals(result.removed) } : {}),
      };
    },

    async critique(svg, goal, settings, signal) {
      const r = await critiqueOnce({ svg, prompt: goal, client: client(), renderer, renderSize: settings.renderSize, prompts: settings.prompts }, signal);
      if (r.ok) {
        const findings: CritiqueFindings = {
          score: r.score,
          critique: r.critique.trim(),
          suggestions: splitSuggestions(r.suggestions),
          critic: r.critic,
          verbatim: { critique: r.critique, suggestions: r.suggestions },
        };
        return { kind: 'ok', findings, pngBase64: Buffer.from(r.png).toString('base64') };
      }
      return r.kind === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', message: r.message };
    },

    async refine(svg, goal, findings, settings, signal) {
      const r = await refineOnce({
        svg,
        prompt: goal,
        // The critic's own strings when it wrote them; lint findings (no critic) are numbered here.
        critique: findings.verbatim?.critique ?? findings.critique,
        suggestions: findings.verbatim?.suggestions ?? findings.suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n'),
        client: client(),
        renderer,
        prompts: settings.prompts,
        allowActiveContent: settings.allowActiveContent,
        // As many tries at a usable fix as the loop has rounds for a usable draft (3 when the user set none).
        attempts: settings.rounds ?? 3,
      }, signal);
      if (r.ok) {
        return {
          kind: 'ok',
          svg: r.svg,
          rationale: r.rationale,
          ...(r.removes ? { removes: r.removes } : {}),
          ...(r.removed.length ? { removedActiveContent: describeRemovals(r.removed) } : {}),
        };
      }
      return r.kind === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', message: r.message };
    },

    async ask(request, signal) {
      const r = await client().chat({
        messages: [...(request.system ? [{ role: 'system' as const, content: request.system }] : []), { role: 'user' as const, content: request.prompt }],
        maxTokens: request.maxTokens,
        temperature: request.temperature,
      }, { signal });
      if (r.ok) return { kind: 'ok', text: r.texts[0] ?? '' };
      return r.kind === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', message: r.message };
    },
  };
};

export const createHttpClient: LoopSessionModule['createHttpClient'] = (endpoint: HttpEndpoint, requestTimeoutMs: number) =>
  new ModelClient({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, model: endpoint.model, timeoutMs: requestTimeoutMs });

function toGenerationEvent(e: LoopEvent, renderedSvgs: ReadonlyMap<string, string>, allowActiveContent: boolean): GenerationEvent | undefined {
  switch (e.type) {
    case 'roundStarted':
      return { type: 'round', round: e.round, of: e.rounds };
    case 'candidateDone':
      // A valid draft is already sanitized; the text of an invalid one is shown (and can be picked) too, so it is cleaned here.
      return { type: 'candidate', round: e.candidate.round, index: e.candidate.index, svg: e.candidate.svg ?? (allowActiveContent ? e.candidate.raw : sanitizeSvg(e.candidate.raw).svg), valid: e.candidate.valid, ...(e.candidate.blank ? { blank: true } : {}) };
    case 'critiqueReady':
      return {
        type: 'critique',
        round: e.round,
        index: e.index,
        findings: { score: e.score ?? undefined, critique: e.error ?? e.critique, suggestions: splitSuggestions(e.suggestions), critic: e.critic === 'none' ? undefined : e.critic },
        svg: renderedSvgs.get(`${e.round}/${e.index}`),
      };
    default:
      return undefined;
  }
}
