// Cancelling a generation mid-stream leaves every document exactly as it was,
// and an unreachable endpoint is reported with the two ways out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SvgCopilotTestApi } from '../seams/extension';
import { configure, useTinyModel, fixturesPresent, resetSettings, testApi } from './modelSetup';
import { closeAllEditors } from './util';

describe('cancel', function () {
  this.timeout(180_000);
  let api: SvgCopilotTestApi;

  before(async () => {
    assert.ok(fixturesPresent(), 'tiny fixture models missing: run "npm run fixtures"');
    api = await testApi();
    // Several rounds, so there is plenty left to cancel when the first tokens arrive.
    await useTinyModel({ 'loop.rounds': 3, 'loop.threshold': 10 });
  });

  after(async () => {
    await vscode.commands.executeCommand('svgCopilot.server.stop');
    await resetSettings();
    api.interaction.clear();
    await closeAllEditors();
  });

  it('cancel mid-generation changes nothing: no text in the document, no new editor', async () => {
    await closeAllEditors();
    const original = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  \n</svg>\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'html', content: original });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(new vscode.Position(1, 2), new vscode.Position(1, 2));
    const docsBefore = vscode.workspace.textDocuments.length;
    const versionBefore = doc.version;

    let streamed = 0;
    const sub = api.operations.onEvent((e) => {
      if (e.kind === 'generate' && e.event.type === 'stream' && ++streamed === 1) api.operations.cancelAll('generate');
    });
    try {
      const done = await vscode.commands.executeCommand<boolean>('svgCopilot.generate', 'a house with a chimney');
      assert.equal(done, false, 'a cancelled generation must report that it did not finish');
    } finally {
      sub.dispose();
    }
    assert.ok(streamed >= 1, 'the generation never streamed, so nothing was cancelled mid-stream');
    assert.equal(api.operations.count, 0, 'the operation is still registered as running');
    assert.equal(doc.getText(), original);
    assert.equal(doc.version, versionBefore, 'the document was edited (and maybe reverted) instead of left alone');
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.getText().includes('<svg') && d !== doc).length, 0, 'an untitled result was opened');
    assert.ok(vscode.workspace.textDocuments.length <= docsBefore + 1, 'unexpected documents were opened');
  });

  it('endpoint down: generate says no server is reachable and offers "Start Local Server" and "Open Settings"', async () => {
    await configure({ endpoint: 'http://127.0.0.1:9/v1' });
    try {
      api.interaction.clear();
      const done = await vscode.commands.executeCommand<boolean>('svgCopilot.generate', 'a tree');
      assert.equal(done, false);
      const shown = await api.interaction.waitForMessage('no model server is reachable', 5000);
      assert.equal(shown.severity, 'error');
      assert.match(shown.text, /127\.0\.0\.1:9/, 'the message names the endpoint');
      assert.deepEqual(shown.actions, ['Start Local Server', 'Open Settings']);
    } finally {
      await configure({ endpoint: 'bundled' });
    }
  });

  it('endpoint down: choosing "Start Local Server" starts the bundled server', async () => {
    await vscode.commands.executeCommand('svgCopilot.server.stop');
    await configure({ endpoint: 'http://127.0.0.1:9/v1' });
    try {
      api.interaction.clear();
      api.interaction.answerMessage('no model server is reachable', 'Start Local Server');
      api.interaction.answerMessage('the local server is ready', undefined);
      await vscode.commands.executeCommand<boolean>('svgCopilot.generate', 'a tree');
      assert.equal(api.endpoints.server.state, 'ready');
      const offer = await api.interaction.waitForMessage('the local server is ready', 5000);
      assert.deepEqual(offer.actions, ['Use Local Server']);
    } finally {
      await configure({ endpoint: 'bundled' });
      await vscode.commands.executeCommand('svgCopilot.server.stop');
    }
  });
});
