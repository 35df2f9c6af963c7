// Every model edit is one undo step: generate into a selection or at the cursor,
// then one undo restores exactly what was there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { tinyModelSuite } from './modelSetup';

const GENERATE = 'svgCopilot.generate';

describe('undo', function () {
  this.timeout(180_000);
  const suite = tinyModelSuite();

  it('generate into a selection in an HTML file replaces exactly the selection; one undo restores the original (undo)', async () => {
    const original = '<p>before</p>\nICON HERE\n<p>after</p>\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'html', content: original });
    const editor = await vscode.window.showTextDocument(doc);
    const start = doc.positionAt(original.indexOf('ICON HERE'));
    editor.selection = new vscode.Selection(start, start.translate(0, 'ICON HERE'.length));

    const done = await vscode.commands.executeCommand<boolean>(GENERATE, 'a blue square');
    assert.equal(done, true, JSON.stringify(suite.api.interaction.messages()));
    const after = doc.getText();
    assert.ok(after.startsWith('<p>before</p>\n<svg'), after.slice(0, 200));
    assert.ok(after.endsWith('</svg>\n<p>after</p>\n'), after.slice(-200));
    assert.ok(!after.includes('ICON HERE'));

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo must restore exactly what was there');
  });

  it('generate at the cursor in a Markdown document inserts there; one undo restores it (undo)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Icons\n\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(new vscode.Position(2, 0), new vscode.Position(2, 0));
    assert.equal(await vscode.commands.executeCommand<boolean>(GENERATE, 'a star'), true);
    assert.match(doc.getText(), /^# Icons\n\n<svg[\s\S]*<\/svg>$/);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), '# Icons\n\n');
  });
});
