// The workbench request channel other tests rely on (screenshots, UI text).
import * as assert from 'node:assert/strict';
import { openSync, readSync, closeSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, openSvg, waitFor, workbench } from './util';

function pngSize(file: string): { width: number; height: number } {
  const header = Buffer.alloc(24);
  const fd = openSync(file, 'r');
  readSync(fd, header, 0, 24, 0);
  closeSync(fd);
  assert.equal(header.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

describe('workbench request channel', () => {
  before(function () {
    if (!workbench.available) this.skip();
  });
  after(closeAllEditors);

  it('reads the UI and takes screenshots of the page and of one part', async () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg" data-check="harness"/>';
    const editor = await openSvg(text + '\n', 'harness-check.svg');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    // innerText follows the layout: the tab shows name and extension on separate lines.
    await waitFor(async () => (await workbench.texts('.tabs-container .tab.active')).some((t) => t.replace(/\s+/g, '') === 'harness-check.svg'), 'the active tab to name the file');
    await waitFor(async () => (await workbench.texts('.part.editor .monaco-editor .view-lines')).includes(text), 'the editor to render the SVG text');

    const page = pngSize(await workbench.screenshot('harness-page'));
    const part = pngSize(await workbench.screenshot('harness-editor', '.part.editor'));
    assert.ok(page.width >= 800 && page.height >= 600, `page ${JSON.stringify(page)}`);
    assert.ok(part.width < page.width && part.height <= page.height, `editor part ${JSON.stringify(part)} vs page ${JSON.stringify(page)}`);
  });
});
