// What every `svg-copilot` subcommand gets from the dispatcher, and the small
// helpers they share: reading an SVG file, writing output, reporting errors.
// Commands never touch process.* directly, so tests can run them in-process
// and the real binary stays the single place that exits.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkerPool, type PoolOptions } from '../core/render/pool';
import type { ParsedArgs } from './args';
import type { CommandSpec } from './args';

export interface CliOutput {
  write(chunk: string | Uint8Array): unknown;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Whether stdout is a terminal (binary output is refused there). */
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Exit codes shared by all subcommands. */
export const EXIT_OK = 0;
/** The command ran but the answer is negative: error findings, a failed render, crashes in a sweep. */
export const EXIT_FAILURE = 1;
/** Bad usage, or a file that cannot be read or written. */
export const EXIT_USAGE = 2;

/** A user-facing failure: printed as one line on stderr, never with a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_USAGE) {
    super(message);
  }
}

/** One subcommand. The dispatcher parses arguments against `spec` and handles --help. */
export interface CliCommand {
  spec: CommandSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export interface SvgFile {
  path: string;
  text: string;
  bytes: number;
  /** False when the bytes were not valid UTF-8 (text then holds U+FFFD replacements). */
  validUtf8: boolean;
}

/** Files above this size are refused before reading. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function readSvgFile(io: CliIo, file: string): SvgFile {
  const path = resolve(io.cwd, file);
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`${file} is a directory, not an SVG file`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${file}: ${describeFsError(e)}`);
  }
  if (size > MAX_FILE_BYTES) throw new CliError(`${file} is ${(size / 1048576).toFixed(1)} MB; files over ${MAX_FILE_BYTES / 1048576} MB are not read`);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${describeFsError(e)}`);
  }
  let validUtf8 = true;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    validUtf8 = false;
    text = new TextDecoder('utf-8').decode(buf);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { path, text, bytes: buf.length, validUtf8 };
}

export function writeOutputFile(io: CliIo, file: string, data: string | Uint8Array): string {
  const path = resolve(io.cwd, file);
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  }
  return path;
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a parent is not a directory';
    default: return e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
}

/** --timeout (seconds) and --memory (MB), shared by the commands that use the isolated worker. */
export const POOL_OPTIONS = [
  { name: 'timeout', type: 'number', valueName: 'SECONDS', description: 'time limit per render/optimize job (default 10)' },
  { name: 'memory', type: 'number', valueName: 'MB', description: 'memory cap of the isolated worker (default 1024)' },
] as const;

export function poolFromArgs(args: ParsedArgs, extra: PoolOptions = {}): WorkerPool {
  const timeout = args.options.timeout as number | undefined;
  const memory = args.options.memory as number | undefined;
  if (timeout !== undefined && !(timeout > 0 && timeout <= 3600)) throw new CliError('--timeout must be between 0 and 3600 seconds');
  if (memory !== undefined && !(memory >= 64 && memory <= 65536)) throw new CliError('--memory must be between 64 and 65536 MB');
  return new WorkerPool({
    ...extra,
    ...(timeout !== undefined ? { timeoutMs: Math.round(timeout * 1000) } : {}),
    ...(memory !== undefined ? { memoryLimitMB: Math.round(memory) } : {}),
  });
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** --format json|text, shared by all commands that print results. */
export const FORMAT_OPTION = { name: 'format', type: 'string', valueName: 'text|json', description: 'output format (default text)', choices: ['text', 'json'] } as const;
