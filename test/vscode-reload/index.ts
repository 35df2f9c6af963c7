// Suite entry for the window-reload test, run by scripts/vscode-test.mjs with
// VSCODE_TEST_SUITE=reload. A reload ends the extension host, so this entry
// runs twice in the same window: the "before" tests set the state up, then the
// entry marks the phase in the request directory (SVG_COPILOT_TEST_IPC) and
// reloads the window, which loads this entry again for the "after" tests. The
// harness reads each phase's summary line.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runMochaSuite } from '../vscode/index';

export async function run(): Promise<void> {
  const marker = join(process.env.SVG_COPILOT_TEST_IPC ?? '', 'reload-phase');
  const phase = process.env.SVG_COPILOT_TEST_IPC && existsSync(marker) && readFileSync(marker, 'utf8').trim() === 'after' ? 'after' : 'before';
  process.env.VSCODE_TEST_GREP = `^${phase} reload:`;
  await runMochaSuite(__dirname, `reload-${phase}`);
  if (phase === 'after' || !process.env.SVG_COPILOT_TEST_IPC) return;
  writeFileSync(marker, 'after');
  // The reload ends this extension host, which cancels the command's promise;
  // returning would end the run instead, so this waits for the end.
  await Promise.resolve(vscode.commands.executeCommand('workbench.action.reloadWindow')).catch(() => undefined);
  await new Promise(() => {});
}
