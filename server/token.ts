// The API token a server generates when it is started without --token: random,
// and written where only the user can read it, so a person can use the server
// by hand while other local users cannot.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Writes the token to a 0600 file in a 0700 directory; returns the file's path. */
export function writeTokenFile(token: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_RUNTIME_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'svg-copilot');
  const dir = join(base, 'svg-copilot-server');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `token-${process.pid}`);
  const fd = openSync(path, 'w', 0o600);
  try { writeSync(fd, `${token}\n`); } finally { closeSync(fd); }
  return path;
}
