// Turns --model (a path or a preset name) into files on disk, downloading a
// preset's files into the cache on first use.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve as resolvePath } from 'node:path';
import { downloadFile, DownloadError, publishedSha256, sha256OfFile } from './download';
import { DEFAULT_PRESET, PRESETS, findPreset, type ModelFile, type ModelPreset } from '../../src/shared/presets';
import { stderrProgress } from './progress';

export interface ResolvedModel {
  engine: 'llamacpp' | 'vllm';
  name: string;
  /** A GGUF path (llamacpp) or a model directory / Hugging Face id (vllm). */
  modelPath: string;
  mmprojPath?: string;
  contextSize?: number;
}

export interface ResolveOptions {
  cacheDir?: string;
  /** Never touch the network; a missing file is an error naming where to get it. */
  offline?: boolean;
  log: (line: string) => void;
  presets?: readonly ModelPreset[];
  signal?: AbortSignal;
  /** Show download progress on stderr (default true). */
  progress?: boolean;
}

export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SVG_COPILOT_MODEL_CACHE) return env.SVG_COPILOT_MODEL_CACHE;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'svg-copilot', 'models');
}

function looksLikePath(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.gguf$/i.test(spec) || existsSync(spec);
}

// A verified file gets a marker holding its checksum, so a 2 GB model is hashed
// once after download rather than on every server start.
// A file with no checksum recorded is verified when its marker exists: the marker is
// written only after a download that matched the checksum its host published.
function isVerified(path: string, file: ModelFile): boolean {
  try {
    const pinned = readFileSync(`${path}.sha256`, 'utf8').trim();
    return file.sha256 ? pinned === file.sha256 : /^[0-9a-f]{64}$/.test(pinned);
  } catch { return false; }
}

async function ensureFile(file: ModelFile, dir: string, opts: ResolveOptions): Promise<string> {
  const path = join(dir, file.fileName);
  if (existsSync(path)) {
    if (isVerified(path, file)) return path;
    if (!file.sha256) throw new ModelUnavailableError(`${path} was not downloaded and verified here, and no checksum is recorded for it: delete it to download it afresh, or pass it as a local file (--model PATH).`);
    opts.log(`verifying ${file.fileName}…`);
    if ((await sha256OfFile(path)) === file.sha256) {
      writeFileSync(`${path}.sha256`, `${file.sha256}\n`);
      return path;
    }
    throw new ModelUnavailableError(`${path} does not match the expected checksum (sha256 ${file.sha256}). Delete it and start again to download it afresh.`);
  }
  if (opts.offline) throw new ModelUnavailableError(missingMessage([file], dir, 'offline mode is on'));
  opts.log(`downloading ${file.fileName} (about ${(file.approxBytes / 1e9).toFixed(2)} GB) into ${dir}`);
  let sha256 = file.sha256;
  if (!sha256) {
    sha256 = await publishedSha256(file.url, opts.signal);
    if (!sha256) throw new ModelUnavailableError(`no checksum is recorded for ${file.fileName} and ${file.url} publishes none (no X-Linked-Etag): download it yourself and pass it as a local file (--model PATH).`);
    opts.log(`${file.fileName}: checking the download against the SHA-256 its host publishes (${sha256})`);
  }
  const progress = opts.progress === false ? undefined : stderrProgress(file.fileName);
  try {
    await downloadFile(file.url, path, { sha256, onProgress: progress, signal: opts.signal });
  } finally {
    progress?.done();
  }
  writeFileSync(`${path}.sha256`, `${sha256}\n`);
  return path;
}

function missingMessage(files: ModelFile[], dir: string, reason: string): string {
  const lines = files.map((f) => `  - ${f.fileName} (about ${(f.approxBytes / 1e9).toFixed(2)} GB) from ${f.url} into ${dir}`);
  return [
    `The model files are not available (${reason}). Download:`,
    ...lines,
    'or point svgCopilot.server.model (server flag --model) at a local GGUF file and svgCopilot.server.mmproj (--mmproj) at its vision projector.',
  ].join('\n');
}

export async function resolveModel(spec: string, opts: ResolveOptions): Promise<ResolvedModel> {
  const wanted = spec.trim() || DEFAULT_PRESET;
  const presets = opts.presets ?? PRESETS;
  const preset = findPreset(wanted, presets);
  if (!preset) {
    if (looksLikePath(wanted)) {
      const path = resolvePath(wanted);
      if (!existsSync(path) || !statSync(path).isFile()) throw new ModelUnavailableError(`model file not found: ${path}`);
      return { engine: 'llamacpp', name: basename(path).replace(/\.gguf$/i, ''), modelPath: path };
    }
    const names = presets.map((p) => p.name).join(', ');
    throw new ModelUnavailableError(`unknown model "${wanted}": use a preset (${names}) or a path to a .gguf file`);
  }
  if (preset.engine === 'vllm') {
    return { engine: 'vllm', name: preset.name, modelPath: preset.hfModel, contextSize: preset.maxModelLen };
  }
  const dir = opts.cacheDir ?? defaultCacheDir();
  const missing = [preset.model, preset.mmproj].filter((f): f is ModelFile => !!f && !existsSync(join(dir, f.fileName)));
  if (opts.offline && missing.length) throw new ModelUnavailableError(missingMessage(missing, dir, 'offline mode is on'));
  try {
    const modelPath = await ensureFile(preset.model, dir, opts);
    const mmprojPath = preset.mmproj ? await ensureFile(preset.mmproj, dir, opts) : undefined;
    return { engine: 'llamacpp', name: preset.name, modelPath, mmprojPath, contextSize: preset.contextSize };
  } catch (err) {
    // Name every file still missing, not just the one that failed; the URLs
    // follow in that list, so the reason need not repeat them.
    if (err instanceof DownloadError && err.kind === 'network') {
      const still = missing.filter((f) => !existsSync(join(dir, f.fileName)));
      throw new ModelUnavailableError(missingMessage(still, dir, err.message.replace(/ while downloading \S+$/, '')));
    }
    throw err;
  }
}

export function presetTable(presets: readonly ModelPreset[] = PRESETS): string {
  return presets.map((p) => `${p.name.padEnd(14)} ${p.engine.padEnd(9)} ${p.description}`).join('\n');
}

