// Prompts for general vision-language models (GPT-4o, Qwen2.5-VL-Instruct,
// LLaVA, …): the IntroSVG generator sentence, a critic told what it is looking
// at and how to answer, and a refiner that also gets lint findings and the
// reason a draft is broken or empty. Sampling follows the IntroSVG recipe.
import type { Finding } from '../../lint/types';
import type { ChatMessage } from '../client';
import { formatFindings, pngDataUrl, type PromptProfile, type RefineInput, type SamplingSettings } from '../prompts';

export const GENERATOR_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.5, maxTokens: 6000 };
export const CRITIC_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.1, maxTokens: 2048 };
export const REFINER_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.2, maxTokens: 6000 };

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

export function refinerPrompt(input: RefineInput): string {
  const parts = [
    `Please improve this SVG icon so that it better meets the following description: ${input.goal}`,
    '',
    'Current SVG code:',
    '```svg',
    input.svg,
    '```',
  ];
  if (input.blank) parts.push('', 'The drawing is empty: rendered at 200x200 pixels on white, nothing is visible.', 'Draw the described icon with visible shapes.');
  else if (input.error) parts.push('', `The code above is broken: ${input.error}`, 'Write a complete, well-formed SVG that renders.');
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

export const genericProfile: PromptProfile = {
  name: 'generic',
  generator: GENERATOR_SETTINGS,
  critic: CRITIC_SETTINGS,
  finalCritic: CRITIC_SETTINGS,
  refiner: REFINER_SETTINGS,
  defaults: { rounds: 3, threshold: 8 },
  generatorMessages,
  visionCriticMessages,
  textCriticMessages,
  refinerMessages,
};
