// The prompts and sampling settings IntroSVG-Qwen2.5-VL-7B was fine-tuned and
// evaluated with. They are part of that model's interface: a fine-tuned
// critic prompted off its training distribution scores worse. The texts below
// are quoted byte for byte from the released inference loop,
//   github.com/gitcat-404/IntroSVG, inference_loop.py,
//   commit 50d19f1dc10498ab3cb2a4bb27d788076c9ed0c3
// (generator: line 171; critic: lines 102-109, with the Python "\n" in the
// template evaluated to a line break as Python does; refiner: lines 232-234;
// settings: lines 179-181, 215, 239 and 274). test/fixtures/introsvg holds
// that excerpt and a unit test compares these constants with it.
//
// Where the released loop has nothing to say, our additions stay inside the
// template's slots and leave its wording alone: a blank draft (no critique
// exists) and a broken draft (no render exists) fill the critique and
// suggestions slots with a plain statement of the problem.
import type { Finding } from '../../lint/types';
import type { ChatMessage } from '../client';
import { pngDataUrl, type PromptProfile, type RefineInput, type SamplingSettings } from '../prompts';
import { textCriticMessages } from './generic';

/** inference_loop.py line 179-181: max_tokens=6000, temperature=0.5, top_p=1. */
export const INTROSVG_GENERATOR_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.5, maxTokens: 6000, topP: 1 };
/** Line 215: max_tokens=2048, temperature=0.1 (every critique inside the loop). */
export const INTROSVG_CRITIC_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.1, maxTokens: 2048 };
/** Line 274: max_tokens=2048, temperature=0 (the critique of the final SVG). */
export const INTROSVG_FINAL_CRITIC_SETTINGS: Readonly<SamplingSettings> = { temperature: 0, maxTokens: 2048 };
/** Line 239: max_tokens=6000, temperature=0.2, top_p=1. */
export const INTROSVG_REFINER_SETTINGS: Readonly<SamplingSettings> = { temperature: 0.2, maxTokens: 6000, topP: 1 };

/** The paper's loop: a draft and at most 3 refinements; stop once a score reaches 9.5. */
export const INTROSVG_DEFAULTS = { rounds: 4, threshold: 9.5 } as const;

/** Line 171 (f-string, {origin_prompt}). */
export function introsvgGeneratorPrompt(description: string): string {
  return `Please generate an SVG icon that meets the following description: ${description}`;
}

/** Lines 102-109, CRITIC_USER_PROMPT_TEMPLATE; {origin_prompt} is filled by str.format. */
export const INTROSVG_CRITIC_TEMPLATE =
  'You are a professional SVG design critic. Please analyze the input AI-generated SVG draft<image> according to the "Original Design Prompt".\n' +
  '\n' +
  '**Original Design Prompt**: "{origin_prompt}"\n' +
  '\n' +
  'Your task is to output a structured critique report, strictly following the JSON format below. The JSON object must contain three fields:\n' +
  '1. "score": A float between 0.0 and 10.0, for a comprehensive evaluation of the draft\'s quality and alignment.\n' +
  '2. "critique": A comprehensive evaluation explaining the extent to which the draft meets the original prompt, and pointing out its main differences and shortcomings in aesthetics, color, and geometric construction compared to an ideal version.\n' +
  '3. "suggestions": A single string. If the draft\'s quality is high, this string should be an affirmative statement, such as "The overall quality is excellent, no changes are needed." Otherwise, it should contain 2 to 4 specific, actionable SVG modification suggestions, presented as a numbered list within this string (e.g., "1. Suggestion A\n2. Suggestion B").';

export function introsvgCriticPrompt(description: string): string {
  // str.format fills every {origin_prompt}; split/join keeps "$&" and the like in the description literal.
  return INTROSVG_CRITIC_TEMPLATE.split('{origin_prompt}').join(description);
}

/** Lines 232-234 (f-string): goal, draft code, critique (quoted) and suggestions, as Python's str() writes strings. */
export function introsvgRefinerPrompt(goal: string, draft: string, critique: string, suggestions: string): string {
  return (
    `Please analyze all the information provided below and generate a final, high-quality SVG code. The original design goal was: "${goal}"; a draft SVG code that needs improvement is as follows: ` +
    '```xml\n' +
    `${draft}\n` +
    '```' +
    `; an expert critique of this draft is: "${critique}"; and the specific modification suggestions are: ${suggestions}. Please strictly follow these suggestions to improve the draft and directly output the final, refined SVG code.`
  );
}

/** Slots for a draft that renders but shows nothing: there is no critique to pass on. */
export const BLANK_DRAFT_CRITIQUE = 'The rendered drawing is empty: nothing is visible.';
export const BLANK_DRAFT_SUGGESTIONS = '1. Draw the described icon with visible shapes.';

function generatorMessages(description: string): ChatMessage[] {
  return [{ role: 'user', content: introsvgGeneratorPrompt(description) }];
}

/** Lines 206-211: the text, then the 200×200 render on white as a base64 PNG data URL. */
function visionCriticMessages(description: string, png: Uint8Array): ChatMessage[] {
  return [
    {
      role: 'user',
      content: [
        { type: 'text', text: introsvgCriticPrompt(description) },
        { type: 'image_url', image_url: { url: pngDataUrl(png) } },
      ],
    },
  ];
}

function refinerMessages(input: RefineInput): ChatMessage[] {
  let critique = input.critique ?? '';
  let suggestions = input.suggestions ?? '';
  if (input.blank && !input.critique) {
    critique = BLANK_DRAFT_CRITIQUE;
    suggestions = BLANK_DRAFT_SUGGESTIONS;
  } else if (input.error && !input.critique) {
    critique = `The SVG code is broken: ${input.error}`;
    suggestions = '1. Write a complete, well-formed SVG that renders.';
  }
  return [{ role: 'user', content: introsvgRefinerPrompt(input.goal, input.svg, critique, suggestions) }];
}

export const introsvgProfile: PromptProfile = {
  name: 'introsvg',
  generator: INTROSVG_GENERATOR_SETTINGS,
  critic: INTROSVG_CRITIC_SETTINGS,
  finalCritic: INTROSVG_FINAL_CRITIC_SETTINGS,
  refiner: INTROSVG_REFINER_SETTINGS,
  defaults: INTROSVG_DEFAULTS,
  generatorMessages,
  visionCriticMessages,
  // The release has no text-only critic; an endpoint without images gets the generic one.
  textCriticMessages: (description: string, svg: string, findings: readonly Finding[]) => textCriticMessages(description, svg, findings),
  refinerMessages,
};
