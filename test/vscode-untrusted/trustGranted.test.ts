// Runs last (files run in name order after activation.test.js): the user trusts
// the folder in the Workspace Trust editor, and what was held back happens.
// This also shows the other tests' checks can see a server and a workspace value.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { getSetting } from '../../src/features/config';
import { TINY_SETTINGS, configure, testApi } from '../vscode/modelSetup';
import { closeAllEditors, scratchFolder, waitFor, workbench } from '../vscode/util';
import { serverProcesses } from './trust';

const TRUST_BUTTON = '.workspace-trust-limitations.trusted .workspace-trust-buttons .monaco-button';
const WORKSPACE_ENDPOINT = 'http://127.0.0.1:9/v1';

describe('untrusted: trust granted', function () {
  this.timeout(120_000);
  const dir = join(scratchFolder(), '.vscode');

  before(function () {
    if (!workbench.available) this.skip();
  });

  after(async () => {
    await vscode.commands.executeCommand('svgCopilot.server.stop');
    rmSync(dir, { recursive: true, force: true });
    await closeAllEditors();
  });

  it('server: trusting the folder starts the bundled server (auto-start); its workspace endpoint then applies', async () => {
    const api = await testApi();
    await configure(TINY_SETTINGS);
    assert.equal(vscode.workspace.isTrusted, false);
    assert.deepEqual(serverProcesses(), []);
    const granted = new Promise<void>((r) => { const sub = vscode.workspace.onDidGrantWorkspaceTrust(() => { sub.dispose(); r(); }); });

    await vscode.commands.executeCommand('workbench.trust.manage');
    await workbench.click(TRUST_BUTTON, 'Trust');
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);

    await waitFor(() => api.endpoints.server.state === 'ready', 'the server to start after trust was granted', 90_000, 200);
    // The server forks its engine process from the same script: one launch shows as one or more processes.
    assert.ok(serverProcesses().length >= 1, 'no bundled server process is running');
    await vscode.commands.executeCommand('svgCopilot.server.stop');
    await waitFor(() => serverProcesses().length === 0, 'the server process to end');

    // The same workspace endpoint the untrusted tests saw ignored now applies.
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ 'svgCopilot.endpoint': WORKSPACE_ENDPOINT }));
    await waitFor(() => getSetting('endpoint') === WORKSPACE_ENDPOINT, 'the trusted workspace\'s endpoint to apply');
    const result = await api.endpoints.resolve();
    assert.equal(result.kind, 'unavailable', JSON.stringify(result));
    assert.match(result.kind === 'unavailable' ? result.message : '', /Cannot reach the model server at http:\/\/127\.0\.0\.1:9\/v1/);
  });
});
