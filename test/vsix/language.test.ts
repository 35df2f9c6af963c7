// SVG language features as a user meets them in the installed VSIX: keys
// typed into the editor, the suggest widget and the rename box of the real
// workbench (driven through the harness's keyboard).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitFor, workbench } from '../vscode/util';

const ID = 'svg-copilot.svg-copilot';

async function openInWorkspace(name: string, text: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'no workspace folder');
  const file = join(folder, name);
  writeFileSync(file, text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
  const ext = vscode.extensions.getExtension(ID);
  assert.ok(ext, `${ID} is not installed`);
  await waitFor(() => ext.isActive, 'the extension to activate', 20_000);
  return editor;
}

async function typeKeys(keys: string[]): Promise<void> {
  for (const key of keys) await workbench.press(key);
}

describe('SVG language features (installed VSIX)', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('typing an element prefix the file never mentions, then accepting the first suggestion, inserts that element', async function () {
    if (!workbench.available) this.skip();
    this.timeout(60_000);
    const text = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  \n</svg>\n';
    assert.ok(!text.includes('ci'));
    const editor = await openInWorkspace('language-complete.svg', text);
    editor.selection = new vscode.Selection(1, 2, 1, 2);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await waitFor(async () => (await workbench.texts('.monaco-editor.focused')).length > 0, 'the editor to take the focus');
    await typeKeys(['<', 'c', 'i']);
    await waitFor(() => editor.document.lineAt(1).text === '  <ci', 'the typed prefix');
    // The widget refilters as keys arrive: wait for the first row (the selected one, which Tab accepts) it shows for "<ci".
    let first: string[] = [];
    await waitFor(async () => {
      first = (await workbench.texts('.suggest-widget.visible .monaco-list-row.focused[data-index="0"] .label-name')).map((r) => r.trim());
      return first[0] === 'circle';
    }, 'the first suggestion to be circle', 20_000).catch((e: Error) => {
      throw new Error(`${e.message}; first suggestion shown: ${first.join(', ') || 'none'}`);
    });
    await workbench.press('Tab');
    await waitFor(() => editor.document.lineAt(1).text === '  <circle />', `the element inserted (line is "${editor.document.lineAt(1).text}")`);
    assert.equal(editor.document.getText(), text.replace('\n  \n', '\n  <circle />\n'));
  });

  it('Rename Symbol on a gradient id renames it and every reference to it, and nothing else', async function () {
    if (!workbench.available) this.skip();
    this.timeout(60_000);
    const lines = [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24">',
      '  <style>#sky { opacity: 1 } #sky-2 { opacity: .5 }</style>',
      '  <defs>',
      '    <linearGradient id="sky"><stop offset="0" stop-color="#09f"/></linearGradient>',
      '    <linearGradient id="sky-2" xlink:href="#sky"/>',
      '  </defs>',
      '  <rect fill="url(#sky)" stroke="url(\'#sky\')" width="24" height="24"/>',
      '  <circle fill="url(#sky-2)" r="4"><animate id="sky3" begin="0s" attributeName="r" to="5" dur="1s"/></circle>',
      '  <text>sky url(#sky)</text>',
      '</svg>',
      '',
    ];
    const text = lines.join('\n');
    const editor = await openInWorkspace('language-rename.svg', text);
    const idAt = text.indexOf('id="sky"') + 5;
    editor.selection = new vscode.Selection(editor.document.positionAt(idAt), editor.document.positionAt(idAt));
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await waitFor(async () => (await workbench.texts('.monaco-editor.focused')).length > 0, 'the editor to take the focus');
    await workbench.press('F2');
    // Keys go to the rename box only once its input has the focus (the box is in the page a moment earlier).
    await waitFor(async () => (await workbench.texts('.rename-box :focus')).length > 0, 'the rename box to take the focus', 20_000);
    await typeKeys(['d', 'a', 'w', 'n', 'Enter']);
    const expected = [
      lines[0],
      '  <style>#dawn { opacity: 1 } #sky-2 { opacity: .5 }</style>',
      lines[2],
      '    <linearGradient id="dawn"><stop offset="0" stop-color="#09f"/></linearGradient>',
      '    <linearGradient id="sky-2" xlink:href="#dawn"/>',
      lines[5],
      '  <rect fill="url(#dawn)" stroke="url(\'#dawn\')" width="24" height="24"/>',
      lines[7],
      lines[8],
      lines[9],
      '',
    ].join('\n');
    await waitFor(() => editor.document.getText() === expected, 'the rename to apply', 20_000).catch((e: Error) => {
      throw new Error(`${e.message}\n--- document now:\n${editor.document.getText()}`);
    });
  });

  it('Rename Symbol refuses an id another element has, with a clear message', async () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="a"/><linearGradient id="b"/><rect fill="url(#a)"/></svg>\n';
    const editor = await openInWorkspace('language-rename-refused.svg', text);
    const at = editor.document.positionAt(text.indexOf('url(#a)') + 5);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', editor.document.uri, at, 'b')),
      /Another element already has the id "b"/,
    );
    assert.equal(editor.document.getText(), text);
  });

  it('answers outline, folding, definition, references, colours and formatting through VS Code', async () => {
    const text = [
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">',
      '<defs>',
      '<radialGradient id="glow"><stop offset="0" stop-color="rgb(255, 0, 0)"/></radialGradient>',
      '</defs>',
      '<g id="layer">',
      '<circle fill="url(#glow)" r="4"/>',
      '</g>',
      '</svg>',
      '',
    ].join('\n');
    const editor = await openInWorkspace('language-structure.svg', text);
    const uri = editor.document.uri;
    const pos = (needle: string, delta = 0): vscode.Position => editor.document.positionAt(text.indexOf(needle) + delta);

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols.map((s) => s.name), ['<svg>']);
    assert.deepEqual(symbols[0].children.map((s) => s.name), ['<defs>', '<g> #layer']);

    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    assert.ok(folds.some((f) => f.start === 0 && f.end === 6), JSON.stringify(folds));

    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, pos('#glow', 2));
    const def = defs[0] as vscode.Location;
    assert.equal(editor.document.getText(def.range ?? (defs[0] as vscode.LocationLink).targetRange), 'glow');
    assert.equal(def.range.start.line, 2);

    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, pos('id="glow"', 5));
    assert.deepEqual(refs.map((r) => r.range.start.line).sort(), [2, 5]);

    const colors = await vscode.commands.executeCommand<vscode.ColorInformation[]>('vscode.executeDocumentColorProvider', uri);
    assert.equal(colors.length, 1);
    assert.equal(editor.document.getText(colors[0].range), 'rgb(255, 0, 0)');
    const presentations = await vscode.commands.executeCommand<vscode.ColorPresentation[]>('vscode.executeColorPresentationProvider', new vscode.Color(0, 0, 1, 1), { uri, range: colors[0].range });
    assert.equal(presentations[0].label, 'rgb(0, 0, 255)');

    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true });
    const formatted = new vscode.WorkspaceEdit();
    formatted.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(formatted));
    assert.equal(editor.document.getText(), text.replace('\n<defs>', '\n  <defs>').replace('\n<radialGradient', '\n    <radialGradient').replace('\n</defs>', '\n  </defs>')
      .replace('\n<g id', '\n  <g id').replace('\n<circle', '\n    <circle').replace('\n</g>', '\n  </g>'));
  });
});
