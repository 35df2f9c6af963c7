// `npm start`: builds, then opens VS Code with the extension loaded from this
// working tree, and runs until Ctrl-C (or until the VS Code window closes).
//
//   node scripts/start.mjs [FOLDER] [--code-server] [--port N] [--screenshot FILE]
//
// With `code` on PATH: `code --wait --extensionDevelopmentPath=<repo> FOLDER`.
// Otherwise (or with --code-server): code-server (installed once into the same
// cache as the offline tests) on 127.0.0.1, printing the URL that loads the
// extension. Its settings and state persist in .cache/start/ between runs.
// FOLDER defaults to the directory `npm start` was run from.
//
// --screenshot FILE: starts code-server with fresh state on a small sample icon
// folder, opens the workbench in Chromium, shows the command palette filtered to
// SVG Copilot's commands with "Generate SVG from Prompt" selected, saves a PNG to
// FILE and exits (the README screenshot).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { ensureToolchain } from './lib/code-server-install.mjs';
import { startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { launchBrowser, openWorkbench, workbenchReady } from './lib/browser.mjs';
import { killAllGroups, onTerminationSignal } from './lib/processes.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const screenshot = option('--screenshot');
const port = option('--port');
const forceCodeServer = args.includes('--code-server') || Boolean(screenshot);
const folder = resolve(args.find((a, i) => !a.startsWith('--') && !['--port', '--screenshot'].includes(args[i - 1])) ?? process.env.INIT_CWD ?? root);

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)) && statSync(join(d, cmd)).isFile());
}

// The bundles as they ship (no test seams); `node esbuild.mjs` brings back the test build.
const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

if (!forceCodeServer && onPath('code')) {
  console.log(`opening VS Code with the extension from ${root}`);
  const code = spawn('code', ['--wait', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  process.on('SIGINT', () => code.kill('SIGINT'));
  code.on('exit', (c) => process.exit(c ?? 0));
} else {
  await runCodeServer();
}

async function runCodeServer() {
  const toolchain = await ensureToolchain((m) => console.log(m));
  // Screenshots start from nothing; interactive use keeps its settings and state.
  const state = screenshot ? mkdtempSync(join(tmpdir(), 'svg-copilot-start-')) : join(root, '.cache', 'start');
  mkdirSync(state, { recursive: true });
  let browser;
  let stopping = false;
  const cleanup = async () => {
    stopping = true;
    if (browser) await browser.close().catch(() => {});
    await killAllGroups();
    if (screenshot) rmSync(state, { recursive: true, force: true });
  };
  onTerminationSignal(cleanup, 0);

  const server = await startCodeServer(toolchain, {
    scratch: state,
    userDataDir: join(state, 'user-data'),
    extensionsDir: join(state, 'extensions'),
    logFile: join(state, 'code-server.log'),
    settings: Boolean(screenshot),
    inheritEnv: !screenshot,
    // The workbench honours the URL's extensionDevelopmentPath only with this option.
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver', ...(port ? ['--bind-addr', `127.0.0.1:${port}`] : [])],
  });
  const url = workbenchUrl(server, screenshot ? sampleWorkspace(state) : folder, { extensionDevelopmentPath: root });

  if (screenshot) {
    try {
      await takePaletteScreenshot(url, resolve(screenshot), (b) => { browser = b; });
    } finally {
      await cleanup();
    }
    return;
  }

  console.log(`\nSVG Copilot is loaded in code-server (log: ${join(state, 'code-server.log')}).`);
  console.log(`Open this URL in a browser on this machine (over SSH: forward port ${new URL(server.origin).port}):\n\n  ${url}\n`);
  console.log('Press Ctrl-C to stop.');
  const code = await server.exited;
  if (stopping) return;
  console.error(`code-server exited (code ${code})`);
  await cleanup();
  process.exit(code ?? 1);
}

/** A small icon project for the screenshot, so it shows what the extension is for. */
function sampleWorkspace(state) {
  const dir = join(state, 'icons');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'heart.svg'), [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">',
    '  <path d="M12 21 L3.5 12.5 A5 5 0 0 1 12 5.5 A5 5 0 0 1 20.5 12.5 Z" fill="#e11d48"/>',
    '</svg>',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'sun.svg'), [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">',
    '  <circle cx="12" cy="12" r="5" fill="#f59e0b"/>',
    '  <path d="M12 1v3M12 20v3M1 12h3M20 12h3" stroke="#f59e0b" stroke-width="2"/>',
    '</svg>',
    '',
  ].join('\n'));
  return dir;
}

async function takePaletteScreenshot(url, file, keepBrowser) {
  const browser = await launchBrowser();
  keepBrowser(browser);
  const page = await openWorkbench(browser, url, { viewport: { width: 1100, height: 620 } });
  await workbenchReady(page);
  // Open an icon in the editor from the Explorer, as a user working on icons would have.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'heart.svg' }).first().click({ timeout: 20_000 });
  await page.locator('.part.editor .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
  // The extension loads after the workbench: retry until its command is listed.
  const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'SVG Copilot: Generate SVG from Prompt' });
  for (let attempt = 0; ; attempt++) {
    await page.locator('.part.editor').click();
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').fill('>SVG Copilot');
    if (await item.first().waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false)) break;
    if (attempt === 15) throw new Error('the command palette never listed "SVG Copilot: Generate SVG from Prompt"');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  // Select the command, and let "Activating Extensions…" leave the status bar.
  for (let i = 0; i < 20 && !(await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Generate SVG from Prompt' }).count()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.locator('.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(300);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  console.log(`screenshot saved to ${file} (${(statSync(file).size / 1024).toFixed(0)} KB)`);
}
