// Starts the built server (dist/server.js) as a child process on the tiny
// model fixtures and reads its ready line, exactly as the extension does.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';

export const root = join(__dirname, '..', '..', '..');
export const serverJs = join(root, 'dist', 'server.js');
export const tinyText = join(root, 'test', 'fixtures', 'models', 'tiny-text.gguf');
export const tinyMmproj = join(root, 'test', 'fixtures', 'models', 'tiny-mmproj.gguf');

export interface Launched {
  child: ChildProcess;
  /** Every stdout line the process printed (the contract says exactly one). */
  stdoutLines: string[];
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartedServer extends Launched {
  url: string;
  model: string;
  token: string;
  client: (opts?: { maxRetries?: number; apiKey?: string; timeout?: number }) => OpenAI;
  stop: () => Promise<void>;
}

export function launch(args: string[], env: NodeJS.ProcessEnv = {}): Launched {
  const child = spawn(process.execPath, [serverJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const stdoutLines: string[] = [];
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    let i;
    while ((i = out.indexOf('\n')) >= 0) { stdoutLines.push(out.slice(0, i)); out = out.slice(i + 1); }
  });
  child.stderr!.on('data', (d: Buffer) => {
    if (process.env.SERVER_TEST_LOG) process.stderr.write(d);
    err += d.toString(); if (err.length > 1_000_000) err = err.slice(-500_000); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, stdoutLines, stderr: () => err, exit };
}

// Loading even the tiny model takes seconds on a loaded machine; the limit only stops a start that hangs.
export async function waitReady(l: Launched, timeoutMs = 60_000): Promise<{ url: string; model: string }> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (l.stdoutLines.length) return JSON.parse(l.stdoutLines[0]) as { url: string; model: string };
    if (l.child.exitCode !== null) throw new Error(`server exited (${l.child.exitCode}) before ready:\n${l.stderr().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  l.child.kill('SIGKILL');
  throw new Error(`server not ready after ${timeoutMs} ms:\n${l.stderr().slice(-3000)}`);
}

export const TOKEN = 'test-token-0123456789';

/** Starts the server on the tiny model with the token in its environment, as the extension launches it. */
export async function startTinyServer(extra: string[] = [], { vision = true } = {}): Promise<StartedServer> {
  const args = ['--engine', 'llamacpp', '--model', tinyText, '--threads', '2', '--ctx', '4096', ...(vision ? ['--mmproj', tinyMmproj] : []), ...extra];
  const l = launch(args, { SVG_COPILOT_SERVER_TOKEN: TOKEN });
  const { url, model } = await waitReady(l);
  const stop = async () => {
    if (l.child.exitCode === null && l.child.signalCode === null) {
      l.child.kill('SIGTERM');
      const timer = setTimeout(() => l.child.kill('SIGKILL'), 10_000);
      await l.exit;
      clearTimeout(timer);
    }
  };
  return {
    ...l,
    url,
    model,
    token: TOKEN,
    client: ({ maxRetries = 0, apiKey = TOKEN, timeout = 60_000 } = {}) => new OpenAI({ baseURL: url, apiKey, maxRetries, timeout }),
    stop,
  };
}

/** Reads a Prometheus metric value from /metrics text. */
export function metric(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
  if (!m) throw new Error(`metric ${name} missing`);
  return Number(m[1]);
}

export async function getText(url: string, token?: string): Promise<{ status: number; text: string }> {
  const r = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.status, text: await r.text() };
}

/** The process and all its descendants, from /proc (Linux). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch { /* exited meanwhile */ }
  }
  const out: number[] = [];
  const walk = (pid: number) => { out.push(pid); for (const c of children.get(pid) ?? []) walk(c); };
  walk(rootPid);
  return out;
}

/** A process's command line as its arguments, as every local user can read it. */
export function commandLine(pid: number): string[] {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean); } catch { return []; }
}

/** Resident memory of a process in KiB (VmRSS), from /proc. */
export function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** Writes a token to a fresh 0600 file in `dir`; returns its path. */
export function privateTokenFile(dir: string, token: string): string {
  const path = join(dir, 'token');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return path;
}
