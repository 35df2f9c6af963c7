// What every prompt profile shares: the sampling-settings shape, the critic's
// view (200 px on white, the IntroSVG critic's training view), the critic's
// answer schema, and the contract a profile fulfils. The texts themselves live
// in src/core/model/profiles/, one file per model family.
import type { Finding } from '../lint/types';
import type { ChatMessage } from './client';

export interface SamplingSettings {
  temperature: number;
  maxTokens: number;
  /** Sent only when set (top_p). */
  topP?: number;
}

/** The critic's training view: 200 px renders on white. */
export const CRITIC_RENDER_SIZE = 200;
export const CRITIC_BACKGROUND = 'white';

/** Answer shape for critics; string caps keep a constrained weak model inside max_tokens. */
export const CRITIQUE_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  properties: {
    score: { type: 'number', minimum: 0, maximum: 10 },
    critique: { type: 'string', maxLength: 800 },
    suggestions: { type: 'string', maxLength: 800 },
  },
  required: ['score', 'critique', 'suggestions'],
  additionalProperties: false,
};

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** One finding per line, most severe first, capped so a noisy file cannot flood the prompt. */
export function formatFindings(findings: readonly Finding[], max = 20): string {
  const rank = { error: 0, warning: 1, info: 2, hint: 3 } as const;
  const sorted = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity] || a.range.start - b.range.start);
  const lines = sorted.slice(0, max).map((f) => `- ${f.severity} ${f.code}: ${f.message}`);
  if (sorted.length > max) lines.push(`- … and ${sorted.length - max} more`);
  return lines.join('\n');
}

export interface RefineInput {
  /** The original description. */
  goal: string;
  /** The draft to improve (possibly broken). */
  svg: string;
  /** The critic's texts, exactly as it wrote them. */
  critique?: string;
  suggestions?: string;
  findings?: readonly Finding[];
  /** Why the draft is unusable (does not parse or render), when it is. */
  error?: string;
  /** The draft renders, but nothing is visible: there is no critique to pass on. */
  blank?: boolean;
}

export type PromptProfileName = 'introsvg' | 'generic';
/** auto: introsvg when the model id names IntroSVG, else generic. */
export type PromptProfileChoice = 'auto' | PromptProfileName;
export const PROMPT_PROFILE_CHOICES: readonly PromptProfileChoice[] = ['auto', 'introsvg', 'generic'];

/** The texts and settings one model family expects for each role of the loop. */
export interface PromptProfile {
  name: PromptProfileName;
  generator: Readonly<SamplingSettings>;
  critic: Readonly<SamplingSettings>;
  /** The critic's settings for the critique of the last allowed round. */
  finalCritic: Readonly<SamplingSettings>;
  refiner: Readonly<SamplingSettings>;
  /** Loop defaults that go with the profile (rounds counts the draft). */
  defaults: Readonly<{ rounds: number; threshold: number }>;
  generatorMessages(description: string): ChatMessage[];
  /** The critic that sees the render: text, then the PNG as an image_url part. */
  visionCriticMessages(description: string, png: Uint8Array): ChatMessage[];
  /** The critic for endpoints without image input: it reads the code and the lint findings. */
  textCriticMessages(description: string, svg: string, findings: readonly Finding[]): ChatMessage[];
  /** The text-only refiner. */
  refinerMessages(input: RefineInput): ChatMessage[];
}
