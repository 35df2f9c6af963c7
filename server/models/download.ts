// Resumable, verified download of one model file: bytes go to DEST.part (kept
// across interruptions and continued with an HTTP Range request), the SHA-256 is
// checked over the whole file, and only then is it renamed into place, so a
// half-written or corrupted file never sits at DEST.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProgressListener } from './progress';

export type DownloadErrorKind = 'network' | 'http' | 'checksum' | 'io' | 'aborted';

export class DownloadError extends Error {
  constructor(message: string, readonly kind: DownloadErrorKind) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadOptions {
  sha256?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

export async function sha256OfFile(path: string): Promise<string> {
  const h = createHash('sha256');
  await hashFile(path, h);
  return h.digest('hex');
}

function describeNetworkError(url: string, err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const host = (() => { try { return new URL(url).host; } catch { return url; } })();
  const code = cause?.code ?? (err as { code?: string })?.code;
  return `cannot reach ${host}${code ? ` (${code})` : ''}`;
}

/**
 * The SHA-256 the host publishes for a file it serves, read from a HEAD request
 * without following the redirect: Hugging Face answers a `resolve` URL of a
 * large (LFS) file with its content hash as `X-Linked-Etag`. Undefined when the
 * host publishes none.
 */
export async function publishedSha256(url: string, signal?: AbortSignal): Promise<string | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'HEAD', redirect: 'manual', signal });
  } catch (err) {
    if (signal?.aborted) throw new DownloadError('download cancelled', 'aborted');
    throw new DownloadError(`${describeNetworkError(url, err)} while downloading ${url}`, 'network');
  }
  await res.body?.cancel();
  for (const header of ['x-linked-etag', 'etag']) {
    const tag = (res.headers.get(header) ?? '').replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
    if (/^[0-9a-f]{64}$/.test(tag)) return tag;
  }
  return undefined;
}

export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  const { sha256, onProgress, signal } = options;
  mkdirSync(dirname(dest), { recursive: true });
  const part = `${dest}.part`;

  for (let attempt = 0; attempt < 2; attempt++) {
    let offset = existsSync(part) ? statSync(part).size : 0;
    const hash = createHash('sha256');

    let res: Response;
    try {
      res = await fetch(url, { headers: offset ? { Range: `bytes=${offset}-` } : {}, signal, redirect: 'follow' });
    } catch (err) {
      if (signal?.aborted) throw new DownloadError('download cancelled', 'aborted');
      throw new DownloadError(`${describeNetworkError(url, err)} while downloading ${url}`, 'network');
    }

    if (res.status === 416 && offset > 0) {
      // The partial file already holds every byte the server has: verify it as is.
      await res.body?.cancel();
      await hashFile(part, hash);
    } else {
      if (!res.ok) {
        await res.body?.cancel();
        throw new DownloadError(`HTTP ${res.status} ${res.statusText} from ${url}`, 'http');
      }
      const rangeHonoured = res.status === 206 && (res.headers.get('content-range') ?? '').startsWith(`bytes ${offset}-`);
      if (offset > 0 && !rangeHonoured) offset = 0; // server sent the whole file again: start over
      if (offset > 0) await hashFile(part, hash);
      const length = Number(res.headers.get('content-length'));
      const total = Number.isFinite(length) && length > 0 ? offset + length : undefined;
      const out = createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' });
      let received = offset;
      try {
        if (!res.body) throw new Error('empty response body');
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          hash.update(chunk);
          received += chunk.length;
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
          onProgress?.(received, total);
        }
      } catch (err) {
        await new Promise<void>((r) => out.end(() => r()));
        if (signal?.aborted) throw new DownloadError(`download cancelled; ${(received / 1e6).toFixed(1)} MB kept for resuming`, 'aborted');
        throw new DownloadError(`download of ${url} interrupted after ${(received / 1e6).toFixed(1)} MB (${(err as Error).message}); run again to resume`, 'network');
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(new DownloadError(`cannot write ${part}: ${err.message}`, 'io')) : resolve())));
      if (total !== undefined && received < total) {
        throw new DownloadError(`download of ${url} ended early at ${(received / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB; run again to resume`, 'network');
      }
    }

    const digest = hash.digest('hex');
    if (sha256 && digest !== sha256.toLowerCase()) {
      rmSync(part, { force: true });
      // A stale partial file from another version can poison a resume: retry once from zero.
      if (attempt === 0 && offset > 0) continue;
      throw new DownloadError(`checksum mismatch for ${url}: expected sha256 ${sha256}, got ${digest}. The file was discarded.`, 'checksum');
    }
    renameSync(part, dest);
    return;
  }
}
