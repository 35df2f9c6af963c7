// The introspective loop (IntroSVG's recipe, made dependable):
// generate → render (200 px on white) → critique → refine, keeping the best.
//
// Entry points (all never throw; cancellation through the AbortSignal):
//
//   runLoop(options: LoopOptions, onEvent?: LoopListener, signal?: AbortSignal): Promise<LoopResult>
//     Speaks the model's prompt profile (`prompts`: auto picks introsvg when the
//     model id names IntroSVG, else generic), which also sets the sampling and
//     the defaults for `rounds` (generic 3, introsvg 4: a draft and 3 refinements)
//     and `threshold` (generic 8, introsvg 9.5). Round 1 generates `candidates`
//     drafts (default 1); each valid draft is rendered and critiqued, the last
//     allowed round's critique with the profile's final-critic settings. A draft
//     that renders blank is refused without a critic call. Stops when the best
//     score ≥ threshold or after `rounds` rounds; otherwise the next round refines
//     the best draft (or, when none is valid yet, the latest broken or blank one).
//     Returns the best-scoring valid SVG seen (not the last) with the full history.
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
// from its error; a blank draft is never the result; a critic failure leaves the draft unscored and the loop goes on;
// a failed request is retried once, then the loop ends with the best valid SVG so
// far and a clear message; cancellation returns promptly with what exists.
import { SVG_GRAMMAR_BODY, capabilitiesOf, type Capabilities, type CapabilityCache } from '../model/capabilities';
import type { ChatClient } from '../model/chatClient';
import { extractSvg } from '../model/extract';
import { CRITIC_BACKGROUND, CRITIC_RENDER_SIZE, type PromptProfile, type PromptProfileChoice, type SamplingSettings } from '../model/prompts';
import { choosePromptProfile } from '../model/profiles/choose';
import type { Finding } from '../lint/types';
import { BLANK_INK_FRACTION, inkLost, type Ink } from '../render/ink';
import { parseSvg } from '../svg/parse';
import type { Removal } from '../svg/sanitize';
import { allElements } from '../svg/query';
import { mapLimit } from './concurrency';
import { generateDrafts, type Draft } from './drafts';
import { BLANK_DRAWING_ERROR, checkAnswer, runCritic, safeLint } from './evaluate';
import type { CriticKind, LoopCandidate, LoopListener, LoopOptions, LoopResult, LoopRound, StopReason, LoopRenderer } from './types';

export type * from './types';

const DEFAULTS = { candidates: 1 } as const;

export async function runLoop(options: LoopOptions, onEvent?: LoopListener, signal?: AbortSignal): Promise<LoopResult> {
  const started = performance.now();
  const emit: LoopListener = (e) => {
    try {
      onEvent?.(e);
    } catch {
      // The UI's listener must not break the loop.
    }
  };
  const count = clampInt(options.candidates ?? DEFAULTS.candidates, 1, 16);
  const concurrency = clampInt(options.concurrency ?? Math.min(count, 4), 1, 16);
  const size = options.renderSize ?? CRITIC_RENDER_SIZE;
  const history: LoopRound[] = [];
  const brokenText = new Map<LoopCandidate, string>();
  let critic: CriticKind = 'none';
  let caps: Capabilities | undefined = options.capabilities;
  let profile: PromptProfile | undefined = undefined;

  const finish = (stopReason: StopReason, why?: string): LoopResult => {
    const best = pickBest(history);
    let message = why;
    if (stopReason === 'cancelled') message = best ? 'Cancelled.' : 'Cancelled before any valid SVG was made.';
    if (best && (stopReason === 'cancelled' || stopReason === 'error')) {
      message = `${message} Kept the best valid SVG so far (round ${best.round}${best.score === null ? ', unscored' : `, score ${best.score}`}).`;
    }
    const blankDrafts = history.reduce((s, r) => s + r.candidates.filter((c) => c.blank).length, 0);
    if (!best && stopReason !== 'cancelled' && stopReason !== 'error') {
      const all = history.flatMap((r) => r.candidates);
      const plural = history.length === 1 ? '' : 's';
      if (all.length && all.every((c) => c.blank)) {
        message = `The model drew nothing visible: ${all.length === 1 ? 'its drawing was' : `all ${all.length} drawings were`} empty after ${history.length} round${plural}, so there is no SVG to keep.`;
      } else {
        const last = history.at(-1)?.candidates.find((c) => c.error)?.error;
        message = `No valid SVG after ${history.length} round${plural}${last ? `: ${last}` : '.'}`;
      }
    }
    const result: LoopResult = {
      prompt: options.prompt,
      svg: best?.svg,
      best: best && { round: best.round, index: best.index, score: best.score },
      rationale: best?.rationale,
      ...(best?.removed ? { removed: best.removed } : {}),
      rounds: history,
      stopReason,
      message,
      critic,
      prompts: profile?.name,
      capabilities: caps,
      blankDrafts,
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
  const chosen = await profileFor(options.client, options.prompts, signal);
  if (!chosen.ok) return chosen.cancelled ? finish('cancelled') : finish('error', chosen.message);
  profile = chosen.profile;
  const chosenProfile = chosen.profile;
  const rounds = clampInt(options.rounds ?? chosenProfile.defaults.rounds, 1, 50);
  const threshold = Math.min(10, Math.max(0, options.threshold ?? chosenProfile.defaults.threshold));
  critic = chooseCritic(options.critic, caps, (m) => emit({ type: 'notice', message: m }));
  const extraBody = caps.svgGrammar ? { ...SVG_GRAMMAR_BODY } : undefined;

  for (let round = 1; round <= rounds; round++) {
    if (signal?.aborted) return finish('cancelled');
    const roundStarted = performance.now();
    const target = round === 1 ? undefined : refineTarget(history);
    const kind = target ? 'refine' : 'generate';
    const n = round === 1 ? count : 1;
    emit({ type: 'roundStarted', round, rounds, kind, candidates: n });

    const settings: SamplingSettings = target ? { ...chosenProfile.refiner, ...options.sampling?.refiner } : { ...chosenProfile.generator, ...options.sampling?.generator };
    const messages = target
      ? chosenProfile.refinerMessages({
          goal: options.prompt,
          svg: target.svg ?? brokenText.get(target) ?? target.raw,
          critique: target.critique || undefined,
          suggestions: target.suggestions || undefined,
          findings: target.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
          error: target.valid || target.blank ? undefined : target.error,
          blank: target.blank,
        })
      : chosenProfile.generatorMessages(options.prompt);
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
      const c = await evaluateDraft(draft, round, index, round === rounds);
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

  async function evaluateDraft(draft: Draft, round: number, index: number, finalRound: boolean): Promise<LoopCandidate> {
    const t0 = performance.now();
    const checked = await checkAnswer(draft.raw, options.renderer, size, signal, { allowActiveContent: options.allowActiveContent });
    const x = checked.extraction;
    const repairs = draft.error && checked.valid ? [...x.repairs, `recovered from a failed request (${draft.error})`] : x.repairs;
    const base = {
      round,
      index,
      raw: draft.raw,
      source: x.source,
      repairs,
      rationale: x.rationale,
      ...(checked.removed.length ? { removed: checked.removed } : {}),
      findings: checked.findings,
      tokens: draft.tokens,
      ...(draft.tokensFrom ? { tokensFrom: draft.tokensFrom } : {}),
    };
    let candidate: LoopCandidate;
    if (!checked.valid || !x.svg || !checked.png) {
      const error = draft.error && !draft.raw ? draft.error : (checked.error ?? 'The draft is not valid SVG.');
      candidate = { ...base, valid: false, score: 0, critique: '', suggestions: '', critic: 'none', error, ms: 0, modelMs: draft.ms };
      if (x.raw) brokenText.set(candidate, x.raw);
    } else if (checked.blank) {
      // No critic call: there is nothing to judge. The refiner gets the code and is told it draws nothing.
      candidate = { ...base, valid: false, blank: true, score: 0, critique: '', suggestions: '', critic: 'none', error: BLANK_DRAWING_ERROR, ms: 0, modelMs: draft.ms };
      brokenText.set(candidate, x.svg);
    } else {
      emit({ type: 'candidateRendered', round, index, svg: x.svg, png: checked.png, width: checked.width ?? size, height: checked.height ?? size });
      const verdict =
        critic === 'none'
          ? undefined
          : await runCritic({
              client: options.client,
              capabilities: caps!,
              kind: critic,
              profile: chosenProfile,
              final: finalRound,
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

/** The prompt profile for this client's model: the caller's choice, or by the model id (auto). */
async function profileFor(
  client: ChatClient,
  choice: PromptProfileChoice | undefined,
  signal?: AbortSignal,
): Promise<{ ok: true; profile: PromptProfile } | { ok: false; cancelled: boolean; message: string }> {
  if (choice === 'introsvg' || choice === 'generic') return { ok: true, profile: choosePromptProfile(choice, undefined) };
  const model = await client.resolveModel(signal);
  if (!model.ok) return { ok: false, cancelled: model.kind === 'cancelled', message: model.kind === 'cancelled' ? 'cancelled' : model.message };
  return { ok: true, profile: choosePromptProfile('auto', model.model) };
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
  /** Which model family's critic prompt (default auto). */
  prompts?: PromptProfileChoice;
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
  // The critic judges the SVG without its active content, as the loop's drafts are judged.
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
  const chosen = await profileFor(options.client, options.prompts, signal);
  if (!chosen.ok) return chosen.cancelled ? { ok: false, kind: 'cancelled' } : { ok: false, kind: 'error', message: chosen.message, findings: checked.findings, png: checked.png };
  const prompt = options.prompt?.trim() || describeSvg(options.svg);
  const verdict = await runCritic({
    client: options.client,
    capabilities: caps,
    kind: chooseCritic(options.critic, caps, () => undefined),
    profile: chosen.profile,
    // A one-off critique is the final word on this SVG, as the released loop's last critique is.
    final: true,
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
  /** The critic's texts, exactly as it wrote them (they fill the refiner's slots unchanged). */
  critique?: string;
  suggestions?: string;
  client: ChatClient;
  renderer: LoopRenderer;
  /** Which model family's refiner prompt (default auto). */
  prompts?: PromptProfileChoice;
  capabilities?: Capabilities;
  capabilityCache?: CapabilityCache;
  seed?: number;
  /** The fix as it streams; `text` restarts from '' after a retry. */
  onToken?: (delta: string, text: string) => void;
  /** Keep active content the fix adds (default: removed; what `svg` already had always stays). */
  allowActiveContent?: boolean;
  /**
   * How many answers to ask for at most while the model's fix is not usable
   * (not an SVG, or a blank drawing); default 1. Sampling differs per answer,
   * so one more try often gives a usable fix, as another round does in the loop.
   */
  attempts?: number;
}

export type RefineOnceResult =
  | {
      ok: true;
      /** The fixed SVG: well-formed, rendering and not blank. */
      svg: string;
      rationale?: string;
      repairs: string[];
      /** Active content the fix added and that was taken out again. */
      removed: Removal[];
      findings: Finding[];
      /** Set when the fix removes most of the drawing: every shape, or at least half of the original's ink. Say it before Accept. */
      removes?: string;
      tokens: number;
      ms: number;
    }
  | { ok: false; kind: 'cancelled' }
  | { ok: false; kind: 'error'; message: string; raw?: string };

/** A fix that keeps at most this share of the original's ink "removes most of the drawing". */
const MOST_INK_LOST = 0.5;

export async function refineOnce(options: RefineOnceOptions, signal?: AbortSignal): Promise<RefineOnceResult> {
  const started = performance.now();
  let caps = options.capabilities;
  if (!caps) {
    const probed = await capabilitiesOf(options.client, signal, options.capabilityCache);
    if (!probed.ok) return probed.kind === 'cancelled' ? probed : { ok: false, kind: 'error', message: probed.message };
    caps = probed.capabilities;
  }
  const chosen = await profileFor(options.client, options.prompts, signal);
  if (!chosen.ok) return chosen.cancelled ? { ok: false, kind: 'cancelled' } : { ok: false, kind: 'error', message: chosen.message };
  const profile = chosen.profile;
  const current = await checkSource(options.svg, options.renderer, signal);
  if (signal?.aborted) return { ok: false, kind: 'cancelled' };
  const attempts = Math.max(1, Math.floor(options.attempts ?? 1));
  let tokens = 0;
  let unusable: { message: string; raw?: string } | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const drafts = await generateDrafts({
      client: options.client,
      messages: profile.refinerMessages({
        goal: options.prompt?.trim() || describeSvg(options.svg),
        svg: options.svg,
        critique: options.critique,
        suggestions: options.suggestions,
        findings: current.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
        error: current.error,
        blank: current.blank,
      }),
      settings: profile.refiner,
      count: 1,
      useN: false,
      concurrency: 1,
      // A seeded request would sample the same unusable answer again.
      seed: options.seed === undefined ? undefined : options.seed + attempt - 1,
      extraBody: caps.svgGrammar ? { ...SVG_GRAMMAR_BODY } : undefined,
      signal,
      onToken: options.onToken,
    });
    const draft = drafts[0];
    if (draft.cancelled || signal?.aborted) return { ok: false, kind: 'cancelled' };
    tokens += draft.tokens;
    // The fix may keep the active content the user's file already had, nothing new.
    const checked = await checkAnswer(draft.raw, options.renderer, CRITIC_RENDER_SIZE, signal, { allowActiveContent: options.allowActiveContent, baseline: options.svg });
    if (checked.cancelled) return { ok: false, kind: 'cancelled' };
    if (!checked.valid || !checked.extraction.svg) {
      unusable = { message: `The model's fix is not usable: ${draft.error ?? checked.error ?? 'no valid SVG'}`, raw: draft.raw };
      continue;
    }
    if (checked.blank) {
      unusable = { message: `The model's fix is not usable: ${BLANK_DRAWING_ERROR}`, raw: draft.raw };
      continue;
    }
    const removes = describeRemoval(current, { ink: checked.ink, shapes: countShapes(checked.extraction.svg) });
    return {
      ok: true,
      svg: checked.extraction.svg,
      rationale: checked.extraction.rationale,
      repairs: checked.extraction.repairs,
      removed: checked.removed,
      findings: checked.findings,
      ...(removes ? { removes } : {}),
      tokens,
      ms: performance.now() - started,
    };
  }
  const last = unusable ?? { message: "The model's fix is not usable: no answer" };
  return { ok: false, kind: 'error', message: attempts > 1 ? `${last.message} (${attempts} tries)` : last.message, raw: last.raw };
}

interface SourceCheck {
  findings: Finding[];
  /** Why the user's SVG is broken, if it is. */
  error?: string;
  /** It renders, but nothing is visible. */
  blank: boolean;
  ink?: Ink;
  shapes: number;
}

/** Lint findings, the parse error, and how much the SVG the user wrote draws (ink at the critic's size, shapes). */
async function checkSource(svg: string, renderer: LoopRenderer, signal?: AbortSignal): Promise<SourceCheck> {
  const extraction = extractSvg(svg);
  const base = { findings: safeLint(svg), error: extraction.error, shapes: countShapes(svg), blank: false };
  if (!extraction.svg) return base;
  const rendered = await renderer.render(extraction.svg, { size: CRITIC_RENDER_SIZE, background: CRITIC_BACKGROUND, measureInk: true, letterbox: true }, signal);
  if (!rendered.ok || !rendered.ink) return base;
  return { ...base, ink: rendered.ink, blank: rendered.ink.fraction < BLANK_INK_FRACTION };
}

/** Elements that put something on the canvas. */
const SHAPE_ELEMENTS = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'image', 'use', 'foreignObject']);

function countShapes(svg: string): number {
  let n = 0;
  const doc = parseSvg(svg);
  for (const el of allElements(doc)) if (SHAPE_ELEMENTS.has(el.name.replace(/^[\w.-]+:/, ''))) n++;
  return n;
}

/** In words, when a fix removes most of the drawing; undefined otherwise. */
function describeRemoval(original: SourceCheck, fix: { ink?: Ink; shapes: number }): string | undefined {
  if (original.shapes > 0 && fix.shapes === 0) return `This fix removes every shape of the drawing (${original.shapes} in the original).`;
  if (!original.ink || !fix.ink || original.blank) return undefined;
  const lost = inkLost(original.ink, fix.ink);
  if (lost >= MOST_INK_LOST) return `This fix removes most of the drawing: ${Math.round(lost * 100)}% of the original's visible ink is gone.`;
  return undefined;
}

/** A description for the critic when the user gave none: the SVG's own <title>/<desc>. */
export function describeSvg(svg: string): string {
  const pick = (tag: string) => new RegExp(`<${tag}[^>]*>([^<]{1,300})</${tag}>`, 'i').exec(svg)?.[1]?.trim();
  return pick('title') || pick('desc') || 'an icon';
}
