// The typed settings module against the real configuration service: defaults
// come from package.json as VS Code loaded it, user values win, and a value of
// the wrong type falls back to the default instead of reaching the features.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getSetting, onDidChangeSetting } from '../../src/features/config';
import { SETTINGS } from '../../src/features/settingsSchema';
import { extension, waitFor } from './util';

const ROUNDS = SETTINGS.loopRounds.key;

async function setUser(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

describe('settings in the extension host', () => {
  before(async () => {
    await extension().activate();
  });

  after(async () => {
    await setUser(ROUNDS, undefined);
  });

  it('VS Code reports the same default for every typed setting', () => {
    for (const spec of Object.values(SETTINGS)) {
      const inspected = vscode.workspace.getConfiguration().inspect(spec.key);
      assert.ok(inspected, `${spec.key} is unknown to VS Code`);
      assert.deepEqual(inspected.defaultValue, spec.default, `${spec.key} default`);
    }
  });

  it('reads user values, falls back on wrong types and reports changes', async () => {
    let changes = 0;
    const listener = onDidChangeSetting(['loopRounds'], () => changes++);
    try {
      await setUser(ROUNDS, 5);
      await waitFor(() => getSetting('loopRounds') === 5, 'the user value to be read');
      await setUser(ROUNDS, 'seven');
      await waitFor(() => vscode.workspace.getConfiguration().get(ROUNDS) === 'seven', 'the wrong-typed value to be stored');
      assert.equal(getSetting('loopRounds'), SETTINGS.loopRounds.default);
      assert.ok(changes >= 2, `change events seen: ${changes}`);
    } finally {
      listener.dispose();
    }
  });
});
