// Runs the VS Code suite in desktop VS Code downloaded by @vscode/test-electron
// (`npm run test:electron`). Needs internet access to update.code.visualstudio.com
// on first use; offline machines use the code-server harness (`npm run test:vscode`).
// Environment: VSCODE_TEST_GREP and SVG_COPILOT_* are passed to the extension host;
// VSCODE_TEST_VERSION picks the VS Code build (default "stable"). The tests' API comes
// from the test build (node esbuild.mjs builds dist/extension.js from test/seams).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const extensionDevelopmentPath = resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = resolve(__dirname, 'index.js');
  const scratch = mkdtempSync(join(tmpdir(), 'svg-copilot-electron-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  // The same settings the offline harness uses: no startup editor, no chat, no focus theft.
  mkdirSync(join(scratch, 'user-data', 'User'), { recursive: true });
  copyFileSync(join(extensionDevelopmentPath, 'test', 'vscode', 'settings.json'), join(scratch, 'user-data', 'User', 'settings.json'));
  try {
    return await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('SVG_COPILOT_') || k === 'VSCODE_TEST_GREP')),
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(scratch, 'user-data')}`,
        `--extensions-dir=${join(scratch, 'extensions')}`,
      ],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`VS Code tests could not run: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
