// An open preview survives a real window reload: the workbench restores the
// panel through the extension's WebviewPanelSerializer, for the same file,
// rendered, at the zoom the user left it at.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extension, openSvg, scratchFolder, waitFor } from '../vscode/util';

const TEST = 'svgCopilot.test.preview';
const FILE = 'reload-preview.svg';
// 100% then three zoom-ins of 1.25×: a zoom no fit-to-panel default produces.
const ZOOM = 1.25 ** 3;

interface Rendered { uri: string; ok: boolean; error?: string; zoom: number }
interface State { open: boolean; resource?: string }
interface Probe { imageLoaded: boolean }

const hook = <T>(args: Record<string, unknown>): Thenable<T> => vscode.commands.executeCommand<T>(TEST, args);
const fileUri = (): string => vscode.Uri.file(join(scratchFolder(), FILE)).toString();

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">
  <rect x="2" y="2" width="8" height="8" fill="red"/>
  <circle cx="17" cy="17" r="5" fill="none" stroke="blue" stroke-width="2"/>
</svg>
`;

describe('before reload:', () => {
  it('opens a preview and zooms it', async () => {
    const editor = await openSvg(ICON, FILE);
    await vscode.commands.executeCommand('svgCopilot.openPreview', editor.document.uri);
    const uri = editor.document.uri.toString();
    const first = await hook<Rendered & { seq: number }>({ action: 'waitRender', uri, okOnly: true, timeoutMs: 15_000 });
    await hook({ action: 'zoom', zoom: 'actual' });
    for (let i = 0; i < 3; i++) await hook({ action: 'zoom', zoom: 'in' });
    // An edit makes the webview render again and report the zoom it now shows; saved, so the reload finds no dirty file.
    assert.ok(await editor.edit((b) => b.insert(editor.document.positionAt(0), '<!-- zoomed -->\n')), 'the edit applied');
    assert.ok(await editor.document.save(), 'the file saved');
    const zoomed = await hook<Rendered>({ action: 'waitRender', uri, minVersion: editor.document.version, afterSeq: first.seq, timeoutMs: 15_000 });
    assert.equal(zoomed.ok, true, zoomed.error);
    assert.ok(Math.abs(zoomed.zoom - ZOOM) < 1e-9, `zoom ${zoomed.zoom} after 100% and three zoom-ins`);
  });
});

describe('after reload:', () => {
  it('the preview is restored for the same file, rendered, at the same zoom', async () => {
    // Activation is what the restore triggers (onWebviewPanel); the test hooks come with it.
    await extension().activate();
    const uri = fileUri();
    const state = await waitFor(async () => {
      const s = await hook<State>({ action: 'state' });
      return s.open && s;
    }, 'the restored preview panel', 20_000);
    assert.equal(state.resource, uri);
    const r = await hook<Rendered>({ action: 'waitRender', uri, okOnly: true, timeoutMs: 20_000 });
    assert.equal(r.ok, true, r.error);
    assert.ok(Math.abs(r.zoom - ZOOM) < 1e-9, `zoom ${r.zoom} after the reload, expected ${ZOOM}`);
    const probe = await hook<Probe>({ action: 'probe' });
    assert.equal(probe.imageLoaded, true, 'the restored webview shows the rendered image');
  });
});
