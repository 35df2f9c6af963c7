// "Generate SVG from Prompt" end to end in the real extension host: the bundled
// server on the tiny fixture model, the real loop, the real editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { tinyModelSuite } from './modelSetup';
import { closeAllEditors } from './util';

const GENERATE = 'svgCopilot.generate';

describe('generate', function () {
  this.timeout(180_000);
  const suite = tinyModelSuite();

  it('generate with no editor open writes the SVG into a new untitled document', async () => {
    await closeAllEditors();
    suite.api.interaction.clear();
    suite.api.interaction.answerInput('a red circle');
    const done = await vscode.commands.executeCommand<boolean>(GENERATE);
    assert.equal(done, true, `generation did not finish: ${JSON.stringify(suite.api.interaction.messages())}`);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor shows the result');
    assert.equal(editor.document.isUntitled, true);
    const text = editor.document.getText();
    assert.match(text, /^\s*<svg[\s>]/, `not an SVG: ${text.slice(0, 200)}`);
    assert.match(text, /<\/svg>\s*$/);
    assert.equal(suite.api.endpoints.server.state, 'ready', 'the first generation auto-started the bundled server');
  });
});
