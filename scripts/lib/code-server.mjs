// Starts code-server on 127.0.0.1 with a port the OS picks, in a fresh home,
// user-data and extensions directory, and builds the workbench URLs that load
// an extension under development (and, for tests, its test runner).
import { createWriteStream, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { killGroup, spawnGroup } from './processes.mjs';

const repoRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** Test settings that keep the workbench quiet and deterministic (no startup editor, no chat, SVG as text). */
export const workbenchSettingsFile = join(repoRoot, 'test', 'vscode', 'settings.json');

/** A private environment for code-server: HOME and XDG dirs inside scratch, nothing read from the user's. */
export function isolatedEnv(scratch, extra = {}) {
  const home = join(scratch, 'home');
  for (const d of ['', '.config', '.local/share', '.cache']) mkdirSync(join(home, d), { recursive: true });
  const env = {
    PATH: process.env.PATH,
    LANG: process.env.LANG || 'C.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TMPDIR: process.env.TMPDIR || '/tmp',
    ...extra,
  };
  return env;
}

/** Installs a VSIX into extensionsDir with code-server's own CLI. */
export function installVsix(toolchain, vsix, { scratch, extensionsDir, userDataDir }) {
  return new Promise((resolve, reject) => {
    const child = spawn(toolchain.node, [
      toolchain.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix,
    ], { env: isolatedEnv(scratch), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`--install-extension failed (exit ${code}):\n${out}`))));
  });
}

/**
 * Starts code-server and resolves once it listens. Tests run it in an isolated
 * environment (HOME and XDG dirs in scratch); inheritEnv keeps the caller's
 * environment (interactive use: terminals and the bundled server see the real one).
 * Workspace trust is off unless workspaceTrust is true (the untrusted-workspace suite).
 * @returns {Promise<{origin: string, authority: string, pid: number, exited: Promise<number|null>, stop: () => Promise<void>}>}
 */
export async function startCodeServer(toolchain, { scratch, userDataDir, extensionsDir, logFile, settings = true, workspaceTrust = false, inheritEnv = false, extraArgs = [], env = {}, timeoutMs = 60_000 }) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // settings: true for the test settings, or the path of another settings file.
  if (settings) copyFileSync(typeof settings === 'string' ? settings : workbenchSettingsFile, join(userDataDir, 'User', 'settings.json'));
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawnGroup(toolchain.node, [
    toolchain.entry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', join(scratch, 'code-server.yaml'),
    ...extraArgs,
  ], { env: inheritEnv ? { ...process.env, ...env } : isolatedEnv(scratch, env), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not report a listening port within ${timeoutMs / 1000} s:\n${seen}`)), timeoutMs);
    const onData = (d) => {
      log.write(d);
      if (seen === null) return;
      seen += d;
      const m = seen.match(/HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\/?/);
      if (m) {
        clearTimeout(timer);
        seen = null;
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    exited.then((code) => { clearTimeout(timer); reject(new Error(`code-server exited (code ${code}) before listening:\n${seen ?? ''}`)); });
  });
  const stop = async () => {
    await killGroup(child.pid);
    log.end();
  };
  try {
    const origin = await listening;
    return { origin, authority: new URL(origin).host, pid: child.pid, exited, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The workbench URL that opens folder with extension development/test options.
 * Paths are absolute on this machine; the remote authority must equal the page's host:port.
 */
export function workbenchUrl(server, folder, { extensionDevelopmentPath, extensionTestsPath, extensionEnvironment } = {}) {
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
  const query = new URLSearchParams({ folder });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${query}`;
}

