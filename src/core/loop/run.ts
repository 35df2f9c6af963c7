// The introspective loop (IntroSVG's recipe, made dependable):
// generate → render (200 px on white) → critique → refine, keeping the best.
//
// Entry points (all never throw; cancellation through the AbortSignal):
//
//   runLoop(options: LoopOptions, onEvent?: LoopListener, signal?: AbortSignal): Promise<LoopResult>
//     Round 1 generates `candidates` drafts (default 1); each valid draft is rendered
//     and critiqued. Stops when the best score ≥ `threshold` (default 8) or after
//     `rounds` rounds (default 3); otherwise the next round refines the best draft
//     (or, when none is valid yet, the latest broken one from its error). Returns the
//     best-scoring valid SVG seen (not the last) with the full history.
//     Events: roundStarted, token (first candidate's stream), candidateRendered (PNG),
//     critiqueReady, candidateDone, notice, done.
//
//   critiqueOnce(options: CritiqueOnceOptions, signal?): Promise<CritiqueOnceResult>
//     Render + critic for one existing SVG (the editor's "Critique SVG").
//
//   refineOnce(options: RefineOnceOptions, signal?): Promise<RefineOnceResult>
//     One refinement of an SVG from a critique (the editor's "Apply Fix"); the
//     answer is extracted, repaired and checked by parse and render.
//
// Failure rules: an invalid or cut-off draft is repaired or scored 0 and refined
// from its error; a critic failure leaves the draft unscored and the loop goes on;
// a failed request is retried once, then the loop ends with the best valid SVG so
// far and a clear message; cancellation returns promptly with what exists.
import { SVG_GRAMMAR_BODY, capabilitiesOf, type Capabilities, type CapabilityCache } from '../model/capabilities';
import type { ChatClient } from '../model/chatClient';
import { extractSvg } from '../model/extract';
import { GENERATOR_SETTINGS, REFINER_SETTINGS, CRITIC_RENDER_SIZE, generatorMessages, refinerMessages, type SamplingSettings } from '../model/prompts';
import type { Finding } from '../lint/types';
import { mapLimit } from './concurrency';
import { generateDrafts, type Draft } from './drafts';
import { checkAnswer, runCritic, safeLint } from './evaluate';
import type { CriticKind, LoopCandidate, LoopListener, LoopOptions, LoopResult, LoopRound, StopReason, LoopRenderer } from './types';

export type * from './types';

const DEFAULTS = { rounds: 3, threshold: 8, candidates: 1 } as const;

export async function runLoop(options: LoopOptions, onEvent?: LoopListener, signal?: AbortSignal): Promise<LoopResult> {
  const started = performance.now();
  const emit: LoopListener = (e) => {
    try {
      onEvent?.(e);
    } catch {
      // The UI's listener must not break the loop.
    }
  };
  const rounds = clampInt(options.rounds ?? DEFAULTS.rounds, 1, 50);
  const threshold = Math.min(10, Math.max(0, options.threshold ?? DEFAULTS.threshold));
  const count = clampInt(options.candidates ?? DEFAULTS.candidates, 1, 16);
  const concurrency = clampInt(options.concurrency ?? Math.min(count, 4), 1, 16);
  const size = options.renderSize ?? CRITIC_RENDER_SIZE;
  const history: LoopRound[] = [];
  const brokenText = new Map<LoopCandidate, string>();
  let critic: CriticKind = 'none';
  let caps: Capabilities | undefined = options.capabilities;

  const finish = (stopReason: StopReason, why?: string): LoopResult => {
    const best = pickBest(history);
    let message = why;
    if (stopReason === 'cancelled') message = best ? 'Cancelled.' : 'Cancelled before any valid SVG was made.';
    if (best && (stopReason === 'cancelled' || stopReason === 'error')) {
      message = `${message} Kept the best valid SVG so far (round ${best.round}${best.score === null ? ', unscored' : `, score ${best.score}`}).`;
    }
    if (!best && stopReason !== 'cancelled' && stopReason !== 'error') {
      const last = history.at(-1)?.candidates.find((c) => c.error)?.error;
      message = `No valid SVG after ${history.length} round${history.length === 1 ? '' : 's'}${last ? `: ${last}` : '.'}`;
    }
    const result: LoopResult = {
      prompt: options.prompt,
      svg: best?.svg,
      best: best && { round: best.round, index: best.index, score: best.score },
      rationale: best?.rationale,
      rounds: history,
      stopReason,
      message,
      critic,
      capabilities: caps,
      tokens: history.reduce((s, r) => s + r.candidates.reduce((t, c) => t + c.tokens, 0), 0),
      ms: performance.now() - started,
    };
    emit({ type: 'done', result });
    return result;
  };

  if (!caps) {
    const probed = await capabilitiesOf(options.client, signal, options.capabilityCache);
    if (!probed.ok) return probed.kind === 'cancelled' ? finish('cancelled') : finish('error', probed.message);
    caps = probed.capabilities;
  }
  critic = chooseCritic(options.critic, caps, (m) => emit({ type: 'notice', message: m }));
  const extraBody = caps.svgGrammar ? { ...SVG_GRAMMAR_BODY } : undefined;

  for (let round = 1; round <= rounds; round++) {
    if (signal?.aborted) return finish('cancelled');
    const roundStarted = performance.now();
    const target = round === 1 ? undefined : refineTarget(history);
    const kind = target ? 'refine' : 'generate';
    const n = round === 1 ? count : 1;
    emit({ type: 'roundStarted', round, kind, candidates: n });

    const settings: SamplingSettings = target ? { ...REFINER_SETTINGS, ...options.sampling?.refiner } : { ...GENERATOR_SETTINGS, ...options.sampling?.generator };
    const messages = target
      ? refinerMessages({
          goal: options.prompt,
          svg: target.svg ?? brokenText.get(target) ?? target.raw,
          critique: target.critique || undefined,
          suggestions: target.suggestions || undefined,
          findings: target.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
          error: target.valid ? undefined : target.error,
        })
      : generatorMessages(options.prompt);
    const seed = options.seed === undefined ? undefined : options.seed + (round - 1) * 1000;

    const drafts = await generateDrafts({
      client: options.client,
      messages,
      settings,
      count: n,
      useN: caps.multipleChoices,
      concurrency,
      seed,
      extraBody,
      signal,
      onToken: (delta, text) => emit({ type: 'token', round, index: 0, delta, text }),
      onNotice: (message) => emit({ type: 'notice', message }),
    });
    const generationMs = performance.now() - roundStarted;
    if (signal?.aborted || drafts.some((d) => d.cancelled)) return finish('cancelled');

    let criticWall = 0;
    const candidates = await mapLimit(drafts, concurrency, async (draft, index) => {
      const c = await evaluateDraft(draft, round, index);
      criticWall = Math.max(criticWall, c.modelMs - draft.ms);
      return c;
    });
    history.push({ round, kind, candidates, ms: performance.now() - roundStarted, modelMs: generationMs + criticWall });
    if (signal?.aborted) return finish('cancelled');

    const failedRequest = drafts.find((d) => d.error);
    if (failedRequest) return finish('error', failedRequest.error);
    const best = pickBest(history);
    if (best?.score != null && best.score >= threshold) return finish('threshold');
  }
  return finish('rounds');

  async function evaluateDraft(draft: Draft, round: number, index: number): Promise<LoopCandidate> {
    const t0 = performance.now();
    const checked = await checkAnswer(draft.raw, options.renderer, size, signal);
    const x = checked.extraction;
    const repairs = draft.error && checked.valid ? [...x.repairs, `recovered from a failed request (${draft.error})`] : x.repairs;
    const base = {
      round,
      index,
      raw: draft.raw,
      source: x.source,
      repairs,
      rationale: x.rationale,
      findings: checked.findings,
      tokens: draft.tokens,
    };
    let candidate: LoopCandidate;
    if (!checked.valid || !x.svg || !checked.png) {
      const error = draft.error && !draft.raw ? draft.error : (checked.error ?? 'The draft is not valid SVG.');
      candidate = { ...base, valid: false, score: 0, critique: '', suggestions: '', critic: 'none', error, ms: 0, modelMs: draft.ms };
      if (x.raw) brokenText.set(candidate, x.raw);
    } else {
      emit({ type: 'candidateRendered', round, index, svg: x.svg, png: checked.png, width: checked.width ?? size, height: checked.height ?? size });
      const verdict =
        critic === 'none'
          ? undefined
          : await runCritic({
              client: options.client,
              capabilities: caps!,
              kind: critic,
              prompt: options.prompt,
              svg: x.svg,
              png: checked.png,
              findings: checked.findings,
              seed: options.seed,
              sampling: options.sampling?.critic,
              signal,
            });
      const scored = verdict?.ok ? verdict.critique : undefined;
      candidate = {
        ...base,
        svg: x.svg,
        valid: true,
        score: scored ? scored.score : null,
        critique: scored?.critique ?? '',
        suggestions: scored?.suggestions ?? '',
        critic: verdict ? verdict.critic : 'none',
        criticError: verdict && !verdict.ok ? verdict.error : undefined,
        ms: 0,
        modelMs: draft.ms + (verdict?.ms ?? 0),
      };
      if (verdict && !(!verdict.ok && verdict.cancelled)) {
        emit({ type: 'critiqueReady', round, index, score: candidate.score, critique: candidate.critique, suggestions: candidate.suggestions, critic: candidate.critic, error: candidate.criticError });
      }
    }
    candidate.ms = draft.ms + (performance.now() - t0);
    emit({ type: 'candidateDone', candidate });
    return candidate;
  }
}

function chooseCritic(wanted: LoopOptions['critic'], caps: Capabilities, notice: (m: string) => void): Exclude<CriticKind, 'none'> {
  if (wanted === 'text') return 'text';
  if (wanted === 'vision' && !caps.images) notice('The endpoint takes no image input; the critic reads the SVG code instead of the render.');
  return caps.images ? 'vision' : 'text';
}

/** The best valid candidate: highest score, unscored below any score, later rounds winning ties. */
export function pickBest(history: readonly LoopRound[]): LoopCandidate | undefined {
  let best: LoopCandidate | undefined;
  let bestRank = -Infinity;
  for (const round of history) {
    for (const c of round.candidates) {
      if (!c.valid || !c.svg) continue;
      const rank = c.score ?? -1;
      if (rank >= bestRank) {
        best = c;
        bestRank = rank;
      }
    }
  }
  return best;
}

/** What the next round refines: the best valid draft, else the latest broken draft that has any SVG text. */
function refineTarget(history: readonly LoopRound[]): LoopCandidate | undefined {
  const best = pickBest(history);
  if (best) return best;
  for (let r = history.length - 1; r >= 0; r--) {
    const broken = history[r].candidates.find((c) => c.raw.trim());
    if (broken) return broken;
  }
  return undefined;
}

function clampInt(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : lo;
}

// ─── One-shot entry points for the editor ───────────────────────────────────

export interface CritiqueOnceOptions {
  svg: string;
  /** What the SVG should show; default: its <title>/<desc>, else "an icon". */
  prompt?: string;
  client: ChatClient;
  renderer: LoopRenderer;
  critic?: 'auto' | 'vision' | 'text';
  capabilities?: Capabilities;
  capabilityCache?: CapabilityCache;
  renderSize?: number;
  seed?: number;
}

export type CritiqueOnceResult =
  | {
      ok: true;
      score: number;
      critique: string;
      suggestions: string;
      critic: Exclude<CriticKind, 'none'>;
      /** Lint findings on the SVG (deterministic). */
      findings: Finding[];
      /** The render the critic judged (200 px on white). */
      png: Uint8Array;
      prompt: string;
      ms: number;
    }
  | { ok: false; kind: 'cancelled' }
  | { ok: false; kind: 'error'; message: string; findings: Finding[]; png?: Uint8Array };

export async function critiqueOnce(options: CritiqueOnceOptions, signal?: AbortSignal): Promise<CritiqueOnceResult> {
  const started = performance.now();
  const size = options.renderSize ?? CRITIC_RENDER_SIZE;
  const checked = await checkAnswer(options.svg, options.renderer, size, signal);
  if (checked.cancelled || signal?.aborted) return { ok: false, kind: 'cancelled' };
  if (!checked.valid || !checked.png || !checked.extraction.svg) {
    return { ok: false, kind: 'error', message: checked.error ?? 'The SVG is not valid.', findings: checked.findings };
  }
  let caps = options.capabilities;
  if (!caps) {
    const probed = await capabilitiesOf(options.client, signal, options.capabilityCache);
    if (!probed.ok) return probed.kind === 'cancelled' ? probed : { ok: false, kind: 'error', message: probed.message, findings: checked.findings, png: checked.png };
    caps = probed.capabilities;
  }
  const prompt = options.prompt?.trim() || describeSvg(options.svg);
  const verdict = await runCritic({
    client: options.client,
    capabilities: caps,
    kind: chooseCritic(options.critic, caps, () => undefined),
    prompt,
    svg: checked.extraction.svg,
    png: checked.png,
    findings: checked.findings,
    seed: options.seed,
    signal,
  });
  if (!verdict.ok) {
    if (verdict.cancelled) return { ok: false, kind: 'cancelled' };
    return { ok: false, kind: 'error', message: verdict.error, findings: checked.findings, png: checked.png };
  }
  return { ok: true, ...verdict.critique, critic: verdict.critic, findings: checked.findings, png: checked.png, prompt, ms: performance.now() - started };
}

export interface RefineOnceOptions {
  svg: string;
  /** What the SVG should show; default: its <title>/<desc>, else "an icon". */
  prompt?: string;
  critique?: string;
  suggestions?: string;
  client: ChatClient;
  renderer: LoopRenderer;
  capabilities?: Capabilities;
  capabilityCache?: CapabilityCache;
  seed?: number;
  /** The fix as it streams; `text` restarts from '' after a retry. */
  onToken?: (delta: string, text: string) => void;
}

export type RefineOnceResult =
  | {
      ok: true;
      /** The fixed SVG: well-formed and rendering. */
      svg: string;
      rationale?: string;
      repairs: string[];
      findings: Finding[];
      tokens: number;
      ms: number;
    }
  | { ok: false; kind: 'cancelled' }
  | { ok: false; kind: 'error'; message: string; raw?: string };

export async function refineOnce(options: RefineOnceOptions, signal?: AbortSignal): Promise<RefineOnceResult> {
  const started = performance.now();
  let caps = options.capabilities;
  if (!caps) {
    const probed = await capabilitiesOf(options.client, signal, options.capabilityCache);
    if (!probed.ok) return probed.kind === 'cancelled' ? probed : { ok: false, kind: 'error', message: probed.message };
    caps = probed.capabilities;
  }
  const current = checkSource(options.svg);
  const drafts = await generateDrafts({
    client: options.client,
    messages: refinerMessages({
      goal: options.prompt?.trim() || describeSvg(options.svg),
      svg: options.svg,
      critique: options.critique,
      suggestions: options.suggestions,
      findings: current.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
      error: current.error,
    }),
    settings: REFINER_SETTINGS,
    count: 1,
    useN: false,
    concurrency: 1,
    seed: options.seed,
    extraBody: caps.svgGrammar ? { ...SVG_GRAMMAR_BODY } : undefined,
    signal,
    onToken: options.onToken,
  });
  const draft = drafts[0];
  if (draft.cancelled || signal?.aborted) return { ok: false, kind: 'cancelled' };
  const checked = await checkAnswer(draft.raw, options.renderer, CRITIC_RENDER_SIZE, signal);
  if (checked.cancelled) return { ok: false, kind: 'cancelled' };
  if (!checked.valid || !checked.extraction.svg) {
    const why = draft.error ?? checked.error ?? 'no valid SVG';
    return { ok: false, kind: 'error', message: `The model's fix is not usable: ${why}`, raw: draft.raw };
  }
  return {
    ok: true,
    svg: checked.extraction.svg,
    rationale: checked.extraction.rationale,
    repairs: checked.extraction.repairs,
    findings: checked.findings,
    tokens: draft.tokens,
    ms: performance.now() - started,
  };
}

/** Lint findings and the parse error, if any, of an SVG the user wrote. */
function checkSource(svg: string): { findings: Finding[]; error?: string } {
  return { findings: safeLint(svg), error: extractSvg(svg).error };
}

/** A description for the critic when the user gave none: the SVG's own <title>/<desc>. */
export function describeSvg(svg: string): string {
  const pick = (tag: string) => new RegExp(`<${tag}[^>]*>([^<]{1,300})</${tag}>`, 'i').exec(svg)?.[1]?.trim();
  return pick('title') || pick('desc') || 'an icon';
}
