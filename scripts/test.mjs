// The one test command. Builds, type-checks, lints, makes the tiny model
// fixtures, then runs each suite in its own process and prints the combined
// closing line "N passed, N failed". Exits non-zero on any failure, load
// error, missing summary line or timeout.
//
//   node scripts/test.mjs            every suite
//   node scripts/test.mjs unit loop  only those suites
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeMissing, missingSystemPackages } from './lib/system-deps.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const skipChecks = process.argv.includes('--no-checks');

// Each mocha suite lives in test/<name>/ and is run from its transpiled copy in out/.
const mochaSuites = ['unit', 'server', 'loop'];
// untrusted: test/vscode-untrusted/ in a workspace that is not trusted (VSCODE_TEST_SUITE=untrusted).
// reload: test/vscode-reload/ across a window reload (VSCODE_TEST_SUITE=reload).
// defaults: test/vscode-defaults/ with VS Code's own .svg association (image preview) and SVG Copilot's defaults, offline.
// vsix: packages the extension and checks the installed VSIX activates (scripts/vscode-test.mjs --vsix).
const hostSuites = ['vscode', 'untrusted', 'reload', 'defaults', 'vsix'];
const allSuites = [...mochaSuites, ...hostSuites];
const suites = requested.length ? requested : allSuites;
for (const s of suites) if (!allSuites.includes(s)) { console.error(`unknown suite "${s}"; known: ${allSuites.join(', ')}`); process.exit(2); }

function run(cmd, args, { env = {}, timeoutMs = 20 * 60_000, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
      child.stderr.on('data', (d) => { process.stderr.write(d); });
    }
    const timer = setTimeout(() => { console.error(`\n${cmd} ${args.join(' ')} timed out after ${timeoutMs / 1000}s`); child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? 1, signal, out }); });
  });
}

function testFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

const step = async (title, cmd, args, opts) => {
  console.log(`\n── ${title}`);
  const r = await run(cmd, args, opts);
  if (r.code !== 0) { console.error(`${title} failed (exit ${r.code})`); console.log('0 passed, 1 failed, 0 skipped'); process.exit(1); }
};

// The VS Code suites need Debian packages: say in seconds what is missing, before the build.
const requestedHost = suites.filter((s) => hostSuites.includes(s));
if (requestedHost.length) {
  const message = describeMissing(missingSystemPackages({ vsix: requestedHost.includes('vsix') }));
  if (message) { console.error(message); console.log(`0 passed, ${requestedHost.length} failed, 0 skipped`); process.exit(2); }
}

await step('build', process.execPath, ['esbuild.mjs']);
if (!skipChecks) {
  await step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']);
  if (existsSync('webview/main.ts')) await step('typecheck webview', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'webview', '--noEmit']);
  await step('eslint', process.execPath, ['node_modules/eslint/bin/eslint.js', '--no-error-on-unmatched-pattern', 'src', 'server', 'test', 'webview', 'bench', 'scripts']);
}
if (existsSync('scripts/make-fixtures.mjs') && suites.some((s) => s !== 'unit')) await step('fixtures', process.execPath, ['scripts/make-fixtures.mjs']);

const summary = /^(?:(\w+): )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/;
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = [];
for (const suite of suites) {
  let result;
  if (hostSuites.includes(suite)) {
    if (!existsSync('scripts/vscode-test.mjs')) continue;
    console.log(`\n── suite ${suite}`);
    result = await run(process.execPath, ['scripts/vscode-test.mjs', ...(suite === 'vsix' ? ['--vsix'] : [])], { capture: true, timeoutMs: 30 * 60_000, env: { VSCODE_TEST_SUITE: suite } });
  } else {
    const files = testFiles(join('out', 'test', suite));
    if (!files.length) continue;
    console.log(`\n── suite ${suite}`);
    result = await run(process.execPath, [
      'node_modules/mocha/bin/mocha.js', '--reporter', 'scripts/mocha-reporter.cjs', '--reporter-option', `label=${suite}`,
      '--timeout', '20000', '--exit', ...files,
    ], { capture: true, timeoutMs: 20 * 60_000 });
  }
  const line = result.out.split('\n').map((l) => l.trim()).reverse().map((l) => l.match(summary)).find((m) => m && (!m[1] || m[1] === suite));
  if (!line) { broken.push(`${suite} (no summary line, exit ${result.code})`); failed++; continue; }
  passed += Number(line[2]);
  failed += Number(line[3]);
  skipped += Number(line[4] ?? 0);
  if (result.code !== 0 && Number(line[3]) === 0) broken.push(`${suite} (exit ${result.code})`);
}

console.log('');
if (broken.length) console.log(`broken suites: ${broken.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed || broken.length ? 1 : 0);
