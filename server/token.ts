// Where the server's API token comes from, and the token a server generates
// when it is given none. A token never has to travel on a command line (which
// every local user can read from /proc or `ps`): launchers hand it over in the
// environment or in a file only the user can read.
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SERVER_TOKEN_ENV } from '../src/shared/serverToken';

/** Environment variable a launcher sets to hand the token over (the extension does). */
export const TOKEN_ENV = SERVER_TOKEN_ENV;

export const TOKEN_ON_COMMAND_LINE_WARNING =
  `warning: --token puts the token on the command line, where every local user can read it (ps, /proc/PID/cmdline); use --token-file FILE (mode 0600) or the ${TOKEN_ENV} environment variable instead`;

export class TokenError extends Error {}

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

/**
 * Reads a token file (its first line). A file other local users can read is
 * refused, as ssh refuses such a key: the token in it is no secret.
 */
export function readTokenFile(path: string): string {
  let text: string;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new TokenError(`cannot read the token file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new TokenError(`the token file ${path} is not a regular file`);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new TokenError(`the token file ${path} can be read by other users (mode ${(st.mode & 0o777).toString(8)}); make it private with chmod 600`);
    }
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const token = text.split(/\r?\n/)[0].trim();
  if (!token) throw new TokenError(`the token file ${path} is empty`);
  return token;
}

export interface TokenSources {
  /** --token on the command line (hand runs only). */
  flag?: string;
  /** --token-file. */
  file?: string;
  env: NodeJS.ProcessEnv;
}

/** The token given by flag, file or environment (in that order), or undefined when none is given. */
export function givenToken(sources: TokenSources): string | undefined {
  if (sources.flag !== undefined) return sources.flag;
  if (sources.file !== undefined) return readTokenFile(sources.file);
  const fromEnv = sources.env[TOKEN_ENV]?.trim();
  return fromEnv || undefined;
}

/** Whether any token source is present (checked before the file is read, e.g. to allow a non-loopback host). */
export const hasTokenSource = (sources: TokenSources): boolean => sources.flag !== undefined || sources.file !== undefined || !!sources.env[TOKEN_ENV]?.trim();
