import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile, DownloadError } from '../../server/models/download';
import { resolveModel, ModelUnavailableError } from '../../server/models/resolve';
import type { ModelPreset } from '../../src/shared/presets';

// A file server on loopback that honours Range and can misbehave on request.
interface Behaviour { cutAfter?: number; ignoreRange?: boolean; corrupt?: boolean; status?: number }

function startServer(body: Buffer, behaviour: () => Behaviour): Promise<{ url: string; server: Server; requests: { range?: string }[] }> {
  const requests: { range?: string }[] = [];
  const server = createServer((req, res) => {
    const b = behaviour();
    requests.push({ range: req.headers.range });
    if (b.status) { res.writeHead(b.status).end(); return; }
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m && !b.ignoreRange) {
      start = Number(m[1]);
      if (start >= body.length) { res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end(); return; }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { 'content-length': body.length });
    }
    let chunk = body.subarray(start);
    if (b.corrupt) { chunk = Buffer.from(chunk); chunk[chunk.length - 1] ^= 0xff; }
    if (b.cutAfter !== undefined) {
      res.write(chunk.subarray(0, b.cutAfter), () => res.destroy());
      return;
    }
    res.end(chunk);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${port}/model.gguf`, server, requests });
  }));
}

const body = randomBytes(300_000);
const sha = createHash('sha256').update(body).digest('hex');

describe('model download', () => {
  let dir: string;
  let server: Server | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dl-')); });
  afterEach(() => { server?.close(); server = undefined; rmSync(dir, { recursive: true, force: true }); });

  it('downloads, verifies the checksum and renames into place, reporting progress', async () => {
    const s = await startServer(body, () => ({}));
    server = s.server;
    const dest = join(dir, 'm.gguf');
    const seen: number[] = [];
    await downloadFile(s.url, dest, { sha256: sha, onProgress: (r, total) => { seen.push(r); assert.equal(total, body.length); } });
    assert.ok(readFileSync(dest).equals(body));
    assert.ok(!existsSync(`${dest}.part`));
    assert.equal(seen.at(-1), body.length);
  });

  it('keeps the partial file after an interrupted transfer and resumes it with a Range request', async () => {
    let calls = 0;
    const s = await startServer(body, () => (calls++ === 0 ? { cutAfter: 100_000 } : {}));
    server = s.server;
    const dest = join(dir, 'm.gguf');
    await assert.rejects(downloadFile(s.url, dest, { sha256: sha }), (e: DownloadError) => e.kind === 'network' && /run again to resume/.test(e.message));
    assert.ok(!existsSync(dest), 'nothing at the destination until verified');
    const partial = statSync(`${dest}.part`).size;
    assert.ok(partial > 0 && partial < body.length);
    await downloadFile(s.url, dest, { sha256: sha });
    assert.equal(s.requests[1].range, `bytes=${partial}-`);
    assert.ok(readFileSync(dest).equals(body));
  });

  it('starts over when the server ignores the Range request', async () => {
    const s = await startServer(body, () => ({ ignoreRange: true }));
    server = s.server;
    const dest = join(dir, 'm.gguf');
    writeFileSync(`${dest}.part`, body.subarray(0, 5000));
    await downloadFile(s.url, dest, { sha256: sha });
    assert.ok(readFileSync(dest).equals(body));
  });

  it('discards a file whose checksum does not match', async () => {
    const s = await startServer(body, () => ({ corrupt: true }));
    server = s.server;
    const dest = join(dir, 'm.gguf');
    await assert.rejects(downloadFile(s.url, dest, { sha256: sha }), (e: DownloadError) => e.kind === 'checksum' && e.message.includes(sha));
    assert.ok(!existsSync(dest) && !existsSync(`${dest}.part`));
  });

  it('reports HTTP errors with the status', async () => {
    const s = await startServer(body, () => ({ status: 404 }));
    server = s.server;
    await assert.rejects(downloadFile(s.url, join(dir, 'm.gguf')), (e: DownloadError) => e.kind === 'http' && /404/.test(e.message));
  });
});

describe('model resolution', () => {
  let dir: string;
  let server: Server | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'models-')); });
  afterEach(() => { server?.close(); server = undefined; rmSync(dir, { recursive: true, force: true }); });

  const presetFor = (url: string): ModelPreset[] => [{
    engine: 'llamacpp', name: 'tiny', description: 'test', contextSize: 512,
    model: { fileName: 'tiny.gguf', url, sha256: sha, approxBytes: body.length },
    mmproj: { fileName: 'tiny-mmproj.gguf', url, sha256: sha, approxBytes: body.length },
  }];

  it('downloads a preset into the cache once and then uses the cached, verified files', async () => {
    const s = await startServer(body, () => ({}));
    server = s.server;
    const log: string[] = [];
    const r = await resolveModel('tiny', { cacheDir: dir, presets: presetFor(s.url), log: (l) => log.push(l), progress: false });
    assert.equal(r.modelPath, join(dir, 'tiny.gguf'));
    assert.equal(r.mmprojPath, join(dir, 'tiny-mmproj.gguf'));
    assert.equal(r.contextSize, 512);
    assert.equal(s.requests.length, 2);
    await resolveModel('tiny', { cacheDir: dir, presets: presetFor(s.url), log: () => {}, progress: false });
    assert.equal(s.requests.length, 2, 'no second download');
  });

  it('offline, names each missing file, where to get it and how to use a local GGUF', async () => {
    await assert.rejects(
      resolveModel('tiny', { cacheDir: dir, presets: presetFor('https://models.example.invalid/tiny.gguf'), offline: true, log: () => {} }),
      (e: ModelUnavailableError) => e.message.includes('tiny.gguf') && e.message.includes('tiny-mmproj.gguf') && e.message.includes('https://models.example.invalid/tiny.gguf') && e.message.includes('svgCopilot.server.model'),
    );
  });

  it('turns an unreachable host into the same clear message', async () => {
    const s = await startServer(body, () => ({}));
    const url = s.url;
    s.server.close();
    await assert.rejects(
      resolveModel('tiny', { cacheDir: dir, presets: presetFor(url), log: () => {}, progress: false }),
      (e: ModelUnavailableError) => e instanceof ModelUnavailableError && /cannot reach 127\.0\.0\.1/.test(e.message) && e.message.includes('--mmproj')
        && e.message.includes('tiny.gguf') && e.message.includes('tiny-mmproj.gguf'),
    );
  });

  it('accepts a local GGUF path and rejects unknown names with the preset list', async () => {
    const file = join(dir, 'mine.gguf');
    writeFileSync(file, 'GGUF');
    assert.deepEqual(await resolveModel(file, { log: () => {} }), { engine: 'llamacpp', name: 'mine', modelPath: file });
    await assert.rejects(resolveModel('no-such-model', { log: () => {} }), /unknown model "no-such-model".*qwen2-vl-2b/);
    await assert.rejects(resolveModel(join(dir, 'missing.gguf'), { log: () => {} }), /model file not found/);
  });

  it('maps the IntroSVG preset to vLLM and its Hugging Face id', async () => {
    const r = await resolveModel('introsvg-7b', { log: () => {} });
    assert.equal(r.engine, 'vllm');
    assert.equal(r.modelPath, 'gitcat404/IntroSVG-Qwen2.5-VL-7B');
  });
});
