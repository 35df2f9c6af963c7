// Suite entry for the untrusted-workspace tests: the same mocha runner as
// test/vscode/, run by scripts/vscode-test.mjs with VSCODE_TEST_SUITE=untrusted
// (workspace trust enabled, the opened folder not trusted).
import { runMochaSuite } from '../vscode/index';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'untrusted');
}
