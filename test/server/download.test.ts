import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile, DownloadError } from '../../server/models/download';
import { resolveModel, ModelUnavailableError } from '../../server/models/resolve';
import { PRESETS, type ModelPreset } from '../../src/shared/presets';

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

// Presets with no checksum recorded (the GPU presets): the first download is checked against the
// SHA-256 the host publishes with the file, as Hugging Face does for large files (a redirect
// carrying X-Linked-Etag), and the verified hash is pinned next to the file.
describe('model resolution against the checksum the host publishes', () => {
  let dir: string;
  let server: Server | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'models-')); });
  afterEach(() => { server?.close(); server = undefined; rmSync(dir, { recursive: true, force: true }); });

  function hub(published: string | undefined): Promise<{ url: string; gets: number }> {
    const state = { url: '', gets: 0 };
    const s = createServer((req, res) => {
      if (req.url === '/resolve/main/tiny.gguf') {
        res.writeHead(302, { location: '/blob/tiny', ...(published ? { 'x-linked-etag': `"${published}"`, 'x-linked-size': String(body.length) } : {}) }).end();
        return;
      }
      state.gets++;
      res.writeHead(200, { 'content-length': body.length }).end(req.method === 'HEAD' ? undefined : body);
    });
    server = s;
    return new Promise((done) => s.listen(0, '127.0.0.1', () => {
      state.url = `http://127.0.0.1:${(s.address() as { port: number }).port}/resolve/main/tiny.gguf`;
      done(state);
    }));
  }
  const preset = (url: string): ModelPreset[] => [{ engine: 'llamacpp', name: 'tiny', description: 'test', contextSize: 512, model: { fileName: 'tiny.gguf', url, approxBytes: body.length } }];

  it('downloads, checks against the published SHA-256, pins it, and uses the pinned file after', async () => {
    const h = await hub(sha);
    const log: string[] = [];
    const r = await resolveModel('tiny', { cacheDir: dir, presets: preset(h.url), log: (l) => log.push(l), progress: false });
    assert.ok(readFileSync(r.modelPath).equals(body));
    assert.equal(readFileSync(`${r.modelPath}.sha256`, 'utf8').trim(), sha);
    assert.ok(log.some((l) => l.includes(`publishes (${sha})`)), log.join('\n'));
    server!.close();
    const again = await resolveModel('tiny', { cacheDir: dir, presets: preset(h.url), log: () => {}, progress: false, offline: true });
    assert.equal(again.modelPath, r.modelPath);
  });

  it('discards a download that does not match the published SHA-256', async () => {
    const h = await hub(createHash('sha256').update('something else').digest('hex'));
    await assert.rejects(resolveModel('tiny', { cacheDir: dir, presets: preset(h.url), log: () => {}, progress: false }), /checksum mismatch/);
    assert.ok(!existsSync(join(dir, 'tiny.gguf')) && !existsSync(join(dir, 'tiny.gguf.part')));
  });

  it('refuses to download when the host publishes no checksum, and never trusts an unverified file in the cache', async () => {
    const h = await hub(undefined);
    await assert.rejects(resolveModel('tiny', { cacheDir: dir, presets: preset(h.url), log: () => {}, progress: false }), /publishes none \(no X-Linked-Etag\)/);
    assert.equal(h.gets, 0, 'nothing downloaded');
    writeFileSync(join(dir, 'tiny.gguf'), body);
    await assert.rejects(resolveModel('tiny', { cacheDir: dir, presets: preset(h.url), log: () => {}, progress: false }), /was not downloaded and verified here/);
  });
});

describe('GPU presets', () => {
  it('offers Qwen2.5-VL-7B as Q4_K_M and Q8_0 and a 3B, each with its vision projector, checked against the host-published hash', () => {
    for (const name of ['qwen2.5-vl-7b-q4', 'qwen2.5-vl-7b-q8', 'qwen2.5-vl-3b']) {
      const p = PRESETS.find((x) => x.name === name);
      assert.ok(p && p.engine === 'llamacpp', name);
      if (p.engine !== 'llamacpp') continue;
      for (const f of [p.model, p.mmproj!]) {
        assert.match(f.url, /^https:\/\/huggingface\.co\/ggml-org\/Qwen2\.5-VL-[37]B-Instruct-GGUF\/resolve\/main\/[\w.-]+\.gguf$/);
        assert.equal(f.sha256, undefined, 'no published checksum is recorded: verified against the host on first download');
      }
    }
  });
});
