// Suite entry for the tests of VS Code as a user has it: run by
// scripts/vscode-test.mjs with VSCODE_TEST_SUITE=defaults (VS Code's image
// preview for .svg, SVG Copilot's default settings, no network).
import { runMochaSuite } from '../vscode/index';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'defaults');
}
