// One draft through the loop's checks: extract (and repair) the SVG, lint it,
// render it at the critic's size on white (measuring its ink, so a blank
// drawing is caught before any critic sees it), and ask the critic for a
// score in the words of the model's prompt profile.
// Shared by runLoop, critiqueOnce and refineOnce.
import { lintSvg } from '../lint/index';
import type { Finding } from '../lint/types';
import type { Capabilities } from '../model/capabilities';
import type { ChatClient } from '../model/chatClient';
import { parseCritique, type Critique } from '../model/critique';
import { extractSvg, type Extraction } from '../model/extract';
import { CRITIC_BACKGROUND, CRITIQUE_SCHEMA, type PromptProfile, type SamplingSettings } from '../model/prompts';
import { isBlank, type Ink } from '../render/ink';
import { parseSvg } from '../svg/parse';
import { sanitizeSvg, type Removal } from '../svg/sanitize';
import type { SvgDocument } from '../svg/types';
import type { CriticKind, LoopRenderer } from './types';

export interface CheckedSvg {
  extraction: Extraction;
  /** Valid: well-formed and rendered. */
  valid: boolean;
  error?: string;
  findings: Finding[];
  png?: Uint8Array;
  width?: number;
  height?: number;
  /** Pixels that differ from the white background, when the renderer measured them. */
  ink?: Ink;
  /** Valid, but nothing is visible at the critic's size (fewer than 0.1% of the pixels differ from the background). */
  blank: boolean;
  cancelled?: boolean;
  /** Active content taken out of the SVG before it was linted, rendered and judged. */
  removed: Removal[];
}

export interface CheckOptions {
  /** Keep scripts, handlers and outside references (the user asked for them). */
  allowActiveContent?: boolean;
  /** The user's document a fix started from: its own active content stays (see sanitizeSvg). */
  baseline?: string;
}

/** What the user and the refiner are told about a blank draft. */
export const BLANK_DRAWING_ERROR = 'The drawing is empty: nothing is visible when it is rendered at 200 px on white.';

/** Lint never gets to break the loop: a throwing rule means no findings. */
export function safeLint(input: string | SvgDocument): Finding[] {
  try {
    return lintSvg(input);
  } catch {
    return [];
  }
}

/**
 * Extract, repair, sanitize, lint and render a model answer. Everything after
 * extraction sees the sanitized SVG: the critic judges it and the best-pick
 * compares it, so no draft wins by its active content, and it is what the
 * caller gets back.
 */
export async function checkAnswer(answer: string, renderer: LoopRenderer, size: number, signal?: AbortSignal, options: CheckOptions = {}): Promise<CheckedSvg> {
  let extraction = extractSvg(answer);
  if (!extraction.svg) {
    return { extraction, valid: false, blank: false, error: extraction.error, findings: extraction.raw ? safeLint(extraction.raw) : [], removed: [] };
  }
  let removed: Removal[] = [];
  if (!options.allowActiveContent) {
    const clean = sanitizeSvg(extraction.svg, { baseline: options.baseline });
    removed = clean.removed;
    if (clean.svg !== extraction.svg) extraction = { ...extraction, svg: clean.svg, doc: parseSvg(clean.svg) };
  }
  const svg = extraction.svg!;
  const findings = safeLint(extraction.doc ?? svg);
  const rendered = await renderer.render(svg, { size, background: CRITIC_BACKGROUND, measureInk: true, letterbox: true }, signal);
  if (!rendered.ok) {
    if (rendered.kind === 'cancelled') return { extraction, valid: false, blank: false, findings, cancelled: true, error: 'cancelled', removed };
    return { extraction, valid: false, blank: false, findings, error: `The SVG does not render: ${rendered.error}`, removed };
  }
  const blank = rendered.ink !== undefined && isBlank(rendered.ink);
  return { extraction, valid: true, blank, findings, png: rendered.png, width: rendered.width, height: rendered.height, ink: rendered.ink, removed };
}

export interface CriticRequest {
  client: ChatClient;
  capabilities: Capabilities;
  kind: Exclude<CriticKind, 'none'>;
  profile: PromptProfile;
  /** The critique of the last allowed round (the profile may sample it differently). */
  final?: boolean;
  prompt: string;
  svg: string;
  png: Uint8Array;
  findings: readonly Finding[];
  seed?: number;
  sampling?: Partial<SamplingSettings>;
  signal?: AbortSignal;
}

export type CriticOutcome =
  | { ok: true; critique: Critique; critic: Exclude<CriticKind, 'none'>; tokens: number; ms: number; rationale?: string }
  | { ok: false; cancelled: boolean; error: string; critic: Exclude<CriticKind, 'none'>; tokens: number; ms: number };

/** Asks the critic (vision: the render; text: the code and lint findings) for {score, critique, suggestions}. */
export async function runCritic(req: CriticRequest): Promise<CriticOutcome> {
  const settings = { ...(req.final ? req.profile.finalCritic : req.profile.critic), ...req.sampling };
  const messages = req.kind === 'vision' ? req.profile.visionCriticMessages(req.prompt, req.png) : req.profile.textCriticMessages(req.prompt, req.svg, req.findings);
  const answer = await req.client.chat(
    {
      messages,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      topP: settings.topP,
      seed: req.seed,
      jsonSchema: req.capabilities.jsonSchema ? { name: 'critique', schema: CRITIQUE_SCHEMA } : undefined,
    },
    { signal: req.signal },
  );
  if (!answer.ok) {
    const cancelled = answer.kind === 'cancelled';
    return { ok: false, cancelled, error: cancelled ? 'cancelled' : `The critic failed: ${answer.message}`, critic: req.kind, tokens: 0, ms: 0 };
  }
  const text = answer.texts[0] ?? '';
  const parsed = parseCritique(text);
  const rationale = /<think>([\s\S]*?)<\/think>/i.exec(text)?.[1]?.trim() || undefined;
  if (!parsed.ok) return { ok: false, cancelled: false, error: parsed.error, critic: req.kind, tokens: answer.completionTokens, ms: answer.ms };
  return { ok: true, critique: parsed.critique, critic: req.kind, tokens: answer.completionTokens, ms: answer.ms, rationale };
}
