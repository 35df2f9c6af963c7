// Whether the local server can start without downloading anything: the
// model setting names a file that exists, or the preset's files are already
// in the server's model cache. Read from disk, never from the network.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_PRESET, findPreset, type ModelFile } from '../../shared/presets';

/** The server's cache folder for preset models (the same rule as server/models/resolve.ts, env inherited from here). */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SVG_COPILOT_MODEL_CACHE) return env.SVG_COPILOT_MODEL_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'svg-copilot', 'models');
}

export type ModelNeed =
  /** Nothing to download: a local file, files already cached, or an engine that fetches its own (vLLM). */
  | { kind: 'present' }
  /** Preset files missing from the cache: starting the server downloads them. */
  | { kind: 'download'; preset: string; files: ModelFile[]; bytes: number; folder: string }
  /** A path or name that cannot be used; the server's start says why. */
  | { kind: 'unknown' };

export function modelNeed(modelSetting: string, engine: 'llamacpp' | 'vllm', env: NodeJS.ProcessEnv = process.env): ModelNeed {
  if (engine === 'vllm') return { kind: 'present' };
  const spec = modelSetting.trim() || DEFAULT_PRESET;
  const preset = findPreset(spec);
  if (!preset) {
    const path = resolve(spec);
    return existsSync(path) && statSync(path).isFile() ? { kind: 'present' } : { kind: 'unknown' };
  }
  if (preset.engine !== 'llamacpp') return { kind: 'present' };
  const folder = modelCacheDir(env);
  const files = [preset.model, preset.mmproj].filter((f): f is ModelFile => !!f && !existsSync(join(folder, f.fileName)));
  if (!files.length) return { kind: 'present' };
  return { kind: 'download', preset: preset.name, files, bytes: files.reduce((n, f) => n + f.approxBytes, 0), folder };
}

export function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.round(n / 1e6)} MB`;
}
