// The preview webview in the real VS Code: opening, live updates, zoom kept,
// hostile SVG inert, click-to-source, cursor outline, gallery, export.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openSvg, scratchFolder, waitFor, workbench } from './util';

const TEST = 'svgCopilot.test.preview';

interface Rendered { uri: string; seq: number; version: number; ok: boolean; error?: string; zoom: number; panX: number; panY: number; roundTripMs: number }
interface Probe {
  resources: string[]; cspViolations: string[]; pageMarkers: string[]; invalidMessages: number;
  imageLoaded: boolean; highlighted: number | null; outlineVisible: boolean; hostInvalidMessages: number; scripts: string[];
}

const hook = <T>(args: Record<string, unknown>): Thenable<T> => vscode.commands.executeCommand<T>(TEST, args);

async function rendered(doc: vscode.TextDocument, afterSeq = -1): Promise<Rendered> {
  return hook<Rendered>({ action: 'waitRender', uri: doc.uri.toString(), minVersion: doc.version, afterSeq, timeoutMs: 15_000 });
}

async function openPreviewFor(text: string, name: string): Promise<{ editor: vscode.TextEditor; first: Rendered }> {
  const editor = await openSvg(text, name);
  await vscode.commands.executeCommand('svgCopilot.openPreview', editor.document.uri);
  const first = await rendered(editor.document);
  return { editor, first };
}

async function replaceAll(editor: vscode.TextEditor, text: string): Promise<void> {
  const doc = editor.document;
  const ok = await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text));
  assert.ok(ok, 'the edit applied');
}

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">
  <rect id="box" x="2" y="2" width="8" height="8" fill="red"/>
  <circle id="ring" cx="17" cy="17" r="5" fill="none" stroke="blue" stroke-width="2"/>
</svg>
`;

// Everything an SVG can use to run code or reach the network. If any of it ran
// inside the webview it would mark the page, post a message, or show up as a
// fetched resource or a CSP violation.
const HOSTILE = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64" viewBox="0 0 64 64" onload="top.document.body.dataset.pwned='onload';parent.postMessage({type:'pwned'},'*')">
  <style>@import url("https://example.invalid/evil.css"); rect { fill: url("https://example.invalid/paint.svg#p") }</style>
  <script>top.document.body.dataset.pwned = 'script'; window.parent.postMessage({ type: 'pwned' }, '*'); fetch('https://example.invalid/fetch');</script>
  <script xlink:href="https://example.invalid/evil.js"/>
  <rect x="4" y="4" width="56" height="56" fill="green" onclick="top.document.body.dataset.pwned='click'" onmouseover="parent.postMessage({type:'pwned'},'*')"/>
  <a href="javascript:top.document.body.dataset.pwned='link'"><circle cx="32" cy="32" r="10" fill="yellow"/></a>
  <foreignObject x="0" y="0" width="64" height="64">
    <div xmlns="http://www.w3.org/1999/xhtml"><img src="https://example.invalid/x.png" onerror="top.document.body.dataset.pwned='onerror';parent.postMessage({type:'pwned'},'*')"/><iframe src="https://example.invalid/frame"></iframe></div>
  </foreignObject>
  <image href="https://example.invalid/remote.png" x="0" y="0" width="8" height="8"/>
  <image xlink:href="file:///etc/passwd" x="8" y="0" width="8" height="8"/>
  <use href="https://example.invalid/sprite.svg#icon"/>
  <animate attributeName="x" begin="0s" dur="1s" onbegin="top.document.body.dataset.pwned='animate'"/>
  <set attributeName="href" to="javascript:top.document.body.dataset.pwned='set'"/>
</svg>
`;

describe('preview', function () {
  this.timeout(60_000);
  before(async () => { await extension().activate(); });
  afterEach(closeAllEditors);

  it('preview: opens beside an SVG and draws it', async () => {
    const { editor, first } = await openPreviewFor(ICON, 'preview-open.svg');
    assert.equal(first.ok, true, first.error);
    assert.equal(first.version, editor.document.version);
    const state = await hook<{ open: boolean; resource: string }>({ action: 'state' });
    assert.equal(state.open, true);
    assert.equal(state.resource, editor.document.uri.toString());
  });

  it('preview: an edit round-trips to a rendered message for the new document version', async () => {
    const { editor, first } = await openPreviewFor(ICON, 'preview-edit.svg');
    await editor.edit((b) => b.insert(editor.document.positionAt(ICON.indexOf('</svg>')), '  <path d="M2 22h20"/>\n'));
    const after = await rendered(editor.document, first.seq);
    assert.equal(after.ok, true, after.error);
    assert.equal(after.version, editor.document.version);
    assert.ok(after.seq > first.seq);
  });

  it('preview: invalid SVG keeps the last good render and reports the error', async () => {
    const { editor, first } = await openPreviewFor(ICON, 'preview-invalid.svg');
    await replaceAll(editor, ICON.replace('</svg>', '<g></svg>'));
    const broken = await rendered(editor.document, first.seq);
    assert.equal(broken.ok, false);
    assert.match(broken.error ?? '', /Line \d+/);
    await replaceAll(editor, ICON);
    const fixed = await rendered(editor.document, broken.seq);
    assert.equal(fixed.ok, true, fixed.error);
  });

  it('zoom: zoom and pan survive document updates', async () => {
    const { editor, first } = await openPreviewFor(ICON, 'preview-zoom.svg');
    // From 100% (independent of the panel's size), two zoom-ins of 1.25×.
    await hook({ action: 'zoom', zoom: 'actual' });
    await hook({ action: 'zoom', zoom: 'in' });
    await hook({ action: 'zoom', zoom: 'in' });
    await editor.edit((b) => b.insert(editor.document.positionAt(ICON.indexOf('</svg>')), '  <path d="M2 22h20"/>\n'));
    const second = await rendered(editor.document, first.seq);
    assert.ok(Math.abs(second.zoom - 1.5625) < 1e-9, `zoom ${second.zoom} after 100% and two zoom-ins`);
    await editor.edit((b) => b.insert(editor.document.positionAt(0), '<!-- edited -->\n'));
    const third = await rendered(editor.document, second.seq);
    assert.equal(third.zoom, second.zoom);
    assert.equal(third.panX, second.panX);
    assert.equal(third.panY, second.panY);
  });

  it('hostile script: nothing in the SVG runs, posts a message or fetches anything', async () => {
    const { first } = await openPreviewFor(HOSTILE, 'preview-hostile.svg');
    assert.equal(first.ok, true, `the hostile SVG must really be drawn (${first.error ?? ''})`);
    // Give anything that could fire late (onload, animations, the 1 s <animate>) time to do so.
    await new Promise((r) => setTimeout(r, 1500));
    await hook({ action: 'click', x: 32, y: 32, timeoutMs: 5_000 }).then(undefined, () => undefined);
    const probe = await hook<Probe>({ action: 'probe' });
    assert.equal(probe.imageLoaded, true);
    assert.deepEqual(probe.pageMarkers, [], 'no page marker set');
    assert.equal(probe.invalidMessages, 0, 'no unexpected message reached the webview');
    assert.equal(probe.hostInvalidMessages, 0, 'no unexpected message reached the extension');
    assert.deepEqual(probe.cspViolations, [], 'no load was even attempted against the CSP');
    // VS Code injects its own webview bootstrap script; none of the SVG's scripts may have reached the page.
    assert.ok(probe.scripts.some((src) => /\/dist\/webview\.js(\?.*)?$/.test(src)), `the preview script is in the page: ${probe.scripts.join(', ')}`);
    assert.deepEqual(probe.scripts.filter((src) => /pwned|example\.invalid/.test(src)), [], 'no script from the SVG is in the page');
    const foreign = probe.resources.filter((r) => !/\/(dist\/webview\.js|media\/preview\.css)(\?.*)?$/.test(r));
    assert.deepEqual(foreign, [], `only the preview's own script and stylesheet were fetched: ${probe.resources.join(', ')}`);
    assert.ok(probe.resources.some((r) => r.includes('webview.js')), 'the probe sees real resource entries');
  });

  it('click/reveal: clicking a shape selects its source, and the cursor outlines it', async () => {
    const { editor } = await openPreviewFor(ICON, 'preview-click.svg');
    const ring = ICON.indexOf('<circle');
    const ringEnd = ICON.indexOf('/>', ring) + 2;
    // (17, 12) is on the circle's stroke; its centre (17, 17) is unpainted (fill="none").
    const hit = await hook<{ uri: string; start: vscode.Position; end: vscode.Position }>({ action: 'click', x: 17, y: 12 });
    const doc = editor.document;
    assert.equal(hit.uri, doc.uri.toString());
    assert.equal(doc.offsetAt(new vscode.Position(hit.start.line, hit.start.character)), ring);
    assert.equal(doc.offsetAt(new vscode.Position(hit.end.line, hit.end.character)), ringEnd);
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), doc.uri.toString());
    assert.equal(doc.getText(active!.selection), ICON.slice(ring, ringEnd));

    const box = ICON.indexOf('<rect');
    const hit2 = await hook<{ start: vscode.Position }>({ action: 'click', x: 5, y: 5 });
    assert.equal(doc.offsetAt(new vscode.Position(hit2.start.line, hit2.start.character)), box);

    // Cursor in the source → outline in the preview.
    const shown = await vscode.window.showTextDocument(doc, { preserveFocus: false });
    shown.selection = new vscode.Selection(doc.positionAt(ring + 3), doc.positionAt(ring + 3));
    const probe = await waitFor(async () => {
      const p = await hook<Probe>({ action: 'probe' });
      return p.highlighted === 1 && p.outlineVisible ? p : undefined;
    }, 'the circle to be outlined');
    assert.equal(probe.highlighted, 1);
  });

  it('gallery/candidate: streaming draws, choosing a candidate replaces the generated text, one undo restores it', async () => {
    const result = ICON;
    const other = ICON.replace('fill="red"', 'fill="purple"');
    const editor = await openSvg(result, 'preview-gallery.svg');
    const doc = editor.document;
    const startSeq = await hook<number>({ action: 'generationStart', title: 'Generating: test' });
    await hook({ action: 'generationStream', text: '```xml\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="1" y' });
    await hook({ action: 'generationStream', text: '```xml\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="1" y="1" width="9" height="9"/><g><circ' });
    const streamed = await hook<Rendered>({ action: 'waitRender', uri: '', afterSeq: startSeq, timeoutMs: 10_000 });
    assert.equal(streamed.ok, true, `the partial SVG was closed off and drawn (${streamed.error ?? ''})`);
    await hook({ action: 'generationCandidates', candidates: [{ index: 0, svg: result, score: 7.5 }, { index: 1, svg: other, score: 6, label: 'purple' }] });
    await hook({ action: 'generationFinish', result, placedIn: doc.uri.toString() });
    await hook<Rendered>({ action: 'waitRender', uri: '', afterSeq: streamed.seq, okOnly: true, timeoutMs: 10_000 });
    if (workbench.available) await workbench.screenshot('preview-gallery');
    await hook({ action: 'choose', index: 1 });
    await waitFor(() => doc.getText() === other, 'the candidate to replace the generated text');
    await vscode.window.showTextDocument(doc, { preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === result, 'one undo to restore the generated text');
  });

  it('export: Export PNG writes a PNG of the chosen size through the isolated renderer', async () => {
    await openPreviewFor(ICON, 'preview-export.svg');
    const target = join(scratchFolder(), 'preview-export-64.png');
    rmSync(target, { force: true });
    const r = await hook<{ ok: boolean; message: string; width: number; height: number }>({ action: 'export', size: 64, target });
    assert.equal(r.ok, true, r.message);
    assert.ok(existsSync(target));
    const png = readFileSync(target);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [64, 64]);
    rmSync(target, { force: true });
  });

  it('preview: follows the active SVG editor unless locked', async () => {
    const a = await openSvg(ICON, 'preview-follow-a.svg');
    await vscode.commands.executeCommand('svgCopilot.openPreview', a.document.uri);
    await rendered(a.document);
    const b = await openSvg(ICON.replace('red', 'green'), 'preview-follow-b.svg');
    await waitFor(async () => (await hook<{ resource: string }>({ action: 'state' })).resource === b.document.uri.toString(), 'the preview to follow b');
    await vscode.commands.executeCommand('svgCopilot.togglePreviewLock');
    await vscode.window.showTextDocument(a.document, { preview: false });
    await new Promise((r) => setTimeout(r, 300));
    const state = await hook<{ resource: string; locked: boolean }>({ action: 'state' });
    assert.equal(state.locked, true);
    assert.equal(state.resource, b.document.uri.toString());
    await vscode.commands.executeCommand('svgCopilot.togglePreviewLock');
    await waitFor(async () => (await hook<{ resource: string }>({ action: 'state' })).resource === a.document.uri.toString(), 'the unlocked preview to follow a again');
  });

  it('preview: the serializer restores file, lock, zoom and pan from saved state', async () => {
    const editor = await openSvg(ICON, 'preview-restore.svg');
    const uri = editor.document.uri.toString();
    await hook({ action: 'restore', state: { uri, locked: true, zoom: 3, panX: 10, panY: 20, fitted: false, background: 'black' } });
    const r = await rendered(editor.document);
    assert.equal(r.ok, true, r.error);
    assert.deepEqual([r.zoom, r.panX, r.panY], [3, 10, 20]);
    const state = await hook<{ resource: string; locked: boolean }>({ action: 'state' });
    assert.deepEqual([state.resource, state.locked], [uri, true]);
  });
});
