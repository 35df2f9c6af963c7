// Runs first (see ../vscode/index.ts): the extension activates in an untrusted
// workspace with endpoint "bundled" and auto-start on, and launches nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TINY_SETTINGS, configure, fixturesPresent, testApi } from '../vscode/modelSetup';
import { closeAllEditors, extension, openSvg, sleep, waitFor } from '../vscode/util';
import { serverProcesses } from './trust';

describe('untrusted: activation', function () {
  this.timeout(60_000);
  after(closeAllEditors);

  it('the workspace folder is open and not trusted', () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1, 'the harness opens one folder');
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activation by opening an .svg with endpoint "bundled" and auto-start on launches no server', async () => {
    // Settings under which a trusted workspace would start a real server on the tiny model at activation.
    assert.ok(fixturesPresent(), 'tiny fixture models missing: run "npm run fixtures"');
    await configure(TINY_SETTINGS);
    const config = vscode.workspace.getConfiguration('svgCopilot');
    assert.equal(config.get('endpoint'), 'bundled');
    assert.equal(config.get('server.autoStart'), true);
    assert.equal(extension().isActive, false, 'the extension activated before any SVG was opened');

    await openSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n');
    await waitFor(() => extension().isActive, 'the extension to activate after opening an .svg file');
    const api = await testApi();
    const states: string[] = [];
    const sub = api.endpoints.server.onDidChangeState((s) => states.push(s));
    try {
      // Auto-start is scheduled right after activation; a launch would show as a state change and a child process.
      await sleep(2000);
    } finally {
      sub.dispose();
    }
    assert.equal(api.endpoints.server.state, 'stopped');
    assert.deepEqual(states, [], 'the server changed state');
    assert.deepEqual(serverProcesses(), [], 'a bundled server process is running');
  });
});
