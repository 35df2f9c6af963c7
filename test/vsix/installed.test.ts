// The VSIX as a user gets it: installed by VS Code, activated by opening an
// .svg file, its commands registered and its native binaries loadable.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const ID = 'svg-copilot.svg-copilot';

function installed(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(ID);
  assert.ok(ext, `${ID} is not installed`);
  return ext;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('installed VSIX', () => {
  it('is the packaged copy: no TypeScript sources, bundles present', () => {
    const ext = installed();
    assert.ok(!existsSync(join(ext.extensionPath, 'src')), `${ext.extensionPath} looks like a source tree`);
    const files = allFiles(ext.extensionPath);
    assert.deepEqual(files.filter((f) => /\.(ts|map)$/.test(f)), []);
    assert.ok(files.includes(join('dist', 'extension.js')));
  });

  it('ships no test seam: the bundles read no SVG_COPILOT_TEST and hold no test hook', () => {
    const dist = join(installed().extensionPath, 'dist');
    // Strings only the test build has (test/seams and the TEST_SEAMS branches esbuild drops in production).
    const markers = ['SVG_COPILOT_TEST', 'svgCopilot.test.', 'testProbe', 'testClick', 'testExport', 'testChoose', 'probeReport', 'answerInput', 'answerSaveDialog', 'securitypolicyviolation'];
    for (const bundle of ['extension.js', 'webview.js', 'loopSession.js']) {
      const text = readFileSync(join(dist, bundle), 'utf8');
      assert.deepEqual(markers.filter((m) => text.includes(m)), [], `dist/${bundle}`);
    }
  });

  it('activates when an .svg file is opened and registers its commands', async () => {
    const ext = installed();
    assert.equal(ext.isActive, false, 'active before any SVG was opened');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'no workspace folder');
    const file = join(folder, 'vsix-check.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const deadline = Date.now() + 20_000;
    while (!ext.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(ext.isActive, 'not activated within 20 s of opening an .svg file');

    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = ext.packageJSON.contributes?.commands ?? [];
    assert.ok(contributed.length > 0);
    assert.deepEqual(contributed.map((c) => c.command).filter((c) => !registered.has(c)), []);
  });

  it('ships native binaries that load: resvg renders, llama.node lists a CPU backend', async () => {
    const root = join(installed().extensionPath, 'node_modules');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Resvg } = require(join(root, '@resvg', 'resvg-js')) as typeof import('@resvg/resvg-js');
    const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>', { font: { loadSystemFonts: false } }).render().asPng();
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const llama = require(join(root, '@fugood', 'llama.node')) as { getBackendDevicesInfo(): Promise<{ type: string }[]> };
    const devices = await llama.getBackendDevicesInfo();
    assert.ok(devices.some((d) => d.type === 'cpu'), `devices: ${JSON.stringify(devices)}`);
  });
});
