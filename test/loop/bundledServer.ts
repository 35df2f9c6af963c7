// Starts the real bundled server (dist/server.js) on the tiny fixture models
// and waits for its one-line ready contract. Used by the loop suite and the
// loop benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface BundledServer {
  url: string;
  model: string;
  token: string;
  stop(): Promise<void>;
}

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = join(REPO_ROOT, 'dist', 'cli.js');
export const TINY_TEXT = join(REPO_ROOT, 'test', 'fixtures', 'models', 'tiny-text.gguf');
export const TINY_MMPROJ = join(REPO_ROOT, 'test', 'fixtures', 'models', 'tiny-mmproj.gguf');

/** Why the bundled server cannot start here, or undefined when it can. */
export function missingPieces(): string | undefined {
  const missing = [SERVER_JS, TINY_TEXT, TINY_MMPROJ].filter((p) => !existsSync(p));
  return missing.length ? `missing ${missing.join(', ')} (run "node esbuild.mjs" and "npm run fixtures")` : undefined;
}

export async function startBundledServer(options: { vision?: boolean; extraArgs?: string[]; readyTimeoutMs?: number } = {}): Promise<BundledServer> {
  const missing = missingPieces();
  if (missing) throw new Error(missing);
  const token = `loop-test-${process.pid}`;
  const args = [SERVER_JS, '--engine', 'llamacpp', '--model', TINY_TEXT, ...(options.vision === false ? [] : ['--mmproj', TINY_MMPROJ]), '--port', '0', '--threads', '1', ...(options.extraArgs ?? [])];
  // The token travels in the environment, as the extension hands it over: never on a command line.
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SVG_COPILOT_SERVER_TOKEN: token } });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const ready = await new Promise<{ url: string; model: string }>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server not ready within ${options.readyTimeoutMs ?? 60_000} ms; stderr:\n${stderr}`)), options.readyTimeoutMs ?? 60_000);
      child.stdout?.on('data', (d) => {
        out += d;
        const nl = out.indexOf('\n');
        if (nl < 0) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(out.slice(0, nl)) as { url: string; model: string });
        } catch {
          reject(new Error(`server printed no ready JSON: ${out.slice(0, nl)}`));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? signal}) before ready; stderr:\n${stderr}`));
      });
    });
    return { ...ready, token, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
