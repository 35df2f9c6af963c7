// Installs, once per machine, what the offline VS Code harness needs:
//   Node 24 (the npm platform package node-<os>-<arch>, which carries the binary
//   and the C headers), and code-server from npm, whose native modules are
//   compiled against those headers (npm_config_nodedir) by its postinstall.
// Everything lands in ${XDG_CACHE_HOME:-~/.cache}/svg-copilot-test/, outside the
// repository, so repeated runs (and CI runs on the same machine) reuse it.
// Each part is installed into a temporary directory and renamed into place
// when complete; a lock directory serializes concurrent runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE_VERSION = '24.9.0';
export const CODE_SERVER_VERSION = '4.139.1';

export function cacheRoot() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'svg-copilot-test');
}

const nodePackage = `node-${process.platform}-${process.arch}`;
const nodeDirOf = (root) => join(root, `node-v${NODE_VERSION}-${process.platform}-${process.arch}`);
const codeServerDirOf = (root) => join(root, `code-server-${CODE_SERVER_VERSION}`);

/** Paths of an installed toolchain, or undefined when something is missing. */
export function installedToolchain(root = cacheRoot()) {
  const nodeHome = join(nodeDirOf(root), 'node_modules', nodePackage);
  const codeServerHome = join(codeServerDirOf(root), 'node_modules', 'code-server');
  const node = join(nodeHome, 'bin', 'node');
  const entry = join(codeServerHome, 'out', 'node', 'entry.js');
  const complete = existsSync(join(nodeDirOf(root), '.complete')) && existsSync(join(codeServerDirOf(root), '.complete'));
  return complete && existsSync(node) && existsSync(entry) ? { node, nodeHome, entry, codeServerHome } : undefined;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** mkdir is atomic: the run that creates the directory holds the lock. A lock whose owner died is taken over. */
async function withLock(root, log, fn) {
  const lock = join(root, '.install-lock');
  const owner = join(lock, 'pid');
  let waited = 0;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = NaN;
      try { pid = Number(readFileSync(owner, 'utf8')); } catch { /* owner is still writing its pid */ }
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
        log(`removing stale install lock of exited process ${pid}`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (waited % 30_000 === 0) log('another run is installing the VS Code test toolchain; waiting');
      if (waited > 15 * 60_000) throw new Error(`install lock ${lock} held for over 15 minutes`);
      await sleep(1000);
      waited += 1000;
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function npmInstall(cwd, args, env, log) {
  return new Promise((resolve, reject) => {
    log(`npm install ${args.join(' ')}  (in ${cwd})`);
    const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], {
      cwd, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (d) => { tail = (tail + d).slice(-20_000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm install failed (exit ${code}):\n${tail}`))));
  });
}

async function installInto(finalDir, manifest, args, env, log) {
  if (existsSync(join(finalDir, '.complete'))) return;
  const staging = `${finalDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(finalDir, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify(manifest, null, 2));
  await npmInstall(staging, args, env, log);
  writeFileSync(join(staging, '.complete'), new Date().toISOString());
  renameSync(staging, finalDir);
}

// Settings an outer npm (e.g. `npm test`) exports to its scripts that must not
// leak into these installs: its user agent names the outer Node version (which
// code-server's postinstall checks), its prefixes point at the project.
const KEEP_NPM_CONFIG = new Set(['registry', 'cache', 'userconfig', 'globalconfig', 'cafile', 'proxy', 'https_proxy', 'noproxy', 'strict_ssl', 'fetch_retries', 'fetch_timeout']);

function cleanNpmEnv(env) {
  const clean = {};
  for (const [k, v] of Object.entries(env)) {
    const lower = k.toLowerCase();
    if (lower.startsWith('npm_config_') ? !KEEP_NPM_CONFIG.has(lower.slice('npm_config_'.length)) : lower.startsWith('npm_')) continue;
    clean[k] = v;
  }
  return clean;
}

/**
 * Returns the toolchain, installing what is missing (≈2 minutes and ≈800 MB the first time).
 * @param {(msg: string) => void} log
 */
export async function ensureToolchain(log = (m) => console.log(m)) {
  const root = cacheRoot();
  const ready = installedToolchain(root);
  if (ready) return ready;
  mkdirSync(root, { recursive: true });
  return withLock(root, log, async () => {
    const started = Date.now();
    const env = cleanNpmEnv(process.env);
    await installInto(nodeDirOf(root), { private: true }, [`${nodePackage}@${NODE_VERSION}`], env, log);
    const nodeHome = join(nodeDirOf(root), 'node_modules', nodePackage);
    // code-server's postinstall refuses any Node but 24 and builds native
    // modules (argon2, node-pty, kerberos, …) with node-gyp: run npm under
    // Node 24 and point node-gyp at Node 24's headers.
    const csEnv = {
      ...env,
      PATH: `${join(nodeHome, 'bin')}:${env.PATH}`,
      npm_config_nodedir: nodeHome,
      npm_config_update_notifier: 'false',
    };
    // npm 11 runs dependency install scripts only for packages approved here.
    const manifest = { private: true, allowScripts: { 'code-server': true, argon2: true } };
    await installInto(codeServerDirOf(root), manifest, [`code-server@${CODE_SERVER_VERSION}`], csEnv, log);
    const done = installedToolchain(root);
    if (!done) throw new Error(`install finished but the toolchain in ${root} is incomplete`);
    log(`installed Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return done;
  });
}
