// "Critique SVG" and "Apply Fix" against the real server on the tiny fixtures:
// diagnostics from the critic, a diff to accept or discard, one undo step.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CritiqueFindings } from '../../src/features/model/sessionTypes';
import { configure, tinyModelSuite } from './modelSetup';
import { openSvg, waitFor } from './util';

const CRITIC = 'SVG Copilot (critic)';
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <circle cx="12" cy="12" r="9" fill="red"/>\n</svg>\n';

function criticDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === CRITIC);
}

function proposalTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'svg-copilot-proposal');
}

describe('critique', function () {
  this.timeout(180_000);
  const suite = tinyModelSuite();

  it('critique shows score, critique and suggestions as diagnostics that stay until the document changes', async () => {
    const editor = await openSvg(ICON);
    const uri = editor.document.uri;
    const findings = await vscode.commands.executeCommand<CritiqueFindings | undefined>('svgCopilot.critique', uri, 'a red circle');
    assert.ok(findings, `no findings: ${JSON.stringify(suite.api.interaction.messages())}`);
    assert.equal(typeof findings.critique, 'string');
    const diags = criticDiagnostics(uri);
    assert.ok(diags.length >= 1, 'no critic diagnostics');
    const headline = diags.find((d) => d.code === 'critique');
    assert.ok(headline, 'no headline diagnostic');
    if (findings.score !== undefined) assert.ok(headline.message.includes(`Score ${findings.score.toFixed(1)}/10`), headline.message);
    assert.equal(headline.range.start.line, 0, 'the headline sits on the <svg> start tag');
    assert.equal(diags.filter((d) => d.code === 'suggestion').length, findings.suggestions.length);
    // Explanations stay while the text is unchanged …
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(criticDiagnostics(uri).length, diags.length);
    // … and go with the first change.
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), '  <!-- edited -->\n'));
    await waitFor(() => criticDiagnostics(uri).length === 0, 'critic diagnostics to be dropped after an edit');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('critique of the same content again comes from the cache, without a model call', async () => {
    const editor = await openSvg(ICON);
    const first = await vscode.commands.executeCommand<CritiqueFindings>('svgCopilot.critique', editor.document.uri, 'a red circle');
    let calls = 0;
    const sub = suite.api.operations.onEvent((e) => { if (e.kind === 'critique' && e.event.type === 'started') calls++; });
    try {
      const second = await vscode.commands.executeCommand<CritiqueFindings>('svgCopilot.critique', editor.document.uri, 'a red circle');
      assert.deepEqual(second, first);
      assert.equal(calls, 0, 'the critic ran again for unchanged content');
    } finally {
      sub.dispose();
    }
  });

  it('critique mode "onSave": saving an .svg runs the critic; saving the same content again uses the cache', async () => {
    await configure({ 'critique.mode': 'onSave' });
    try {
      const editor = await openSvg(ICON.replace('r="9"', 'r="8"'));
      const doc = editor.document;
      let runs = 0;
      const sub = suite.api.operations.onEvent((e) => { if (e.kind === 'critique' && e.event.type === 'started') runs++; });
      try {
        await editor.edit((b) => b.insert(new vscode.Position(2, 0), '  <rect x="2" y="2" width="4" height="4"/>\n'));
        await doc.save();
        await waitFor(() => criticDiagnostics(doc.uri).length > 0, 'critic diagnostics after save', 60_000);
        assert.equal(runs, 1);
        // An edit drops the findings; a second edit that restores the text, then a save, is answered from the cache.
        await editor.edit((b) => b.insert(new vscode.Position(2, 0), ' '));
        await waitFor(() => criticDiagnostics(doc.uri).length === 0, 'findings dropped after the edit');
        await editor.edit((b) => b.delete(new vscode.Range(new vscode.Position(2, 0), new vscode.Position(2, 1))));
        assert.ok(doc.isDirty);
        await doc.save();
        await waitFor(() => criticDiagnostics(doc.uri).length > 0, 'cached critic diagnostics after the second save');
        assert.equal(runs, 1, 'the critic ran again for content it had already judged');
      } finally {
        sub.dispose();
      }
    } finally {
      await configure({ 'critique.mode': undefined });
    }
  });

  it('quick fix: the critic\'s diagnostics offer "Fix with SVG Copilot"', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    await vscode.commands.executeCommand('svgCopilot.critique', doc.uri, 'a red circle');
    const diag = criticDiagnostics(doc.uri)[0];
    assert.ok(diag);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Fix with SVG Copilot');
    assert.ok(fix, `code actions: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.command?.command, 'svgCopilot.applyFix');
  });

  it('Apply Fix → Accept opens a diff and applies the proposal as one edit (one undo restores)', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    await vscode.commands.executeCommand('svgCopilot.critique', doc.uri, 'a red circle');
    suite.api.interaction.answerMessage('proposes a fix', 'Accept');
    const outcome = await vscode.commands.executeCommand<string>('svgCopilot.applyFix', doc.uri);
    assert.equal(outcome, 'accepted', JSON.stringify(suite.api.interaction.messages()));
    assert.notEqual(doc.getText(), ICON, 'Accept did not change the document');
    assert.match(doc.getText(), /<svg[\s>][\s\S]*<\/svg>/);
    assert.equal(criticDiagnostics(doc.uri).length, 0, 'the critique of the old text is still shown');
    await waitFor(() => proposalTabs().length === 0, 'the diff to close');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), ICON, 'one undo must restore the original');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Apply Fix → Discard leaves the document unchanged and closes the diff', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    await vscode.commands.executeCommand('svgCopilot.critique', doc.uri, 'a red circle');
    const shownDiff = new Promise<boolean>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => { if (proposalTabs().length) { sub.dispose(); resolve(true); } });
      setTimeout(() => { sub.dispose(); resolve(proposalTabs().length > 0); }, 120_000);
    });
    suite.api.interaction.answerMessage('proposes a fix', 'Discard');
    const outcome = await vscode.commands.executeCommand<string>('svgCopilot.applyFix', doc.uri);
    assert.equal(outcome, 'discarded');
    assert.equal(await shownDiff, true, 'no diff (current ↔ proposed) was opened');
    assert.equal(doc.getText(), ICON);
    assert.equal(doc.isDirty, false);
    await waitFor(() => proposalTabs().length === 0, 'the diff to close');
    assert.ok(criticDiagnostics(doc.uri).length >= 1, 'the critique must stay while the document is unchanged');
  });

  it('the diff editor title actions accept a pending proposal', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    await vscode.commands.executeCommand('svgCopilot.critique', doc.uri, 'a red circle');
    // Unanswered notification: the proposal stays pending with the diff open.
    const outcome = await vscode.commands.executeCommand<string>('svgCopilot.applyFix', doc.uri);
    assert.equal(outcome, 'pending');
    const tab = await waitFor(() => proposalTabs()[0], 'the diff tab');
    const modified = (tab.input as vscode.TabInputTextDiff).modified;
    const proposed = (await vscode.workspace.openTextDocument(modified)).getText();
    assert.equal(await vscode.commands.executeCommand('svgCopilot.acceptFix', modified), 'accepted');
    assert.equal(doc.getText(), proposed, 'the document now holds exactly the proposed text');
  });
});
