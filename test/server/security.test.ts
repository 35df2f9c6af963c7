// The seams an attacker can reach on the real server (tiny fixture model):
// secrets on command lines, local files through image_url, what /health tells
// a stranger, and whether every json_schema answer is the schema's JSON.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { Resvg } from '@resvg/resvg-js';
import { commandLine, getText, launch, privateTokenFile, processTree, startTinyServer, tinyText, waitReady, type StartedServer } from './harness';

function png(): Buffer {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="10" fill="#c00"/></svg>';
  return new Resvg(svg, { fitTo: { mode: 'width', value: 32 }, font: { loadSystemFonts: false } }).render().asPng();
}

const imageBody = (model: string, url: string) => JSON.stringify({
  model, max_tokens: 2, seed: 1,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'image_url', image_url: { url } }] }],
});

describe('no secret on any command line', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'svgc-secret-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts a generation, and while it streams reads the command line of the server and every process under it. */
  async function commandLinesDuringGeneration(url: string, model: string, token: string, rootPid: number): Promise<Map<number, string>> {
    const client = new OpenAI({ baseURL: url, apiKey: token, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Please generate an SVG icon of a cat' }], max_tokens: 200, seed: 3, temperature: 1, stream: true });
    const seen = new Map<number, string>();
    let pieces = 0;
    for await (const c of stream) {
      if (c.choices[0]?.delta.content && pieces++ === 2) for (const pid of processTree(rootPid)) seen.set(pid, commandLine(pid).join(' '));
    }
    assert.ok(pieces > 2, 'the generation streamed');
    return seen;
  }

  for (const how of ['environment (as the extension launches it)', '--token-file'] as const) {
    it(`during a real generation, neither the server nor its worker carries the token (${how})`, async () => {
      const token = `secret-${how.startsWith('env') ? 'env' : 'file'}-0123456789abcdef`;
      const l = how === '--token-file'
        ? launch(['--model', tinyText, '--threads', '1', '--ctx', '1024', '--token-file', privateTokenFile(dir, token)])
        : launch(['--model', tinyText, '--threads', '1', '--ctx', '1024'], { SVG_COPILOT_SERVER_TOKEN: token });
      try {
        const ready = await waitReady(l);
        const seen = await commandLinesDuringGeneration(ready.url, ready.model, token, l.child.pid!);
        assert.ok(seen.size >= 2, `the launcher and its worker were both read (${[...seen.keys()].join(', ')})`);
        assert.ok([...seen.values()].some((cmd) => cmd.includes('server.js')), 'the command lines read are the server\'s');
        for (const [pid, cmd] of seen) assert.ok(!cmd.includes(token), `process ${pid}'s command line carries the token: ${cmd}`);
        assert.ok(!l.stderr().includes(token), 'the token is in no log line');
        assert.doesNotMatch(l.stderr(), /warning: --token/);
      } finally {
        l.child.kill('SIGTERM');
        await l.exit;
      }
    });
  }

  it('warns that --token is visible to other users, and keeps it off the worker', async () => {
    const token = 'typed-by-hand-0123456789';
    const l = launch(['--model', tinyText, '--threads', '1', '--ctx', '1024', '--token', token]);
    try {
      const ready = await waitReady(l);
      assert.match(l.stderr(), /warning: --token puts the token on the command line, where every local user can read it/);
      const seen = await commandLinesDuringGeneration(ready.url, ready.model, token, l.child.pid!);
      const carriers = [...seen].filter(([, cmd]) => cmd.includes(token)).map(([pid]) => pid);
      assert.deepEqual(carriers, [l.child.pid], 'only the command line the user typed has it');
    } finally {
      l.child.kill('SIGTERM');
      await l.exit;
    }
  });

  it('refuses a token file other users can read, and an empty one', async () => {
    const open = join(dir, 'open-token');
    writeFileSync(open, 'readable-by-everyone-123\n', { mode: 0o644 });
    const l = launch(['--model', tinyText, '--token-file', open]);
    assert.equal((await l.exit).code, 2);
    assert.match(l.stderr(), /can be read by other users \(mode 644\); make it private with chmod 600/);
    const empty = join(dir, 'empty-token');
    writeFileSync(empty, '\n', { mode: 0o600 });
    const e = launch(['--model', tinyText, '--token-file', empty]);
    assert.equal((await e.exit).code, 2);
    assert.match(e.stderr(), /is empty/);
  });
});

describe('image_url and local files', function () {
  this.timeout(60_000);
  let dir: string;
  let allowed: string;
  let outside: string;
  let server: StartedServer;
  let closed: StartedServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'svgc-images-'));
    allowed = join(dir, 'allowed');
    outside = join(dir, 'outside');
    mkdirSync(allowed);
    mkdirSync(outside);
    writeFileSync(join(allowed, 'red.png'), png());
    copyFileSync(join(allowed, 'red.png'), join(outside, 'secret.png'));
    writeFileSync(join(outside, 'secret.txt'), 'do not read me');
    symlinkSync(join(outside, 'secret.png'), join(allowed, 'link.png'));
    symlinkSync(outside, join(allowed, 'dirlink'));
    server = await startTinyServer(['--allow-image-dir', allowed]);
    closed = await startTinyServer([]);
  });
  after(async () => {
    await server?.stop();
    await closed?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (s: StartedServer, url: string) => {
    const r = await fetch(`${s.url}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body: imageBody(s.model, url) });
    return { status: r.status, body: await r.text() };
  };

  it('reads an image under --allow-image-dir (path and file: URL)', async () => {
    for (const url of [join(allowed, 'red.png'), pathToFileURL(join(allowed, 'red.png')).href]) {
      const r = await post(server, url);
      assert.equal(r.status, 200, r.body);
      assert.ok((JSON.parse(r.body) as { usage: { prompt_tokens: number } }).usage.prompt_tokens > 16);
    }
  });

  it('refuses a path outside, through a symlink, through "..", as a file: URL, or relative, with the same answer as a missing file', async () => {
    const missing = await post(server, join(allowed, 'no-such.png'));
    assert.equal(missing.status, 400);
    assert.match(missing.body, /image_not_allowed/);
    const attempts = [
      join(outside, 'secret.png'),
      join(outside, 'secret.txt'),
      pathToFileURL(join(outside, 'secret.png')).href,
      join(allowed, 'link.png'),
      join(allowed, 'dirlink', 'secret.png'),
      `${allowed}/../outside/secret.png`,
      '/etc/passwd',
      'file:///etc/passwd',
      'allowed/red.png',
      join(outside, 'no-such.png'),
      allowed,
    ];
    for (const url of attempts) assert.deepEqual(await post(server, url), missing, url);
  });

  it('takes data URLs only when no directory is allowed: an existing file answers as a missing one', async () => {
    const missing = await post(closed, join(allowed, 'no-such.png'));
    assert.equal(missing.status, 400);
    assert.match(missing.body, /reads no local files/);
    for (const url of [join(allowed, 'red.png'), pathToFileURL(join(allowed, 'red.png')).href, join(outside, 'secret.png'), '/etc/passwd']) {
      assert.deepEqual(await post(closed, url), missing, url);
    }
    const r = await post(closed, `data:image/png;base64,${png().toString('base64')}`);
    assert.equal(r.status, 200, r.body);
  });

  it('/health tells a caller without the token only that the server is up', async () => {
    const base = server.url.replace(/\/v1$/, '');
    for (const token of [undefined, 'wrong-token-0000']) {
      const h = await getText(`${base}/health`, token);
      assert.equal(h.status, 200);
      assert.deepEqual(JSON.parse(h.text), { status: 'ok' });
    }
    const full = JSON.parse((await getText(`${base}/health`, server.token)).text) as Record<string, unknown>;
    assert.equal(full.model, 'tiny-text');
    assert.equal(full.vision, true);
  });
});

describe('json_schema answers are the schema\'s JSON only', function () {
  this.timeout(120_000);
  let server: StartedServer;
  let client: OpenAI;
  const schema = {
    type: 'object',
    properties: { score: { type: 'integer', minimum: 0, maximum: 10 }, critique: { type: 'string', maxLength: 24 } },
    required: ['score', 'critique'],
    additionalProperties: false,
  };

  before(async () => {
    server = await startTinyServer(['--ctx', '1024'], { vision: false });
    client = server.client();
  });
  after(async () => { await server?.stop(); });

  const check = (text: string, where: string) => {
    // The official client's own parse, and the schema by hand.
    assert.doesNotMatch(text, /```/, `${where}: fenced: ${JSON.stringify(text)}`);
    assert.equal(text, text.trim(), `${where}: padded`);
    const v = JSON.parse(text) as { score: number; critique: string };
    assert.deepEqual(Object.keys(v).sort(), ['critique', 'score'], where);
    assert.ok(Number.isInteger(v.score) && v.score >= 0 && v.score <= 10, `${where}: score ${v.score}`);
    assert.ok(typeof v.critique === 'string' && [...v.critique].length <= 24, where);
  };

  it('parses with the official client for 12 seeds, strict or not, streamed or not', async () => {
    let answers = 0;
    for (const strict of [true, false]) {
      for (let seed = 1; seed <= 12; seed++) {
        const params = {
          model: server.model, messages: [{ role: 'user' as const, content: 'Rate it' }], max_tokens: 300, seed, temperature: 1,
          response_format: { type: 'json_schema' as const, json_schema: { name: 'rating', schema, strict } },
        };
        const parsed = await client.chat.completions.parse(params);
        check(parsed.choices[0].message.content!, `strict ${strict} seed ${seed}`);
        assert.deepEqual(parsed.choices[0].message.parsed, JSON.parse(parsed.choices[0].message.content!));
        if (seed <= 4) {
          const stream = await client.chat.completions.create({ ...params, stream: true });
          let text = '';
          for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
          assert.equal(text, parsed.choices[0].message.content, `streamed strict ${strict} seed ${seed}`);
        }
        answers++;
      }
    }
    assert.equal(answers, 24);
  });

  it('json_object answers are one JSON object, or an error when the object never closes', async () => {
    let objects = 0;
    for (let seed = 1; seed <= 8; seed++) {
      try {
        const r = await client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: 'Answer in JSON' }], max_tokens: 600, seed, temperature: 1, response_format: { type: 'json_object' } });
        const v = JSON.parse(r.choices[0].message.content!) as unknown;
        assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), r.choices[0].message.content!);
        objects++;
      } catch (err) {
        // Random weights can wander in an open-ended object until max_tokens: that must be an error, not a 200.
        if (!(err instanceof OpenAI.APIError) || err.code !== 'json_incomplete') throw err;
      }
    }
    assert.ok(objects > 0, 'no seed produced a complete object');
  });

  it('an answer cut off by max_tokens is an error naming max_tokens, never invalid content with a 200', async () => {
    for (const stream of [false, true]) {
      try {
        const r = await client.chat.completions.create({
          model: server.model, messages: [{ role: 'user', content: 'Rate it' }], max_tokens: 3, seed: 1, stream,
          response_format: { type: 'json_schema', json_schema: { name: 'rating', schema, strict: true } },
        });
        if (stream) for await (const _ of r as AsyncIterable<unknown>) { /* drain */ }
        assert.fail('expected an error');
      } catch (err) {
        assert.ok(err instanceof OpenAI.APIError, String(err));
        assert.equal(err.status, 400);
        assert.equal(err.param, 'max_tokens');
        assert.equal(err.code, 'json_incomplete');
      }
    }
  });
});
