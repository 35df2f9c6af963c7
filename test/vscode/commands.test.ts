import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, manifest } from './util';

describe('commands', () => {
  it('registers every command package.json contributes, under the "SVG Copilot" category', async () => {
    await extension().activate();
    const contributed = manifest.contributes.commands ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, [], 'contributed but not registered');
    for (const c of contributed) assert.equal(c.category, 'SVG Copilot', `${c.command} category`);
  });
});
