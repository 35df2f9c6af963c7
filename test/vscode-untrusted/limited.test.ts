// Limited support: linting and the preview work in an untrusted workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openSvg, waitFor } from '../vscode/util';

const BROKEN = [
  '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="32" viewBox="0 0 48 32">',
  '  <path d="M4 4L20 4X8 8" stroke="black"/>',
  '  <rect width="10" height="5" fill="bleu"/>',
  '</svg>',
  '',
].join('\n');

function lintCodes(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source === 'SVG Copilot')
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
}

describe('untrusted: lint and preview', function () {
  this.timeout(60_000);
  before(async () => { await extension().activate(); });
  afterEach(closeAllEditors);

  it('diagnostics: a broken SVG gets its lint diagnostics at the right range', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const { document: doc } = await openSvg(BROKEN, 'untrusted-broken.svg');
    await waitFor(() => lintCodes(doc.uri).includes('invalid-color') && lintCodes(doc.uri).includes('invalid-path-data'), 'lint diagnostics');
    const color = vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'SVG Copilot' && String(typeof d.code === 'object' ? d.code.value : d.code) === 'invalid-color')!;
    const at = doc.getText().indexOf('bleu');
    assert.deepEqual(color.range, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 4)));
  });

  it('preview: opens beside an SVG and draws it', async () => {
    const editor = await openSvg('<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><rect x="2" y="2" width="8" height="8" fill="red"/></svg>\n', 'untrusted-preview.svg');
    await vscode.commands.executeCommand('svgCopilot.openPreview', editor.document.uri);
    const rendered = await vscode.commands.executeCommand<{ ok: boolean; error?: string; version: number }>('svgCopilot.test.preview', {
      action: 'waitRender', uri: editor.document.uri.toString(), minVersion: editor.document.version, afterSeq: -1, timeoutMs: 15_000,
    });
    assert.equal(rendered.ok, true, rendered.error);
    assert.equal(rendered.version, editor.document.version);
  });
});
