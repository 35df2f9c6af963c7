// Hover on path data in the real extension host: the segment under the cursor
// explained with its absolute points, the path summarized, the command link,
// and "Explain with model" reporting clearly when no model server answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { configure, testApi } from './modelSetup';
import { closeAllEditors, openSvg, waitFor } from './util';

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <path fill="none" stroke="black" d="M4 4C8 -2 16 -2 20 4 L20 20 Z"/>\n  <polygon points="0,0 4,0 4,3"/>\n</svg>\n';

/** The hovers' markdown as plain text (escapes and non-breaking spaces undone). */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\(.)/g, '$1');
}

let lastSeen = '';

async function hoversAt(doc: vscode.TextDocument, offset: number): Promise<vscode.Hover[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset))) ?? [];
  lastSeen = JSON.stringify(hoverText(hovers));
  return hovers;
}

/** Waits for a hover at offset whose text includes needle; on failure, says what the hovers were. */
async function hoverWith(doc: vscode.TextDocument, offset: number, needle: string): Promise<vscode.Hover[]> {
  try {
    return await waitFor(async () => {
      const h = await hoversAt(doc, offset);
      return hoverText(h).includes(needle) && h;
    }, `a hover containing "${needle}"`);
  } catch (e) {
    throw new Error(`${(e as Error).message}; last hovers: ${lastSeen}`);
  }
}

describe('hover', function () {
  this.timeout(60_000);

  after(async () => {
    await configure({ endpoint: undefined, 'server.autoStart': undefined });
    await closeAllEditors();
  });

  it('hover on a path segment returns its explanation, absolute points and the path summary', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    const offset = ICON.indexOf('16 -2');
    const hovers = await hoverWith(doc, offset, 'Cubic Bézier');
    const text = hoverText(hovers);
    assert.match(text, /Segment 2 of 4/);
    assert.match(text, /`C`, cubic Bézier/);
    assert.match(text, /Cubic Bézier from \(4, 4\) to \(20, 4\), pulled up toward \(8, −2\) and \(16, −2\); length 19\.1/);
    assert.match(text, /Absolute: from \(4, 4\) · controls \(8, −2\), \(16, −2\) · to \(20, 4\)/);
    assert.match(text, /4 segments in 1 subpath \(closed\)/);
    assert.match(text, /command:svgCopilot\.explainPathWithModel\?/);
    const ours = hovers.find((h) => hoverText([h]).includes('Cubic Bézier'))!;
    assert.ok(ours.range, 'the hover has a range');
    assert.equal(doc.getText(ours.range), 'C8 -2 16 -2 20 4');
  });

  it('hover shows a thumbnail with the segment highlighted once the isolated renderer has drawn it', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    // The first hover starts the render (and the worker); a later one finds it done.
    const hovers = await waitFor(async () => {
      const h = await hoversAt(doc, ICON.indexOf('20 20'));
      return /!\[Segment 3 highlighted\]\(data:image\/png;base64,[A-Za-z0-9+/=]{100,}\|width=96\)/.test(hoverText(h)) && h;
    }, 'a hover with a thumbnail', 30_000);
    const png = /base64,([A-Za-z0-9+/=]+)/.exec(hoverText(hovers))![1];
    assert.deepEqual([...Buffer.from(png, 'base64').subarray(1, 4)], [...Buffer.from('PNG')]);
  });

  it('hover explains a polygon point and gives nothing on other attributes', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    const poly = hoverText(await hoverWith(doc, ICON.indexOf('4,3'), 'Line from'));
    assert.match(poly, /Line from \(4, 0\) to \(4, 3\); length 3/);
    assert.match(poly, /\*\*Polygon\*\*/);
    assert.doesNotMatch(hoverText(await hoversAt(doc, ICON.indexOf('black'))), /segment|Bézier|Path/i);
  });

  it('explain with model says clearly that no model server is reachable', async () => {
    const api = await testApi();
    api.interaction.clear();
    await configure({ endpoint: 'http://127.0.0.1:9/v1' });
    const editor = await openSvg(ICON);
    const result = await vscode.commands.executeCommand(
      'svgCopilot.explainPathWithModel',
      { uri: editor.document.uri.toString(), offset: ICON.indexOf('16 -2') },
    );
    assert.equal(result, undefined);
    const shown = await api.interaction.waitForMessage('no model server is reachable', 30_000);
    assert.equal(shown.severity, 'error');
    assert.ok(shown.actions.includes('Start Local Server'));
  });
});
