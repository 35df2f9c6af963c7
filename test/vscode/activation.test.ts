// Runs first (see index.ts): it observes the extension before any other test touches it.
import * as assert from 'node:assert/strict';
import { closeAllEditors, extension, manifest, openSvg, waitFor } from './util';

describe('activation', () => {
  after(closeAllEditors);

  it('stays inactive in a workspace without SVG and activates when an .svg file is opened', async () => {
    assert.ok(manifest.activationEvents?.some((e) => e.startsWith('onLanguage:')), 'package.json declares no onLanguage activation');
    assert.equal(extension().isActive, false, 'the extension activated before any SVG was opened');

    const editor = await openSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n');
    assert.ok(['svg', 'xml'].includes(editor.document.languageId), `unexpected language ${editor.document.languageId}`);
    await waitFor(() => extension().isActive, 'the extension to activate after opening an .svg file');
  });
});
