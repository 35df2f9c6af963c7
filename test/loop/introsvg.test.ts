// An endpoint serving an IntroSVG model id, driven through the public CLI
// (dist/cli.js as a child process): it must receive the released prompts word
// for word, the critic's image as a 200×200 PNG, and the released sampling
// settings; a blank draft is never the result. The scripted server stands in
// for the model because what is checked is what the client sends.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLANK_DRAFT_CRITIQUE, BLANK_DRAFT_SUGGESTIONS, introsvgCriticPrompt, introsvgGeneratorPrompt, introsvgRefinerPrompt } from '../../src/core/model/profiles/introsvg';
import { decodePng } from '../unit/render/png';
import { cli } from './cliProcess';
import { startFaultServer, type FaultServer, type Script, type SeenRequest } from './faultServer';

const MODEL = 'IntroSVG-Qwen2.5-VL-7B';
const GOAL = 'A red heart with a "soft" highlight';
const DRAFT = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#e33" d="M100 180 L20 80 C20 20 100 20 100 60 C100 20 180 20 180 80 Z"/></svg>';
const FIX = (n: number) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="${40 + n * 10}" fill="#c22"/></svg>`;
const BLANK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect width="200" height="200" fill="#fff"/></svg>';
/** Critic strings with the whitespace and line breaks a real critic writes: the refiner must get them unchanged. */
const verdict = (score: number, n: number) => ({ score, critique: ` Round ${n}: the lobes are "uneven".\n`, suggestions: `1. Even the lobes.\n2. Add a highlight (round ${n}).` });

/** Answers capability probes like a vision endpoint with JSON-schema support. */
function introsvgScript(answer: (r: SeenRequest) => ReturnType<Script>): Script {
  return (r) => (r.kind === 'probe' ? { text: '{"ok": true}' } : answer(r));
}

const userText = (r: SeenRequest) => {
  const content = (r.body.messages as { content: unknown }[])[0].content;
  return Array.isArray(content) ? (content as { type: string; text?: string }[])[0].text : content;
};

function criticImage(r: SeenRequest): { width: number; height: number; corner: number[] } {
  const parts = (r.body.messages as { content: { type: string; image_url?: { url: string } }[] }[])[0].content;
  assert.equal(parts.length, 2);
  assert.equal(parts[1].type, 'image_url');
  const url = parts[1].image_url!.url;
  assert.match(url, /^data:image\/png;base64,/);
  const px = decodePng(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
  return { width: px.width, height: px.height, corner: px.at(0, 0) };
}

const sampling = (r: SeenRequest) => ({ temperature: r.body.temperature, top_p: r.body.top_p, max_tokens: r.body.max_tokens });

describe('IntroSVG endpoint through the CLI: the released prompts and settings', function () {
  this.timeout(60_000);
  let server: FaultServer | undefined;
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'svg-copilot-introsvg-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function serve(answer: (r: SeenRequest) => ReturnType<Script>, model = MODEL, noStreamUsage = false) {
    server = await startFaultServer(introsvgScript(answer), { model, imageTokens: 300, noStreamUsage });
    return server;
  }
  const loopRequests = (s: FaultServer) => s.requests.filter((r) => r.kind !== 'probe');

  it('runs a draft and 3 refinements, word for word, with the final critique at temperature 0', async () => {
    const s = await serve((r) => {
      if (r.kind === 'generate') return { text: DRAFT };
      if (r.kind === 'refine') return { text: FIX(r.nth) };
      return { text: JSON.stringify(verdict(6 + r.nth, r.nth)) };
    });
    const run = await cli(['generate', GOAL, '--endpoint', s.url, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const seq = loopRequests(s);
    assert.deepEqual(seq.map((r) => r.kind), ['generate', 'critic-vision', 'refine', 'critic-vision', 'refine', 'critic-vision', 'refine', 'critic-vision']);
    for (const r of seq) assert.equal(r.body.model, MODEL);

    const [gen] = seq;
    assert.deepEqual(gen.body.messages, [{ role: 'user', content: introsvgGeneratorPrompt(GOAL) }]);
    assert.equal(gen.body.messages && userText(gen), `Please generate an SVG icon that meets the following description: ${GOAL}`);
    assert.deepEqual(sampling(gen), { temperature: 0.5, top_p: 1, max_tokens: 6000 });

    const critics = seq.filter((r) => r.kind === 'critic-vision');
    for (const [i, c] of critics.entries()) {
      assert.equal(userText(c), introsvgCriticPrompt(GOAL));
      assert.ok(String(userText(c)).includes('SVG draft<image> according to the "Original Design Prompt"'));
      assert.deepEqual(criticImage(c), { width: 200, height: 200, corner: [255, 255, 255, 255] });
      assert.deepEqual(sampling(c), { temperature: i === 3 ? 0 : 0.1, top_p: undefined, max_tokens: 2048 }, `critic ${i}`);
    }

    const refines = seq.filter((r) => r.kind === 'refine');
    const drafts = [DRAFT, FIX(0), FIX(1)];
    for (const [i, r] of refines.entries()) {
      const v = verdict(6 + i, i);
      assert.equal(userText(r), introsvgRefinerPrompt(GOAL, drafts[i], v.critique, v.suggestions), `refine ${i}`);
      assert.deepEqual(sampling(r), { temperature: 0.2, top_p: 1, max_tokens: 6000 });
    }

    const summary = JSON.parse(run.stdout) as { best: { round: number; score: number }; rounds: unknown[] };
    assert.equal(summary.rounds.length, 4, 'a draft and 3 refinements');
    assert.deepEqual(summary.best, { round: 4, score: 9 });
  });

  it('stops at 9.5 by default with no extra call; an explicit --threshold wins', async () => {
    const scores = [7, 9.6];
    let s = await serve((r) => (r.kind === 'generate' ? { text: DRAFT } : r.kind === 'refine' ? { text: FIX(r.nth) } : { text: JSON.stringify(verdict(scores[r.nth] ?? 1, r.nth)) }));
    let run = await cli(['generate', GOAL, '--endpoint', s.url]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), FIX(0));
    assert.deepEqual(loopRequests(s).map((r) => r.kind), ['generate', 'critic-vision', 'refine', 'critic-vision']);
    assert.deepEqual(loopRequests(s).filter((r) => r.kind === 'critic-vision').map((r) => r.body.temperature), [0.1, 0.1], 'an early stop makes no final-temperature call');
    await s.close();

    s = await serve((r) => (r.kind === 'generate' ? { text: DRAFT } : r.kind === 'refine' ? { text: FIX(r.nth) } : { text: JSON.stringify(verdict(scores[r.nth] ?? 1, r.nth)) }));
    run = await cli(['generate', GOAL, '--endpoint', s.url, '--threshold', '7']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), DRAFT);
    assert.deepEqual(loopRequests(s).map((r) => r.kind), ['generate', 'critic-vision']);
  });

  it('--prompts generic overrides the model id; another model id gets the generic prompts by default', async () => {
    const answer = (r: SeenRequest): ReturnType<Script> => (r.kind === 'generate' ? { text: DRAFT } : r.kind === 'refine' ? { text: FIX(0) } : { text: JSON.stringify(verdict(3, 0)) });
    let s = await serve(answer);
    let run = await cli(['generate', GOAL, '--endpoint', s.url, '--prompts', 'generic', '--rounds', '2']);
    assert.equal(run.code, 0, run.stderr);
    let critic = loopRequests(s).find((r) => r.kind === 'critic-vision')!;
    assert.match(String(userText(critic)), /^You are an expert judge of SVG icons/);
    assert.ok(String(userText(loopRequests(s).find((r) => r.kind === 'refine')!)).startsWith('Please improve this SVG icon'));
    await s.close();

    s = await serve(answer, 'qwen2.5-vl-7b-instruct');
    run = await cli(['generate', GOAL, '--endpoint', s.url]);
    assert.equal(run.code, 0, run.stderr);
    critic = loopRequests(s).find((r) => r.kind === 'critic-vision')!;
    assert.match(String(userText(critic)), /^You are an expert judge of SVG icons/);
    assert.equal(loopRequests(s).filter((r) => r.kind === 'generate').length, 1);
    assert.equal(loopRequests(s).filter((r) => r.kind === 'critic-vision').length, 3, 'generic: 3 rounds by default');
    await s.close();

    s = await serve(answer, 'some-model');
    run = await cli(['generate', GOAL, '--endpoint', s.url, '--prompts', 'introsvg', '--rounds', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(userText(loopRequests(s).find((r) => r.kind === 'critic-vision')!), introsvgCriticPrompt(GOAL));
  });

  it('never ends with a blank first draft: no critic call for it, the refiner is told it is empty', async () => {
    const s = await serve((r) => (r.kind === 'generate' ? { text: BLANK } : r.kind === 'refine' ? { text: DRAFT } : { text: JSON.stringify(verdict(9.7, 0)) }));
    const run = await cli(['generate', GOAL, '--endpoint', s.url]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), DRAFT);
    assert.deepEqual(loopRequests(s).map((r) => r.kind), ['generate', 'refine', 'critic-vision']);
    const refine = loopRequests(s).find((r) => r.kind === 'refine')!;
    assert.equal(userText(refine), introsvgRefinerPrompt(GOAL, BLANK, BLANK_DRAFT_CRITIQUE, BLANK_DRAFT_SUGGESTIONS));
  });

  it('says so, and writes no SVG, when every draft is blank', async () => {
    const s = await serve((r) => (r.kind === 'generate' || r.kind === 'refine' ? { text: BLANK } : { text: JSON.stringify(verdict(10, 0)) }));
    const out = join(dir, 'never.svg');
    const run = await cli(['generate', GOAL, '--endpoint', s.url, '--rounds', '2', '-o', out]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /The model drew nothing visible: all 2 drawings were empty after 2 rounds/);
    assert.equal(loopRequests(s).filter((r) => r.kind.startsWith('critic')).length, 0, 'blank drawings are not critiqued');
    assert.throws(() => readFileSync(out));
  });

  it('critique --fix speaks IntroSVG too: final-critique settings, the critic\'s strings in the refiner, a warning when the fix wipes the drawing', async () => {
    const file = join(dir, 'heart.svg');
    writeFileSync(file, DRAFT);
    const speck = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect x="90" y="90" width="20" height="20" fill="#e33"/></svg>';
    const s = await serve((r) => (r.kind === 'refine' ? { text: speck } : { text: JSON.stringify(verdict(4, 0)) }));
    const fixed = join(dir, 'fixed.svg');
    const run = await cli(['critique', file, '--endpoint', s.url, '--prompt', GOAL, '--fix', '-o', fixed]);
    assert.equal(run.code, 0, run.stderr);
    const [critic, refine] = loopRequests(s);
    assert.equal(userText(critic), introsvgCriticPrompt(GOAL));
    assert.deepEqual(criticImage(critic), { width: 200, height: 200, corner: [255, 255, 255, 255] });
    assert.deepEqual(sampling(critic), { temperature: 0, top_p: undefined, max_tokens: 2048 });
    const v = verdict(4, 0);
    assert.equal(userText(refine), introsvgRefinerPrompt(GOAL, DRAFT, v.critique, v.suggestions));
    assert.deepEqual(sampling(refine), { temperature: 0.2, top_p: 1, max_tokens: 6000 });
    assert.match(run.stderr, /warning: This fix removes most of the drawing: \d+% of the original's visible ink is gone\./);
    assert.equal(readFileSync(fixed, 'utf8').trim(), speck);
  });

  it('generate --csv ends with the paper\'s metrics and writes summary.json, resumably', async () => {
    const s = await serve((r) => {
      const text = userText(r) ?? '';
      const empty = String(text).includes('an empty row');
      if (r.kind === 'generate') return { text: BLANK };
      if (r.kind === 'refine') return { text: empty ? BLANK : DRAFT };
      return { text: JSON.stringify(verdict(9.8, 0)) };
    });
    const csv = join(dir, 'batch.csv');
    writeFileSync(csv, 'id,desc\nheart,a red heart\nnothing,an empty row\n');
    const outDir = join(dir, 'out');
    const run = await cli(['generate', '--csv', csv, '--out-dir', outDir, '--endpoint', s.url, '--rounds', '2']);
    assert.equal(run.code, 0, run.stderr);
    // Streamed answers: the scripted server reports one token per 6-character chunk.
    const tokens = Math.ceil(DRAFT.length / 6);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.at(-1), `render success 50.0% (1/2), ${tokens.toFixed(1)} tokens per result on average, 3 blank drafts refused; written to ${join(outDir, 'summary.json')}`);
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(summary, { rows: 2, results: 2, failed: 0, renderSuccessRate: 0.5, averageTokens: tokens, tokensCountedFrom: { server: 1, stream: 0 }, blankDraftsRefused: 3, meanScore: 9.8, prompts: { introsvg: 2 } });
    assert.equal(readFileSync(join(outDir, 'heart.svg'), 'utf8').trim(), DRAFT);
    assert.throws(() => readFileSync(join(outDir, 'nothing.svg')), 'a blank result is not written');

    writeFileSync(csv, 'id,desc\nheart,a red heart\nnothing,an empty row\nmore,a red heart again\n');
    const again = await cli(['generate', '--csv', csv, '--out-dir', outDir, '--endpoint', s.url, '--rounds', '2', '--json']);
    assert.equal(again.code, 0, again.stderr);
    const table = JSON.parse(again.stdout) as { skipped: number; count: number; metrics: Record<string, unknown> };
    assert.equal(table.skipped, 2);
    assert.equal(table.count, 1);
    assert.deepEqual(table.metrics, { rows: 3, results: 3, failed: 0, renderSuccessRate: 2 / 3, averageTokens: tokens, tokensCountedFrom: { server: 2, stream: 0 }, blankDraftsRefused: 4, meanScore: 9.8, prompts: { introsvg: 3 } });
    assert.deepEqual(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')), table.metrics);
  });

  it('counts a result\'s tokens from the stream when the server reports no usage, and says so', async () => {
    const s = await serve((r) => (r.kind === 'generate' ? { text: DRAFT } : { text: JSON.stringify(verdict(9.9, 0)) }), MODEL, true);
    const csv = join(dir, 'usage.csv');
    writeFileSync(csv, 'id,desc\nheart,a red heart\n');
    const run = await cli(['generate', '--csv', csv, '--out-dir', join(dir, 'no-usage'), '--endpoint', s.url, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const { metrics } = JSON.parse(run.stdout) as { metrics: { averageTokens: number; tokensCountedFrom: unknown } };
    assert.equal(metrics.averageTokens, Math.ceil(DRAFT.length / 6), 'one token per streamed chunk');
    assert.deepEqual(metrics.tokensCountedFrom, { server: 0, stream: 1 });
  });
});
