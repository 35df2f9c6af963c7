// Saves a screenshot of the preview with the critique panel, round history and
// candidate gallery filled in, as a test artifact (test-results/vscode/screenshots/).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openSvg, waitFor, workbench } from './util';

const TEST = 'svgCopilot.test.preview';
const hook = <T>(args: Record<string, unknown>): Thenable<T> => vscode.commands.executeCommand<T>(TEST, args);

function boat(sail: string, hull: string, sun: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ffcf70"/>
      <stop offset="1" stop-color="#ff7a59"/>
    </linearGradient>
  </defs>
  <rect width="64" height="64" rx="10" fill="url(#sky)"/>
  <circle cx="44" cy="22" r="9" fill="${sun}"/>
  <path d="M0 46 Q16 42 32 46 T64 46 V64 H0 Z" fill="#2f6db5"/>
  <path d="M30 10 V40 H14 Z" fill="${sail}"/>
  <path d="M33 16 V40 H46 Z" fill="${sail}" opacity="0.85"/>
  <path d="M12 42 H52 L46 50 H18 Z" fill="${hull}"/>
</svg>
`;
}

describe('preview screenshot', function () {
  this.timeout(60_000);
  before(async function () {
    if (!workbench.available) this.skip();
    await extension().activate();
  });
  after(closeAllEditors);

  it('preview: screenshot of the preview with critique, rounds and gallery', async () => {
    // The empty secondary side bar would take a third of the picture.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
    const text = boat('#ffffff', '#7a3e1d', '#fff3b0');
    const editor = await openSvg(text, 'sailboat.svg');
    const uri = editor.document.uri.toString();
    await hook({ action: 'generationStart', title: 'Critique: sailboat.svg', uri });
    await hook<{ ok: boolean }>({ action: 'waitRender', uri, okOnly: true });
    await hook({
      action: 'generationCritique',
      critique: {
        score: 8.5,
        critique: 'A clear, balanced sailboat; the hull reads well at small sizes.',
        suggestions: ['Give the sun a softer halo.', 'Align the sails to the pixel grid at 16 px.'],
        rationale: 'Shapes are simple and distinct; the colours contrast.',
      },
    });
    await hook({
      action: 'generationRounds',
      rounds: [
        { round: 1, score: 6, svg: boat('#dddddd', '#444444', '#ffffff'), label: 'draft' },
        { round: 2, score: 7.5, svg: boat('#ffffff', '#5a2e10', '#fff3b0'), label: 'refined' },
        { round: 3, score: 8.5, svg: text, label: 'final' },
      ],
    });
    await hook({
      action: 'generationCandidates',
      candidates: [
        { index: 0, svg: text, score: 8.5 },
        { index: 1, svg: boat('#ffe0f0', '#2d2d6b', '#ffffff'), score: 7 },
        { index: 2, svg: boat('#e0fff4', '#1d5a3e', '#ffe08a'), score: 6.5 },
      ],
    });
    // Put the cursor in the hull so the preview outlines it.
    const hull = text.indexOf('<path d="M12 42');
    const shown = await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    shown.selection = new vscode.Selection(shown.document.positionAt(hull + 2), shown.document.positionAt(hull + 2));
    await waitFor(async () => (await hook<{ outlineVisible: boolean }>({ action: 'probe' })).outlineVisible, 'the hull outline');
    const file = await workbench.screenshot('preview');
    assert.match(file, /preview\.png$/);
  });
});
