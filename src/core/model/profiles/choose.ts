// Which prompt profile a model gets: the user's choice, or by the model id
// (auto). A fine-tuned model is served under names like
// "IntroSVG-Qwen2.5-VL-7B" or "gitcat404/IntroSVG-Qwen2.5-VL-7B"; anything
// else is treated as a general VLM.
import type { PromptProfile, PromptProfileChoice } from '../prompts';
import { genericProfile } from './generic';
import { introsvgProfile } from './introsvg';

export const PROMPT_PROFILES: Readonly<Record<PromptProfile['name'], PromptProfile>> = { introsvg: introsvgProfile, generic: genericProfile };

export function choosePromptProfile(choice: PromptProfileChoice | undefined, modelId: string | undefined): PromptProfile {
  if (choice === 'introsvg' || choice === 'generic') return PROMPT_PROFILES[choice];
  return modelId && /introsvg/i.test(modelId) ? introsvgProfile : genericProfile;
}
