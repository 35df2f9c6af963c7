// One draft through the loop's checks: extract (and repair) the SVG, lint it,
// render it at the critic's size on white, and ask the critic for a score.
// Shared by runLoop, critiqueOnce and refineOnce.
import { lintSvg } from '../lint/index';
import type { Finding } from '../lint/types';
import type { Capabilities } from '../model/capabilities';
import type { ChatClient } from '../model/chatClient';
import { parseCritique, type Critique } from '../model/critique';
import { extractSvg, type Extraction } from '../model/extract';
import { CRITIC_BACKGROUND, CRITIC_SETTINGS, CRITIQUE_SCHEMA, textCriticMessages, visionCriticMessages, type SamplingSettings } from '../model/prompts';
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
  cancelled?: boolean;
}

/** Lint never gets to break the loop: a throwing rule means no findings. */
export function safeLint(input: string | SvgDocument): Finding[] {
  try {
    return lintSvg(input);
  } catch {
    return [];
  }
}

/** Extract, repair, lint and render a model answer. */
export async function checkAnswer(answer: string, renderer: LoopRenderer, size: number, signal?: AbortSignal): Promise<CheckedSvg> {
  const extraction = extractSvg(answer);
  if (!extraction.svg) {
    return { extraction, valid: false, error: extraction.error, findings: extraction.raw ? safeLint(extraction.raw) : [] };
  }
  const findings = safeLint(extraction.doc ?? extraction.svg);
  const rendered = await renderer.render(extraction.svg, { size, background: CRITIC_BACKGROUND }, signal);
  if (!rendered.ok) {
    if (rendered.kind === 'cancelled') return { extraction, valid: false, findings, cancelled: true, error: 'cancelled' };
    return { extraction, valid: false, findings, error: `The SVG does not render: ${rendered.error}` };
  }
  return { extraction, valid: true, findings, png: rendered.png, width: rendered.width, height: rendered.height };
}

export interface CriticRequest {
  client: ChatClient;
  capabilities: Capabilities;
  kind: Exclude<CriticKind, 'none'>;
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
  const settings = { ...CRITIC_SETTINGS, ...req.sampling };
  const messages = req.kind === 'vision' ? visionCriticMessages(req.prompt, req.png) : textCriticMessages(req.prompt, req.svg, req.findings);
  const answer = await req.client.chat(
    {
      messages,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
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
