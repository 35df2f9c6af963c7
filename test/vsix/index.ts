// Entry for the packaged-extension check: scripts/vscode-test.mjs --vsix FILE
// installs the VSIX with --install-extension into a fresh extensions dir and
// loads this folder (a test-only extension) to run test/vsix/*.test.ts.
import { runMochaSuite } from '../vscode/index';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'vsix');
}
