// How the bundled server is launched: which executable, which arguments, which
// environment. Kept apart from the lifecycle so it can be read (and checked) on its own.
import * as path from 'node:path';
import { DEFAULT_PRESET, PRESETS } from '../../shared/presets';
import { SERVER_TOKEN_ENV } from '../../shared/serverToken';
import { getSetting, serverEngine } from '../config';
import type { ServerEngine } from '../settingsSchema';

/** The preset an empty svgCopilot.server.model means for the engine. */
export function defaultModel(engine: ServerEngine): string {
  return engine === 'llamacpp' ? DEFAULT_PRESET : PRESETS.find((p) => p.engine === engine)?.name ?? DEFAULT_PRESET;
}

export interface ServerLaunch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Shown in the log: the command line (the token is not on it). */
  display: string;
}

/**
 * `svgCopilot.server.nodePath` when set; otherwise the runtime VS Code runs us
 * with. In desktop VS Code that is Electron, which behaves as plain Node when
 * ELECTRON_RUN_AS_NODE=1 is set (harmless for a real Node, e.g. in code-server).
 */
export function serverLaunch(extensionPath: string, token: string): ServerLaunch {
  const nodePath = getSetting('serverNodePath').trim();
  const args = [path.join(extensionPath, 'dist', 'server.js'), '--engine', serverEngine(), '--host', '127.0.0.1', '--port', '0'];
  args.push('--model', getSetting('serverModel').trim() || defaultModel(serverEngine()));
  const mmproj = getSetting('serverMmproj').trim();
  if (mmproj) args.push('--mmproj', mmproj);
  const threads = getSetting('serverThreads');
  if (threads > 0) args.push('--threads', String(Math.floor(threads)));
  args.push('--ctx', String(Math.floor(getSetting('serverContextSize'))));
  const gpuLayers = getSetting('serverGpuLayers');
  if (gpuLayers >= 0) args.push('--gpu-layers', String(Math.floor(gpuLayers)));
  const display = [nodePath || process.execPath, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return {
    command: nodePath || process.execPath,
    args,
    // The token goes in the environment, which only this user can read; every local user can read a command line.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', [SERVER_TOKEN_ENV]: token },
    display,
  };
}
