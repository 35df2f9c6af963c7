import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/lint/types';
import { CRITIQUE_SCHEMA, formatFindings } from '../../../src/core/model/prompts';
import {
  CRITIC_SETTINGS, GENERATOR_SETTINGS, REFINER_SETTINGS, generatorMessages, generatorPrompt, refinerPrompt, textCriticMessages, visionCriticMessages,
} from '../../../src/core/model/profiles/generic';

const finding = (severity: Finding['severity'], code: string, start = 0): Finding => ({ code, severity, message: `${code} message`, range: { start, end: start + 1 } });

describe('model/prompts (generic profile)', () => {
  it('uses the IntroSVG generator prompt and settings exactly', () => {
    assert.equal(generatorPrompt('a red heart'), 'Please generate an SVG icon that meets the following description: a red heart');
    assert.deepEqual(generatorMessages('x'), [{ role: 'user', content: 'Please generate an SVG icon that meets the following description: x' }]);
    assert.deepEqual(GENERATOR_SETTINGS, { temperature: 0.5, maxTokens: 6000 });
    assert.deepEqual(CRITIC_SETTINGS, { temperature: 0.1, maxTokens: 2048 });
    assert.equal(REFINER_SETTINGS.temperature, 0.2);
  });

  it('gives the vision critic the text first, then the PNG as a base64 data URL', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const [msg] = visionCriticMessages('a red heart', png);
    assert.equal(msg.role, 'user');
    const parts = msg.content as { type: string; text?: string; image_url?: { url: string } }[];
    assert.equal(parts[0].type, 'text');
    assert.match(parts[0].text ?? '', /a red heart/);
    assert.match(parts[0].text ?? '', /200x200/);
    assert.match(parts[0].text ?? '', /"score"/);
    assert.equal(parts[1].type, 'image_url');
    assert.equal(parts[1].image_url?.url, 'data:image/png;base64,iVBORw==');
  });

  it('gives the text critic the code and the lint findings', () => {
    const [msg] = textCriticMessages('a star', '<svg/>', [finding('warning', 'missing-viewbox')]);
    const text = msg.content as string;
    assert.match(text, /a star/);
    assert.match(text, /```svg\n<svg\/>\n```/);
    assert.match(text, /- warning missing-viewbox: missing-viewbox message/);
    assert.match(text, /"suggestions"/);
  });

  it('gives the refiner the goal, code, critique, suggestions, findings and any error', () => {
    const p = refinerPrompt({ goal: 'a cat', svg: '<svg>…</svg>', critique: 'Ears missing.', suggestions: '1. Add ears.', findings: [finding('error', 'invalid-path-data')], error: 'does not render' });
    for (const part of ['a cat', '<svg>…</svg>', 'Critique: Ears missing.', 'Suggestions: 1. Add ears.', 'error invalid-path-data', 'broken: does not render']) {
      assert.ok(p.includes(part), part);
    }
    const plain = refinerPrompt({ goal: 'a cat', svg: '<svg/>' });
    assert.ok(!plain.includes('Critique:') && !plain.includes('broken'));
  });

  it('orders findings by severity and caps their number', () => {
    const many = [finding('info', 'precision', 1), finding('error', 'bad', 5), ...Array.from({ length: 30 }, (_, i) => finding('hint', `h${i}`, 10 + i))];
    const lines = formatFindings(many, 5).split('\n');
    assert.equal(lines.length, 6);
    assert.match(lines[0], /error bad/);
    assert.match(lines[5], /and 27 more/);
  });

  it('constrains the critic to {score 0–10, critique, suggestions}', () => {
    assert.deepEqual((CRITIQUE_SCHEMA as { required: string[] }).required, ['score', 'critique', 'suggestions']);
    const props = (CRITIQUE_SCHEMA as { properties: Record<string, { minimum?: number; maximum?: number }> }).properties;
    assert.equal(props.score.minimum, 0);
    assert.equal(props.score.maximum, 10);
  });
});
