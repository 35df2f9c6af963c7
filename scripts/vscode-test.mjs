// Runs the VS Code test suite inside a real extension host, offline: code-server
// (VS Code 1.139 from npm) driven by Debian Chromium through playwright-core.
//
//   node scripts/vscode-test.mjs               test/vscode/**/*.test.ts against the working tree
//   node scripts/vscode-test.mjs --vsix FILE   installs FILE into a fresh extensions dir with
//                                              --install-extension and runs test/vsix/ against it
//                                              (settings overlaid from test/vsix/settings.json: chat's AI
//                                              features on, for the scripted language models)
//   node scripts/vscode-test.mjs --vsix        the same with a VSIX packaged from the working tree
//                                              (production build + scripts/package.mjs) into .cache/
//   VSCODE_TEST_SUITE=untrusted node scripts/vscode-test.mjs
//                                              test/vscode-untrusted/ with workspace trust enabled and the
//                                              opened folder not trusted (settings overlaid from
//                                              test/vscode-untrusted/settings.json)
//   VSCODE_TEST_SUITE=defaults node scripts/vscode-test.mjs
//                                              test/vscode-defaults/ as a user has VS Code: .svg opens in
//                                              VS Code's image preview and SVG Copilot's settings are
//                                              its defaults (test/vscode-defaults/settings.json on top)
//   VSCODE_TEST_SUITE=reload node scripts/vscode-test.mjs
//                                              test/vscode-reload/ twice in one browser profile: "before" opens
//                                              and zooms a preview, the harness reloads the workbench page, "after"
//                                              checks the preview came back; prints the combined summary
//
// Environment:
//   VSCODE_TEST_GREP=REGEX     run only tests whose full title matches
//   VSCODE_TEST_SCREENSHOT=F   also save a screenshot of the workbench to F when the run passes
//   VSCODE_TEST_TIMEOUT=S      limit in seconds for the suite, from opening the workbench (default 900)
//   SVG_COPILOT_*              passed on to the extension host
//   CHROMIUM_PATH              browser binary (default /usr/bin/chromium)
//   XDG_CACHE_HOME             Node 24 + code-server are installed once under $XDG_CACHE_HOME/svg-copilot-test
//                              (default ~/.cache); concurrent runs wait on a lock
//
// Exit status: 0 all tests passed, 1 a test failed (or the suite failed to load,
// or the extension host crashed), 2 infrastructure failure or timeout. On 1 and 2 a screenshot and every log
// (harness, code-server, workbench console, extension host) are left in
// test-results/<suite>/. No process outlives the run: code-server runs in its
// own process group, which is killed on every exit path.
//
// Tests talk to the workbench UI through a request directory, e.g. to take a
// screenshot in the middle of a test: `await workbench.screenshot('preview')`
// from test/vscode/util.ts (protocol: scripts/lib/workbench-requests.mjs).
// Screenshots land in test-results/<suite>/screenshots/.
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureToolchain } from './lib/code-server-install.mjs';
import { describeMissing, missingSystemPackages } from './lib/system-deps.mjs';
import { installVsix, startCodeServer, workbenchSettingsFile, workbenchUrl } from './lib/code-server.mjs';
import { launchBrowser, openWorkbench } from './lib/browser.mjs';
import { serveWorkbenchRequests } from './lib/workbench-requests.mjs';
import { onTerminationSignal } from './lib/processes.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const argv = process.argv.slice(2);
const vsixIndex = argv.indexOf('--vsix');
const vsixArg = vsixIndex >= 0 && argv[vsixIndex + 1] && !argv[vsixIndex + 1].startsWith('-') ? argv[vsixIndex + 1] : undefined;
// --vsix without a file packages the working tree first (what `npm run package` does).
const vsix = vsixIndex < 0 ? undefined : vsixArg ? resolve(vsixArg) : join(root, '.cache', 'svg-copilot-test.vsix');
const suite = vsix ? 'vsix' : ['untrusted', 'reload', 'defaults'].includes(process.env.VSCODE_TEST_SUITE) ? process.env.VSCODE_TEST_SUITE : 'vscode';
const timeoutMs = Number(process.env.VSCODE_TEST_TIMEOUT || 900) * 1000;
const resultsDir = join(root, 'test-results', suite);
const scratch = mkdtempSync(join(tmpdir(), `svg-copilot-${suite}-`));
const harnessLog = join(scratch, 'harness.log');
const suiteLog = join(scratch, 'suite.log');
const started = Date.now();

const say = (msg) => {
  const line = `[harness ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`;
  console.log(line);
  appendFileSync(harnessLog, line + '\n');
};
const note = (msg) => appendFileSync(harnessLog, `[harness ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);
const record = (line) => appendFileSync(join(scratch, 'workbench.log'), line + '\n');

class InfrastructureError extends Error {}
/** The extension could not be packaged: a product failure (exit 1), not the harness's. */
class PackagingError extends Error {}

let server;
let browser;
let page;
let stopRequests = () => {};

async function saveArtifacts(reason) {
  try {
    mkdirSync(resultsDir, { recursive: true });
    say(`saving screenshot and logs to ${resultsDir} (${reason})`);
    if (page) await page.screenshot({ path: join(resultsDir, 'failure.png'), timeout: 10_000 }).catch((e) => say(`no screenshot: ${e.message}`));
    for (const name of ['harness.log', 'suite.log', 'code-server.log', 'workbench.log']) {
      if (existsSync(join(scratch, name))) cpSync(join(scratch, name), join(resultsDir, name));
    }
    const hostLogs = join(scratch, 'user-data', 'logs');
    if (existsSync(hostLogs)) cpSync(hostLogs, join(resultsDir, 'vscode-logs'), { recursive: true });
  } catch (e) {
    console.error(`could not save artifacts: ${e.message}`);
  }
}

async function cleanup() {
  stopRequests();
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}

let interrupted = false;
onTerminationSignal(async () => {
  interrupted = true;
  await saveArtifacts('interrupted');
  await cleanup();
});

/** Prints what the suite appends to its log file, as it arrives. */
function followSuiteLog() {
  let offset = 0;
  let text = '';
  const pump = () => {
    if (!existsSync(suiteLog)) return;
    const size = statSync(suiteLog).size;
    if (size <= offset) return;
    const fd = openSync(suiteLog, 'r');
    const buf = Buffer.alloc(size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    closeSync(fd);
    offset = size;
    const chunk = buf.toString('utf8');
    text += chunk;
    process.stdout.write(chunk);
  };
  const timer = setInterval(pump, 200);
  return { text: () => { pump(); return text; }, stop: () => { clearInterval(timer); pump(); return text; } };
}

/** The usual workbench settings with a suite's own settings.json (test/<dir>/settings.json) laid over them, written to scratch. */
function overlaidSettings(dir) {
  const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
  const file = join(scratch, `${dir}-settings.json`);
  writeFileSync(file, JSON.stringify({ ...read(workbenchSettingsFile), ...read(join(root, 'test', dir, 'settings.json')) }, null, 2));
  return file;
}

/**
 * The settings a user has: the workbench kept quiet as for every suite, but
 * VS Code's own editor association for .svg (its image preview) and every
 * SVG Copilot setting at its default; test/vscode-defaults/settings.json on top.
 */
function defaultsSettings() {
  const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
  const base = Object.fromEntries(Object.entries(read(workbenchSettingsFile)).filter(([k]) => k !== 'workbench.editorAssociations' && !k.startsWith('svgCopilot.')));
  const file = join(scratch, 'defaults-settings.json');
  writeFileSync(file, JSON.stringify({ ...base, ...read(join(root, 'test', 'vscode-defaults', 'settings.json')) }, null, 2));
  return file;
}

async function runSuite() {
  const extensionTestsPath = join(root, 'out', 'test', ['untrusted', 'reload', 'defaults'].includes(suite) ? `vscode-${suite}` : suite, 'index.js');
  if (!existsSync(extensionTestsPath)) throw new InfrastructureError(`${extensionTestsPath} is missing: run "node esbuild.mjs" first`);

  const missing = describeMissing(missingSystemPackages({ vsix: Boolean(vsix) }));
  if (missing) throw new InfrastructureError(missing);

  let toolchain;
  try {
    toolchain = await ensureToolchain(say);
  } catch (e) {
    throw new InfrastructureError(`could not install the VS Code test toolchain: ${e.message}`);
  }

  const workspace = join(scratch, 'workspace');
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  const ipcDir = join(scratch, 'ipc');
  mkdirSync(workspace, { recursive: true });

  if (vsix && !vsixArg) {
    say('packaging the extension (esbuild --production, scripts/package.mjs)');
    for (const step of [['esbuild.mjs', '--production'], ['scripts/package.mjs', '--out', vsix]]) {
      const r = spawnSync(process.execPath, step, { cwd: root, encoding: 'utf8' });
      appendFileSync(harnessLog, r.stdout + r.stderr);
      if (r.status !== 0) throw new PackagingError(`${step.join(' ')} failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
    }
    say((readFileSync(harnessLog, 'utf8').match(/^VSIX: .*$/m) ?? ['packaged'])[0]);
  }
  if (vsix) {
    if (!existsSync(vsix)) throw new InfrastructureError(`VSIX not found: ${vsix} (build it with "npm run package")`);
    say(`installing ${vsix}`);
    say(await installVsix(toolchain, vsix, { scratch, extensionsDir, userDataDir }).catch((e) => { throw new InfrastructureError(e.message); }));
  }

  try {
    server = await startCodeServer(toolchain, {
      scratch, userDataDir, extensionsDir,
      logFile: join(scratch, 'code-server.log'),
      extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
      ...(suite === 'untrusted' && { settings: overlaidSettings('vscode-untrusted'), workspaceTrust: true }),
      // The packaged check drives VS Code's language model API, which needs chat's AI features on.
      ...(suite === 'vsix' && { settings: overlaidSettings('vsix') }),
      ...(suite === 'defaults' && { settings: defaultsSettings() }),
    });
  } catch (e) {
    throw new InfrastructureError(e.message);
  }
  say(`code-server listening on ${server.origin}`);

  // The extension host gets: the suite's log file, the workbench request
  // channel, and any SVG_COPILOT_* or VSCODE_TEST_GREP variable set for this
  // run. (The tests' API comes from the test build, test/seams, not from the environment.)
  const passThrough = Object.entries(process.env).filter(([k]) => k.startsWith('SVG_COPILOT_') || k === 'VSCODE_TEST_GREP');
  const extensionEnvironment = {
    ...Object.fromEntries(passThrough),
    VSCODE_TEST_LOG: suiteLog,
    SVG_COPILOT_TEST_IPC: ipcDir,
  };
  // The packaged check loads a test-only extension next to the installed VSIX;
  // the regular suite loads the working tree itself.
  const extensionDevelopmentPath = vsix ? join(root, 'test', 'vsix') : root;
  const url = workbenchUrl(server, workspace, { extensionDevelopmentPath, extensionTestsPath, extensionEnvironment });
  // The reload suite runs its entry once per phase in the same page: when the
  // "before" tests pass, the entry itself reloads the window (a reload that ends
  // the test run would find the extension's panels already disposed) and the
  // reloaded entry runs the "after" tests.
  const phases = suite === 'reload' ? ['before', 'after'] : [undefined];

  let reportExit;
  let exitCode;
  const expectExit = () => { exitCode = new Promise((r) => { reportExit = r; }); };
  expectExit();
  try {
    browser = await launchBrowser();
    page = await openWorkbench(browser, url, { onExit: (code) => reportExit(code), onLog: record });
  } catch (e) {
    throw new InfrastructureError(`could not open the workbench in Chromium: ${e.message}`);
  }
  say('workbench opened; waiting for the extension host to run the suite');
  stopRequests = serveWorkbenchRequests(ipcDir, page, { screenshotDir: join(resultsDir, 'screenshots'), log: note });

  const follower = followSuiteLog();
  const deadline = Date.now() + timeoutMs;
  const counts = [0, 0, 0];
  let status = 0;
  let missingSummary = false;
  try {
    for (const phase of phases) {
      const label = phase ? `${suite}-${phase}` : suite;
      const summaryOf = (text) => text.split('\n').reverse().map((l) => l.trim().match(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?`))).find(Boolean);
      let timer;
      let poll;
      const outcome = await Promise.race([
        exitCode.then((code) => ({ code })),
        // A phase that reloads the window does not exit: its summary line is its end.
        ...(phase && phase !== phases.at(-1) ? [new Promise((r) => { poll = setInterval(() => { if (summaryOf(follower.text())) r({ code: 0 }); }, 200); })] : []),
        server.exited.then((code) => ({ infra: `code-server exited unexpectedly (code ${code})` })),
        new Promise((r) => { timer = setTimeout(() => r({ infra: `timed out after ${timeoutMs / 1000} s` }), Math.max(0, deadline - Date.now())); }),
      ]);
      clearTimeout(timer);
      clearInterval(poll);
      const output = follower.text();
      if (outcome.infra) throw new InfrastructureError(outcome.infra);

      const summary = summaryOf(output);
      if (!summary) {
        // The workbench reports a crashed extension host like a finished one; the missing summary tells them apart.
        say(`the extension host ended (exit code ${outcome.code}) before the suite printed "${label}: N passed, N failed": it crashed or the suite did not load`);
        counts[1]++;
        missingSummary = true;
        status = 1;
        break;
      }
      counts[0] += Number(summary[1]);
      counts[1] += Number(summary[2]);
      counts[2] += Number(summary[3] ?? 0);
      if (outcome.code !== 0 || Number(summary[2]) > 0) { status = 1; break; }
      if (phase && phase !== phases.at(-1)) say('the window reloads');
    }
  } finally {
    follower.stop();
  }
  // Suites with phases print the line the orchestrator reads; single runs printed it themselves.
  if (phases[0] || missingSummary) console.log(`${suite}: ${counts[0]} passed, ${counts[1]} failed${counts[2] ? `, ${counts[2]} skipped` : ''}`);
  return status;
}

let status;
try {
  rmSync(resultsDir, { recursive: true, force: true });
  status = await runSuite();
  say(status === 0 ? `${suite} suite passed` : `${suite} suite failed (exit status from the extension host)`);
  if (status === 0 && process.env.VSCODE_TEST_SCREENSHOT && page) {
    const shot = resolve(process.env.VSCODE_TEST_SCREENSHOT);
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    say(`screenshot saved to ${shot}`);
  }
  if (status !== 0) await saveArtifacts('tests failed');
} catch (e) {
  // After a signal the handler saves, cleans up and exits; errors from the teardown are expected.
  if (interrupted) await new Promise(() => {});
  status = e instanceof PackagingError ? 1 : 2;
  const kind = status === 1 ? 'packaging failed' : 'infrastructure failure';
  say(`${kind}: ${e instanceof InfrastructureError || e instanceof PackagingError ? e.message : e.stack}`);
  await saveArtifacts(kind);
  // A summary line that the orchestrator can still read.
  if (!existsSync(suiteLog) || !/passed, \d+ failed/.test(readFileSync(suiteLog, 'utf8'))) console.log(`${suite}: 0 passed, 1 failed`);
}
say(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await cleanup();
process.exit(status);
