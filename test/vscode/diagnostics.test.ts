// Lint diagnostics and quick fixes in the real extension host: exact ranges on a
// broken SVG, updates after edits, quick fixes and "Fix all" applied through
// VS Code's own code action machinery.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openSvg, waitFor } from './util';

const SOURCE = 'SVG Copilot';

const BROKEN = [
  '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="32" role="img">',
  '  <title>broken</title>',
  '  <path d="M4 4L20 4X8 8" stroke="black"/>',
  '  <rect width="10" height="5" fill="bleu"/>',
  '</svg>',
  '',
].join('\n');

function lintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function withCode(uri: vscode.Uri, code: string): vscode.Diagnostic | undefined {
  return lintDiagnostics(uri).find((d) => codeOf(d) === code);
}

/** The range of the n-th occurrence of needle in the document's text. */
function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in document`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

describe('diagnostics', function () {
  this.timeout(60_000);

  before(async () => {
    await extension().activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('svgCopilot').update('lint.enabled', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('diagnostics on a broken SVG: exact ranges, codes and severities', async () => {
    const { document: doc } = await openSvg(BROKEN);
    await waitFor(() => withCode(doc.uri, 'invalid-color'), 'lint diagnostics');
    const path = withCode(doc.uri, 'invalid-path-data')!;
    assert.ok(path, JSON.stringify(lintDiagnostics(doc.uri)));
    assert.deepEqual(path.range, rangeOf(doc, 'X'));
    assert.equal(path.severity, vscode.DiagnosticSeverity.Error);
    const color = withCode(doc.uri, 'invalid-color')!;
    assert.deepEqual(color.range, rangeOf(doc, 'bleu'));
    assert.equal(color.severity, vscode.DiagnosticSeverity.Error);
    const viewBox = withCode(doc.uri, 'missing-viewbox')!;
    assert.deepEqual(viewBox.range, new vscode.Range(0, 1, 0, 4));
    assert.equal(viewBox.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('diagnostics follow edits: fixing the path data removes its error', async () => {
    const { document: doc } = await openSvg(BROKEN);
    await waitFor(() => withCode(doc.uri, 'invalid-path-data'), 'the path data error');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, rangeOf(doc, 'X'), 'L');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => !withCode(doc.uri, 'invalid-path-data') && withCode(doc.uri, 'invalid-color'), 'the path error to go while the color error stays');
  });

  it('quick fix repairs a finding: "Add viewBox" edits the text and its diagnostic disappears', async () => {
    const { document: doc } = await openSvg(BROKEN);
    const diag = await waitFor(() => withCode(doc.uri, 'missing-viewbox'), 'the missing viewBox warning');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Add viewBox="0 0 48 32"');
    assert.ok(fix?.edit, `no viewBox quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().startsWith('<svg viewBox="0 0 48 32" xmlns="http://www.w3.org/2000/svg" width="48" height="32"'), doc.getText().split('\n')[0]);
    await waitFor(() => !withCode(doc.uri, 'missing-viewbox'), 'the viewBox warning to disappear');
  });

  it('quick fix "Fix all SVG Copilot issues" applies every safe fix as one edit', async () => {
    const messy = '<svg width="24" height="24" onload="alert(1)">\n  <script>alert(2)</script>\n  <path d="M1.1234567 2h3v4z"/>\n  <g></g>\n</svg>\n';
    const { document: doc } = await openSvg(messy);
    await waitFor(() => withCode(doc.uri, 'script-element'), 'the script warning');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.svgCopilot', 1);
    const fixAllAction = actions.find((a) => a.title === 'Fix all SVG Copilot issues');
    assert.ok(fixAllAction?.edit, `no resolved fix-all among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAllAction.edit));
    const text = doc.getText();
    for (const gone of ['onload', '<script', '<g>', '1.1234567']) assert.ok(!text.includes(gone), `${gone} still in:\n${text}`);
    for (const added of ['xmlns="http://www.w3.org/2000/svg"', 'viewBox="0 0 24 24"', 'role="img"', 'd="M1.123 2h3v4z"']) assert.ok(text.includes(added), `${added} missing in:\n${text}`);
    await waitFor(() => lintDiagnostics(doc.uri).every((d) => codeOf(d) === 'missing-title'), 'only the title hint to remain');
    // One undo restores the original text.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), messy);
  });

  it('diagnostics also for an untitled XML document holding an <svg>', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1Q"/></svg>' });
    await vscode.window.showTextDocument(doc);
    const d = await waitFor(() => withCode(doc.uri, 'invalid-path-data'), 'a diagnostic on the untitled document');
    assert.equal(doc.getText(d.range), '');
    assert.equal(doc.offsetAt(d.range.start), doc.getText().indexOf('"/>'));
  });

  it('diagnostics on a 400 KB SVG (linted off the main thread) with exact ranges, updated after an edit', async () => {
    const rows = Array.from({ length: 12000 }, (_, i) => `  <path d="M${i % 24} 1h1v1h-1z"/>`);
    const text = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" role="img"><title>big</title>', ...rows, '  <path d="M1 1L2 2Y"/>', '</svg>', ''].join('\n');
    assert.ok(text.length > 300 * 1024);
    const { document: doc } = await openSvg(text);
    const d = await waitFor(() => withCode(doc.uri, 'invalid-path-data'), 'the path data error near the end', 30_000);
    assert.deepEqual(d.range, rangeOf(doc, 'Y'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, rangeOf(doc, 'Y'), 'Z');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => !withCode(doc.uri, 'invalid-path-data'), 'the error to go after the edit', 30_000);
  });

  it('diagnostics respect svgCopilot.lint.enabled', async () => {
    const { document: doc } = await openSvg(BROKEN);
    await waitFor(() => lintDiagnostics(doc.uri).length > 0, 'lint diagnostics');
    await vscode.workspace.getConfiguration('svgCopilot').update('lint.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => lintDiagnostics(doc.uri).length === 0, 'diagnostics to be cleared when lint is disabled');
    await vscode.workspace.getConfiguration('svgCopilot').update('lint.enabled', true, vscode.ConfigurationTarget.Global);
    await waitFor(() => lintDiagnostics(doc.uri).length > 0, 'diagnostics to come back');
  });
});
