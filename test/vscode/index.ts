// Suite entry for tests that run inside a real VS Code extension host. VS Code
// loads this file (extensionTestsPath) and awaits run(); the same entry serves
// the offline code-server harness (scripts/vscode-test.mjs) and
// @vscode/test-electron (test/vscode/electron.ts).
//
// Tests are mocha BDD (describe/it) in test/vscode/**/*.test.ts. Environment:
//   VSCODE_TEST_GREP  only tests whose full title matches this regular expression
//   VSCODE_TEST_LOG   also append everything the suite prints to this file (the
//                     harness reads it, because the remote extension host's
//                     stdout is not wired to the terminal)
import { appendFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

const repoRoot = resolve(__dirname, '..', '..', '..');

// activation.test.js runs first: it checks the extension is still inactive
// before anything else has had a chance to activate it.
const FIRST = 'activation.test.js';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b))
    .map((f) => join(dir, f));
}

// The extension host redefines console's methods as non-writable accessors, so
// the tee replaces the global console object, and mocha's own handle on
// console.log (captured when mocha loaded) is redirected too.
function teeConsoleTo(file: string): void {
  const original = console;
  const tee = Object.create(original) as Console;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const write = original[level].bind(original);
    Object.defineProperty(tee, level, {
      value: (...args: unknown[]) => {
        appendFileSync(file, format(...args) + '\n');
        write(...args);
      },
    });
  }
  Object.defineProperty(globalThis, 'console', { value: tee, writable: true, configurable: true });
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = tee.log;
}

/** Runs every *.test.js under dir with mocha (BDD), ending with the line "LABEL: N passed, N failed". */
export async function runMochaSuite(dir: string, label: string): Promise<void> {
  const logFile = process.env.VSCODE_TEST_LOG;
  if (logFile) teeConsoleTo(logFile);

  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: join(repoRoot, 'scripts', 'mocha-reporter.cjs'),
    reporterOptions: { label },
  });
  const grep = process.env.VSCODE_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));
  for (const file of testFiles(dir)) mocha.addFile(file);

  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((done) => mocha.run(done));
  if (failures > 0) throw new Error(`${failures} ${label} test(s) failed`);
}

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'vscode');
}
