// The introsvg profile against the released inference loop's own text
// (test/fixtures/introsvg/inference_loop.excerpt.py, a verbatim excerpt with
// its source and commit): the Python literals are evaluated here the way
// Python does (escapes, str.format, f-string slots) and must equal what the
// profile sends, byte for byte.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { choosePromptProfile } from '../../../src/core/model/profiles/choose';
import {
  BLANK_DRAFT_CRITIQUE, BLANK_DRAFT_SUGGESTIONS, INTROSVG_CRITIC_TEMPLATE, introsvgCriticPrompt, introsvgGeneratorPrompt, introsvgProfile, introsvgRefinerPrompt,
} from '../../../src/core/model/profiles/introsvg';
import { genericProfile } from '../../../src/core/model/profiles/generic';

const EXCERPT = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'introsvg', 'inference_loop.excerpt.py'), 'utf8');

/** The body of a Python string literal, escapes evaluated (only those the excerpt uses, else the test fails). */
function pyLiteral(body: string): string {
  return body.replace(/\\(.)/gs, (_m, c: string) => {
    const known: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };
    if (!(c in known)) throw new Error(`unhandled escape \\${c}`);
    return known[c];
  });
}

function assigned(name: string, triple: boolean): string {
  const q = triple ? '"""' : '"';
  const start = new RegExp(`${name}\\s*=\\s*f?${q}`).exec(EXCERPT);
  assert.ok(start, `${name} is in the excerpt`);
  const from = start.index + start[0].length;
  const end = EXCERPT.indexOf(q, from);
  return pyLiteral(EXCERPT.slice(from, end));
}

/** Python's str.format / f-string substitution of plain {name} fields. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => {
    assert.ok(k in values, `slot {${k}}`);
    return values[k];
  });
}

/** The keyword arguments of the n-th create call in the excerpt, in order. */
function settings(n: number): Record<string, number> {
  const calls = EXCERPT.split('call_openai_with_retry(').slice(1);
  const out: Record<string, number> = {};
  for (const m of calls[n].split(')')[0].matchAll(/(max_tokens|temperature|top_p)=([\d.]+)/g)) out[m[1]] = Number(m[2]);
  return out;
}

const asSent = (s: { temperature: number; maxTokens: number; topP?: number }) => ({ max_tokens: s.maxTokens, temperature: s.temperature, ...(s.topP !== undefined ? { top_p: s.topP } : {}) });

describe('model/profiles/introsvg (the released IntroSVG prompts)', () => {
  const goal = 'A blue "cloud" with {braces}, $& and a\nline break';
  const draft = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#0af" d="M20 120 C20 60 180 60 180 120 Z"/></svg>';
  const critique = '  The cloud is "flat".\n';
  const suggestions = '1. Add a highlight.\n2. Round the base.';

  it('quotes the generator sentence byte for byte', () => {
    assert.equal(introsvgGeneratorPrompt(goal), fill(assigned('generation_prompt', false), { origin_prompt: goal }));
    assert.deepEqual(introsvgProfile.generatorMessages(goal), [{ role: 'user', content: fill(assigned('generation_prompt', false), { origin_prompt: goal }) }]);
  });

  it('quotes the critic template byte for byte, with its <image> marker, then the PNG as an image_url part', () => {
    const template = assigned('CRITIC_USER_PROMPT_TEMPLATE', true);
    assert.equal(INTROSVG_CRITIC_TEMPLATE, template);
    assert.ok(template.includes('draft<image> according'));
    assert.ok(template.includes('"1. Suggestion A\n2. Suggestion B"'), 'the Python \\n is a line break');
    assert.equal(introsvgCriticPrompt(goal), fill(template, { origin_prompt: goal }));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(introsvgProfile.visionCriticMessages(goal, png), [
      { role: 'user', content: [{ type: 'text', text: fill(template, { origin_prompt: goal }) }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } }] },
    ]);
  });

  it('quotes the refiner template byte for byte and fills its slots with the critic\'s strings unchanged', () => {
    const expected = fill(assigned('refine_prompt', true), { origin_prompt: goal, current_svg_content: draft, critique, suggestions });
    assert.equal(introsvgRefinerPrompt(goal, draft, critique, suggestions), expected);
    assert.deepEqual(introsvgProfile.refinerMessages({ goal, svg: draft, critique, suggestions }), [{ role: 'user', content: expected }]);
  });

  it('tells the refiner a blank draft is empty inside the template\'s own slots', () => {
    const [msg] = introsvgProfile.refinerMessages({ goal, svg: draft, blank: true });
    const expected = fill(assigned('refine_prompt', true), { origin_prompt: goal, current_svg_content: draft, critique: BLANK_DRAFT_CRITIQUE, suggestions: BLANK_DRAFT_SUGGESTIONS });
    assert.equal(msg.content, expected);
    assert.equal(BLANK_DRAFT_CRITIQUE, 'The rendered drawing is empty: nothing is visible.');
    assert.equal(BLANK_DRAFT_SUGGESTIONS, '1. Draw the described icon with visible shapes.');
  });

  it('uses the released sampling settings: generator, in-loop critic, refiner, final critic', () => {
    assert.deepEqual(asSent(introsvgProfile.generator), settings(0));
    assert.deepEqual(asSent(introsvgProfile.critic), settings(1));
    assert.deepEqual(asSent(introsvgProfile.refiner), settings(2));
    assert.deepEqual(asSent(introsvgProfile.finalCritic), settings(3));
    assert.deepEqual(settings(3), { max_tokens: 2048, temperature: 0 });
    assert.deepEqual(introsvgProfile.defaults, { rounds: 4, threshold: 9.5 });
  });

  it('is chosen for model ids that name IntroSVG (any case) unless the user chose otherwise', () => {
    for (const id of ['IntroSVG-Qwen2.5-VL-7B', 'gitcat404/introsvg-qwen2.5-vl-7b', 'models/INTROSVG.gguf']) assert.equal(choosePromptProfile('auto', id).name, 'introsvg', id);
    for (const id of ['qwen2.5-vl-7b-instruct', 'gpt-4o', '', undefined]) assert.equal(choosePromptProfile('auto', id).name, 'generic', String(id));
    assert.equal(choosePromptProfile(undefined, 'IntroSVG-7B').name, 'introsvg');
    assert.equal(choosePromptProfile('generic', 'IntroSVG-7B').name, 'generic');
    assert.equal(choosePromptProfile('introsvg', 'gpt-4o').name, 'introsvg');
    assert.deepEqual(genericProfile.defaults, { rounds: 3, threshold: 8 });
  });
});
