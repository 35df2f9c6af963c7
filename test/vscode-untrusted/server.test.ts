// The local server in an untrusted workspace: the command refuses with a
// message about trust, and resolving the endpoint starts nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StartResult } from '../../src/features/localServer/localServer';
import type { EndpointResult } from '../../src/features/model/endpoints';
import type { SvgCopilotTestApi } from '../seams/extension';
import { TINY_SETTINGS, configure, testApi } from '../vscode/modelSetup';
import { serverProcesses } from './trust';

describe('untrusted: server', function () {
  this.timeout(60_000);
  let api: SvgCopilotTestApi;

  before(async () => {
    api = await testApi();
    await configure(TINY_SETTINGS);
    api.interaction.clear();
  });
  after(() => api.interaction.clear());

  it('server: "SVG Copilot: Start Local Server" refuses, saying the workspace is not trusted, and starts nothing', async () => {
    const result = await vscode.commands.executeCommand<StartResult>('svgCopilot.server.start');
    assert.equal(result.kind, 'error', JSON.stringify(result));
    assert.match(result.kind === 'error' ? result.message : '', /untrusted workspace/);
    const shown = await api.interaction.waitForMessage('untrusted workspace', 5000);
    assert.equal(shown.severity, 'error');
    assert.match(shown.text, /Trust the workspace/);
    assert.deepEqual(shown.actions, ['Manage Workspace Trust']);
    assert.equal(api.endpoints.server.state, 'stopped');
    assert.deepEqual(serverProcesses(), []);
  });

  it('server: a request on the bundled endpoint with auto-start on reports the trust refusal instead of launching', async () => {
    const result: EndpointResult = await api.endpoints.resolve();
    assert.equal(result.kind, 'unavailable', JSON.stringify(result));
    assert.match(result.kind === 'unavailable' ? result.message : '', /untrusted workspace/);
    assert.equal(api.endpoints.server.state, 'stopped');
    assert.deepEqual(serverProcesses(), []);
  });
});
