// package.json lists the endpoint and the server's binary and model paths as
// restrictedConfigurations: in an untrusted workspace the values a folder's
// .vscode/settings.json gives them must not reach the extension. (server.nodePath
// is also machine-scoped, so no workspace ever sets it; trustGranted.test.ts shows
// the workspace endpoint does apply once the folder is trusted.)
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { serverLaunch } from '../../src/features/localServer/launch';
import { isBundled } from '../../src/features/model/endpoints';
import { getSetting } from '../../src/features/config';
import { TINY_SETTINGS, configure, testApi } from '../vscode/modelSetup';
import { repoRoot, scratchFolder, waitFor } from '../vscode/util';
import { serverProcesses } from './trust';

const WORKSPACE_SETTINGS = {
  'svgCopilot.endpoint': 'http://127.0.0.1:9/v1',
  'svgCopilot.server.nodePath': '/nonexistent/bin/bogus-node',
  'svgCopilot.server.model': '/nonexistent/models/workspace.gguf',
  'svgCopilot.server.mmproj': '/nonexistent/models/workspace-mmproj.gguf',
  // A cloned repository must not switch off the removal of scripts from model output.
  'svgCopilot.allowActiveContent': true,
  // Not restricted: shows the file has been read.
  'svgCopilot.loop.rounds': 7,
};

describe('untrusted: restricted settings', function () {
  this.timeout(60_000);
  const dir = join(scratchFolder(), '.vscode');

  before(async () => {
    await testApi();
    await configure(TINY_SETTINGS);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));
    await waitFor(() => vscode.workspace.getConfiguration('svgCopilot').get('loop.rounds') === 7, 'the workspace settings file to load');
  });

  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await waitFor(() => vscode.workspace.getConfiguration('svgCopilot').get('loop.rounds') !== 7, 'the workspace settings file to unload');
  });

  it('settings: workspace values of svgCopilot.endpoint, allowActiveContent, server.nodePath, server.model and server.mmproj are ignored; user values apply', async () => {
    const config = vscode.workspace.getConfiguration('svgCopilot');
    for (const key of ['endpoint', 'server.nodePath', 'server.model', 'server.mmproj'] as const) {
      const seen = config.inspect(key);
      console.log(`    inspect(${key}): ${JSON.stringify({ user: seen?.globalValue, workspace: seen?.workspaceValue, folder: seen?.workspaceFolderValue })}`);
    }
    assert.equal(getSetting('loopRounds'), 7, 'the unrestricted workspace value applies');
    assert.equal(getSetting('endpoint'), 'bundled');
    assert.equal(isBundled(), true);
    assert.equal(getSetting('serverNodePath'), '');
    assert.equal(getSetting('serverModel'), TINY_SETTINGS['server.model']);
    assert.equal(getSetting('serverMmproj'), TINY_SETTINGS['server.mmproj']);
    assert.equal(getSetting('allowActiveContent'), false, 'the workspace turned active content on');

    const launch = serverLaunch(repoRoot, 'token');
    assert.equal(launch.command, process.execPath, 'the server would run with the workspace\'s nodePath');
    assert.ok(launch.args.includes(String(TINY_SETTINGS['server.model'])), launch.display);
    assert.ok(!launch.display.includes('/nonexistent/'), launch.display);
  });

  it('settings: the extension resolves the user\'s bundled endpoint, not the workspace URL, and still launches nothing', async () => {
    const api = await testApi();
    const result = await api.endpoints.resolve();
    assert.equal(result.kind, 'unavailable', JSON.stringify(result));
    const message = result.kind === 'unavailable' ? result.message : '';
    assert.match(message, /untrusted workspace/);
    assert.doesNotMatch(message, /127\.0\.0\.1:9/);
    assert.deepEqual(serverProcesses(), []);
  });
});
