// Local server management from the command palette, against the real bundled
// server (dist/server.js) on the tiny fixture models.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { StartResult } from '../../src/features/localServer/localServer';
import { TINY_SETTINGS, configure, tinyModelSuite } from './modelSetup';

describe('server: local server management', function () {
  this.timeout(120_000);
  const suite = tinyModelSuite({ closeEditors: false });

  it('Start Local Server starts the server on the configured GGUF; it answers with the token; Stop ends it', async () => {
    const started = await vscode.commands.executeCommand<StartResult>('svgCopilot.server.start');
    assert.equal(started.kind, 'ready', JSON.stringify(started));
    assert.equal(suite.api.endpoints.server.state, 'ready');
    const { url, token } = started.kind === 'ready' ? started.connection : { url: '', token: '' };
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    // No GPU in tests: the server says it runs on the CPU and why (the log and the status bar tooltip show this).
    const connection = started.kind === 'ready' ? started.connection : undefined;
    assert.match(connection?.device ?? '', /^CPU/);
    assert.match(connection?.deviceReason ?? '', /^(auto: no GPU here|--gpu-layers 0|--backend cpu)/);

    const withToken = await fetch(`${url}/models`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(withToken.status, 200);
    const models = (await withToken.json()) as { data: { id: string }[] };
    assert.ok(models.data.length >= 1, 'the server lists its model');
    const without = await fetch(`${url}/models`);
    assert.equal(without.status, 401, 'the server must refuse requests without the token');

    // During a real generation, no process command line (which every local user can read) carries the token.
    const generation = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: models.data[0].id, messages: [{ role: 'user', content: 'Please generate an SVG icon of a cat' }], max_tokens: 200, seed: 3, temperature: 1, stream: true }),
    });
    assert.equal(generation.status, 200);
    const reader = generation.body!.getReader();
    await reader.read();
    const carriers = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(token); } catch { return false; }
    });
    const servers = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server.js'); } catch { return false; }
    });
    assert.ok(servers.length >= 2, `the server and its worker are running (${servers.length} found)`);
    assert.deepEqual(carriers, [], 'a command line carries the token');
    while (!(await reader.read()).done) { /* drain the generation */ }

    const state = await vscode.commands.executeCommand<string>('svgCopilot.server.stop');
    assert.equal(state, 'stopped');
    await assert.rejects(fetch(`${url}/models`, { headers: { authorization: `Bearer ${token}` } }), 'the server still answers after Stop');
  });

  it('Restart Local Server gives a fresh token and port', async () => {
    const first = await vscode.commands.executeCommand<StartResult>('svgCopilot.server.start');
    assert.equal(first.kind, 'ready');
    const second = await vscode.commands.executeCommand<StartResult>('svgCopilot.server.restart');
    assert.equal(second.kind, 'ready');
    if (first.kind !== 'ready' || second.kind !== 'ready') return;
    assert.notEqual(second.connection.token, first.connection.token);
    await assert.rejects(fetch(`${first.connection.url}/models`), 'the first server survived the restart');
    await vscode.commands.executeCommand('svgCopilot.server.stop');
  });

  it('a model file that does not exist fails the start with a message offering Show Log and Open Settings', async () => {
    await configure({ 'server.model': '/nonexistent/dir/missing-model.gguf' });
    try {
      suite.api.interaction.clear();
      const result = await vscode.commands.executeCommand<StartResult>('svgCopilot.server.start');
      assert.equal(result.kind, 'error');
      assert.equal(suite.api.endpoints.server.state, 'error');
      const shown = await suite.api.interaction.waitForMessage('could not start', 5000);
      assert.equal(shown.severity, 'error');
      assert.match(shown.text, /missing-model\.gguf/, 'the message names the missing file');
      assert.ok(shown.actions.includes('Show Log') && shown.actions.includes('Open Settings'), JSON.stringify(shown.actions));
    } finally {
      await configure({ 'server.model': TINY_SETTINGS['server.model'] });
      await vscode.commands.executeCommand('svgCopilot.server.stop');
    }
  });

  it('Set API Key keeps the key in SecretStorage and sends it to a URL endpoint; Select Model lists that endpoint\'s models', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.headers.authorization !== 'Bearer sk-test-123') { res.writeHead(401).end('{"error":{"message":"bad key"}}'); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'remote-a' }, { id: 'remote-b' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    try {
      await configure({ endpoint: url, model: undefined });
      suite.api.interaction.clear();
      suite.api.interaction.answerInput('sk-test-123');
      await vscode.commands.executeCommand('svgCopilot.setApiKey');
      await suite.api.interaction.waitForMessage('API key stored', 5000);
      const settingsText = JSON.stringify(vscode.workspace.getConfiguration('svgCopilot'));
      assert.ok(!settingsText.includes('sk-test-123'), 'the key leaked into settings');

      suite.api.interaction.answerPick('remote-b');
      await vscode.commands.executeCommand('svgCopilot.server.selectModel');
      assert.equal(vscode.workspace.getConfiguration('svgCopilot').get('model'), 'remote-b');
      assert.ok(seen.length >= 1 && seen.every((h) => h === 'Bearer sk-test-123'), `authorization headers seen: ${JSON.stringify(seen)}`);
    } finally {
      suite.api.interaction.answerInput('');
      await vscode.commands.executeCommand('svgCopilot.setApiKey');
      await configure({ endpoint: 'bundled', model: undefined });
      await new Promise((r) => server.close(r));
    }
  });

  it('the status bar quick pick runs the chosen server action', async () => {
    suite.api.interaction.answerPick('$(play) Start Local Server');
    await vscode.commands.executeCommand('svgCopilot.server.actions');
    assert.equal(suite.api.endpoints.server.state, 'ready');
    suite.api.interaction.answerPick('$(debug-stop) Stop Local Server');
    await vscode.commands.executeCommand('svgCopilot.server.actions');
    assert.equal(suite.api.endpoints.server.state, 'stopped');
  });
});
