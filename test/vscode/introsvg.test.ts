// An endpoint serving an IntroSVG model id, in the real extension host:
// Generate, Critique SVG and Apply Fix speak the released IntroSVG prompts
// (rounds and threshold the user did not set follow the paper), a blank
// drawing never reaches the editor, and a fix that wipes out the drawing says
// so before Accept. The scripted server stands in for the model because what
// is checked is what the extension sends.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BLANK_DRAFT_CRITIQUE, BLANK_DRAFT_SUGGESTIONS, introsvgCriticPrompt, introsvgGeneratorPrompt, introsvgRefinerPrompt } from '../../src/core/model/profiles/introsvg';
import { startFaultServer, type FaultServer, type Script, type SeenRequest } from '../loop/faultServer';
import { configure, testApi } from './modelSetup';
import { closeAllEditors, openSvg, waitFor } from './util';
import type { SvgCopilotTestApi } from '../seams/extension';

const MODEL = 'IntroSVG-Qwen2.5-VL-7B';
const GOAL = 'a red heart';
const HEART = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#e33" d="M100 180 L20 80 C20 20 100 20 100 60 C100 20 180 20 180 80 Z"/></svg>';
const BLANK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"></svg>';
const SPECK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect x="90" y="90" width="20" height="20" fill="#e33"/></svg>';
const verdict = (score: number) => JSON.stringify({ score, critique: ' The lobes are "uneven".\n', suggestions: '1. Even the lobes.\n2. Add a highlight.' });

const userText = (r: SeenRequest) => {
  const content = (r.body.messages as { content: unknown }[])[0].content;
  return Array.isArray(content) ? (content as { type: string; text?: string }[])[0].text : content;
};
const loopRequests = (s: FaultServer) => s.requests.filter((r) => r.kind !== 'probe');

describe('IntroSVG endpoint in VS Code', function () {
  this.timeout(120_000);
  let api: SvgCopilotTestApi;
  let server: FaultServer | undefined;

  async function serve(answer: Script, settings: Record<string, unknown> = {}): Promise<FaultServer> {
    server = await startFaultServer((r) => (r.kind === 'probe' ? { text: '{"ok": true}' } : answer(r)), { model: MODEL, imageTokens: 300 });
    await configure({ endpoint: server.url, model: '', 'server.autoStart': false, 'loop.rounds': undefined, 'loop.threshold': undefined, 'loop.candidates': 1, 'loop.prompts': undefined, ...settings });
    return server;
  }

  before(async () => {
    api = await testApi();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    api.interaction.clear();
    await closeAllEditors();
  });
  after(async () => {
    await configure({ endpoint: undefined, model: undefined, 'server.autoStart': undefined, 'loop.rounds': undefined, 'loop.threshold': undefined, 'loop.candidates': undefined, 'loop.prompts': undefined });
  });

  it('Generate refuses a blank first draft, tells the refiner it is empty in IntroSVG\'s words, and stops at 9.5', async () => {
    const s = await serve((r) => (r.kind === 'generate' ? { text: BLANK } : r.kind === 'refine' ? { text: HEART } : { text: verdict(9.7) }));
    api.interaction.answerInput(GOAL);
    const done = await vscode.commands.executeCommand<boolean>('svgCopilot.generate');
    assert.equal(done, true, JSON.stringify(api.interaction.messages()));
    assert.equal(vscode.window.activeTextEditor?.document.getText().trim(), HEART);
    assert.deepEqual(loopRequests(s).map((r) => r.kind), ['generate', 'refine', 'critic-vision']);
    const [gen, refine, critic] = loopRequests(s);
    assert.equal(userText(gen), introsvgGeneratorPrompt(GOAL));
    assert.deepEqual([gen.body.temperature, gen.body.top_p, gen.body.max_tokens], [0.5, 1, 6000]);
    assert.equal(userText(refine), introsvgRefinerPrompt(GOAL, BLANK, BLANK_DRAFT_CRITIQUE, BLANK_DRAFT_SUGGESTIONS));
    assert.equal(userText(critic), introsvgCriticPrompt(GOAL));
    assert.equal(critic.body.temperature, 0.1, 'round 2 of the paper\'s 4 is not the last');
  });

  it('Generate whose every draft is blank shows a clear message and puts nothing in the editor', async () => {
    await serve((r) => (r.kind === 'generate' || r.kind === 'refine' ? { text: BLANK } : { text: verdict(10) }), { 'loop.rounds': 2 });
    const editor = await openSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"/>\n');
    const before = editor.document.getText();
    api.interaction.answerInput(GOAL);
    const done = await vscode.commands.executeCommand<boolean>('svgCopilot.generate');
    assert.equal(done, false);
    const shown = await api.interaction.waitForMessage('drew nothing visible');
    assert.equal(shown.severity, 'error');
    assert.equal(editor.document.getText(), before, 'the document is unchanged');
    assert.equal(server!.requests.filter((r) => r.kind.startsWith('critic')).length, 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('an explicit threshold setting wins over the paper\'s 9.5', async () => {
    const s = await serve((r) => (r.kind === 'generate' ? { text: HEART } : { text: verdict(8) }), { 'loop.threshold': 7.5 });
    api.interaction.answerInput(GOAL);
    assert.equal(await vscode.commands.executeCommand<boolean>('svgCopilot.generate'), true);
    assert.deepEqual(loopRequests(s).map((r) => r.kind), ['generate', 'critic-vision']);
  });

  it('Critique SVG and Apply Fix speak IntroSVG; a fix that wipes out the drawing says so before Accept', async () => {
    const s = await serve((r) => (r.kind === 'refine' ? { text: SPECK } : { text: verdict(4) }));
    const editor = await openSvg(`${HEART}\n`);
    const doc = editor.document;
    await vscode.commands.executeCommand('svgCopilot.critique', doc.uri, GOAL);
    const [critic] = loopRequests(s);
    assert.equal(userText(critic), introsvgCriticPrompt(GOAL));
    assert.deepEqual([critic.body.temperature, critic.body.max_tokens], [0, 2048]);

    api.interaction.answerMessage('proposes a fix', 'Discard');
    const outcome = await vscode.commands.executeCommand<string>('svgCopilot.applyFix', doc.uri);
    assert.equal(outcome, 'discarded', JSON.stringify(api.interaction.messages()));
    const refine = loopRequests(s).find((r) => r.kind === 'refine')!;
    assert.equal(userText(refine), introsvgRefinerPrompt(GOAL, `${HEART}\n`, ' The lobes are "uneven".\n', '1. Even the lobes.\n2. Add a highlight.'), 'the critic\'s strings, not re-joined');
    assert.deepEqual([refine.body.temperature, refine.body.top_p, refine.body.max_tokens], [0.2, 1, 6000]);
    const proposal = api.interaction.messages().find((m) => m.text.includes('proposes a fix'));
    assert.ok(proposal);
    assert.equal(proposal.severity, 'warning');
    assert.match(proposal.text, /Careful: This fix removes most of the drawing: \d+% of the original's visible ink is gone\./);
    assert.equal(doc.getText(), `${HEART}\n`);
    await waitFor(() => !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)), 'the diff to close');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
