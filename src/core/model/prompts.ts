// Every prompt the loop sends, with the sampling settings of the IntroSVG
// recipe: a generator, a critic that sees the 200×200 render on white, and a
// text-only refiner. A text critic (code + lint findings) stands in when the
// endpoint takes no images.
import type { Finding } from '../lint/types';
import type { ChatMessage } from './client';

export interface SamplingSettings {
  temperature: number;
  maxTokens: number;
}

export const GENERATOR_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.5, maxTokens: 6000 };
export const CRITIC_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.1, maxTokens: 2048 };
export const REFINER_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.2, maxTokens: 6000 };

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

export function generatorPrompt(description: string): string {
  return `Please generate an SVG icon that meets the following description: ${description}`;
}

export function generatorMessages(description: string): ChatMessage[] {
  return [{ role: 'user', content: generatorPrompt(description) }];
}

const ANSWER_FORMAT = [
  'Answer with JSON only, in exactly this form:',
  '{"score": <number from 0.0 to 10.0>, "critique": "<what works and what does not>", "suggestions": "<2-4 numbered, actionable changes, or a short affirmative line if no change is needed>"}',
].join('\n');

export function visionCriticPrompt(description: string): string {
  return [
    'You are an expert judge of SVG icons. The image below is an SVG icon rendered at 200x200 pixels on a white background.',
    `It was meant to show: ${description}`,
    'Judge how well the image matches the description, and its clarity, composition and visual quality as an icon.',
    ANSWER_FORMAT,
  ].join('\n');
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** The vision critic: the text first, then the render as a base64 PNG data URL. */
export function visionCriticMessages(description: string, png: Uint8Array): ChatMessage[] {
  return [
    {
      role: 'user',
      content: [
        { type: 'text', text: visionCriticPrompt(description) },
        { type: 'image_url', image_url: { url: pngDataUrl(png) } },
      ],
    },
  ];
}

/** One finding per line, most severe first, capped so a noisy file cannot flood the prompt. */
export function formatFindings(findings: readonly Finding[], max = 20): string {
  const rank = { error: 0, warning: 1, info: 2, hint: 3 } as const;
  const sorted = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity] || a.range.start - b.range.start);
  const lines = sorted.slice(0, max).map((f) => `- ${f.severity} ${f.code}: ${f.message}`);
  if (sorted.length > max) lines.push(`- … and ${sorted.length - max} more`);
  return lines.join('\n');
}

/** The text critic for endpoints without image input: it reads the code and the lint findings. */
export function textCriticMessages(description: string, svg: string, findings: readonly Finding[]): ChatMessage[] {
  const lint = findings.length ? formatFindings(findings) : '- none';
  return [
    {
      role: 'user',
      content: [
        'You are an expert judge of SVG icons. You cannot see the image, so judge the SVG code below as the icon it draws when rendered at 200x200 pixels on a white background.',
        `It was meant to show: ${description}`,
        '',
        'SVG code:',
        '```svg',
        svg,
        '```',
        '',
        'Automatic checks found:',
        lint,
        '',
        'Judge how well the drawing matches the description, and its clarity, composition and visual quality as an icon.',
        ANSWER_FORMAT,
      ].join('\n'),
    },
  ];
}

export interface RefineInput {
  /** The original description. */
  goal: string;
  /** The draft to improve (possibly broken). */
  svg: string;
  critique?: string;
  suggestions?: string;
  findings?: readonly Finding[];
  /** Why the draft is unusable (does not parse or render), when it is. */
  error?: string;
}

export function refinerPrompt(input: RefineInput): string {
  const parts = [
    `Please improve this SVG icon so that it better meets the following description: ${input.goal}`,
    '',
    'Current SVG code:',
    '```svg',
    input.svg,
    '```',
  ];
  if (input.error) parts.push('', `The code above is broken: ${input.error}`, 'Write a complete, well-formed SVG that renders.');
  if (input.critique) parts.push('', `Critique: ${input.critique}`);
  if (input.suggestions) parts.push('', `Suggestions: ${input.suggestions}`);
  if (input.findings?.length) parts.push('', 'Automatic checks found:', formatFindings(input.findings));
  parts.push('', 'Reply with the complete improved SVG code only.');
  return parts.join('\n');
}

/** The refiner is text-only: goal, draft code, critique, suggestions and lint findings. */
export function refinerMessages(input: RefineInput): ChatMessage[] {
  return [{ role: 'user', content: refinerPrompt(input) }];
}
