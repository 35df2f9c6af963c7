// Hostile HTTP against the real server (tiny fixture model, one process as
// the extension starts it): malformed and truncated JSON, deep nesting, huge
// headers, clients that never finish their body, 10k messages, invalid UTF-8,
// wrong content types, negative and huge numbers. Every answer must be a 4xx,
// the server must keep serving, and the worker's memory must stay bounded
// (its RSS before and after is printed and checked).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Resvg } from '@resvg/resvg-js';
import { processTree, rssKiB, startTinyServer, type StartedServer } from './harness';

interface RawAnswer { status: number | 'closed'; body: string }

/** Sends raw bytes over one connection and reads the first response's status line (or sees the connection closed). */
function raw(port: number, bytes: Buffer | string, { endWrite = false, timeoutMs = 20_000 } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer within ${timeoutMs} ms`)); }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      resolve({ status: m ? Number(m[1]) : 'closed', body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    };
    socket.on('data', (d) => { data += d.toString('latin1'); });
    socket.on('end', done);
    socket.on('error', () => done());
    socket.on('close', done);
    socket.write(bytes, () => { if (endWrite) socket.end(); });
  });
}

const request = (token: string, body: Buffer | string, headers: Record<string, string | number> = {}, path = '/v1/chat/completions', method = 'POST') => {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const h = { host: '127.0.0.1', authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': b.length, connection: 'close', ...headers };
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(h).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), b]);
};

describe('HTTP fuzz (real server, tiny model)', function () {
  this.timeout(120_000);
  let server: StartedServer;
  let port: number;
  let worker: number;
  let rssBefore: number;
  const valid = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'tiny-text', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4, seed: 1, ...extra });
  const is4xx = (a: RawAnswer, what: string) => assert.ok(typeof a.status === 'number' && a.status >= 400 && a.status < 500, `${what}: got ${a.status} ${a.body.slice(0, 200)}`);

  before(async () => {
    server = await startTinyServer(['--body-timeout', '2', '--ctx', '2048']);
    port = Number(new URL(server.url).port);
    const tree = processTree(server.child.pid!);
    assert.equal(tree.length, 2, `launcher and worker (${tree.join(', ')})`);
    worker = tree[1];
    // Warm: one real generation, so the baseline includes the model's working memory.
    assert.equal((await raw(port, request(server.token, valid()))).status, 200);
    rssBefore = rssKiB(worker);
  });

  after(async () => { await server?.stop(); });

  afterEach(async () => {
    // After every case the server still serves a real request.
    assert.equal(server.child.exitCode, null, 'the server is running');
    const ok = await raw(port, request(server.token, valid()));
    assert.equal(ok.status, 200, ok.body);
  });

  it('malformed and truncated JSON: 400', async () => {
    const whole = valid();
    const bodies = ['', ' ', '{', '}', '[', 'null', 'true', '"x"', '123', '{"model":', '{"model": "tiny-text", "messages": [', '{"a":1}}', '\u0000', '{"model":"tiny-text","messages":[{"role":"user","content":"hi"}],}', "{'model':'tiny-text'}", 'NaN', '{"model":"tiny-text","messages":[{"role":"user","content":"\\ud800"}]'];
    for (let cut = 1; cut < whole.length; cut += 5) bodies.push(whole.slice(0, cut));
    for (const body of bodies) is4xx(await raw(port, request(server.token, body)), JSON.stringify(body));
  });

  it('deep nesting, closed and unclosed: 400', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const bodies = [
      deep(100_000),
      '['.repeat(1_000_000),
      '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000),
      JSON.stringify({ model: 'tiny-text', messages: [{ role: 'user', content: 'x' }], extra: 0 }).replace('0}', `${deep(50_000)}}`),
      `{"model":"tiny-text","messages":[{"role":"user","content":${deep(50_000)}}]}`,
      valid({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: JSON.parse('{"type":"array","items":'.repeat(40) + '{"type":"string"}' + '}'.repeat(40)) } } }),
    ];
    for (const body of bodies) is4xx(await raw(port, request(server.token, body)), `${body.slice(0, 40)}… (${body.length} bytes)`);
  });

  it('huge headers, a huge URL and many headers: 431/414/400, before any body is read', async () => {
    const big = 'x'.repeat(100_000);
    is4xx(await raw(port, request(server.token, valid(), { 'x-filler': big })), 'one 100 kB header');
    is4xx(await raw(port, request(server.token, valid(), Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`x-h${i}`, 'v'])))), '3000 headers');
    is4xx(await raw(port, request(server.token, valid(), {}, `/v1/chat/completions?${big}`)), '100 kB URL');
    is4xx(await raw(port, request(`${big}`, valid())), '100 kB bearer token');
  });

  it('clients that never finish their body get 408 after --body-timeout, many at once', async () => {
    const t0 = Date.now();
    const stalled = Array.from({ length: 40 }, () => raw(port, request(server.token, '{"model":"tiny-text"', { 'content-length': 100_000 }), { timeoutMs: 15_000 }));
    // Meanwhile the server answers others.
    assert.equal((await raw(port, request(server.token, valid()))).status, 200);
    const answers = await Promise.all(stalled);
    for (const a of answers) assert.equal(a.status, 408, a.body);
    const took = Date.now() - t0;
    assert.ok(took >= 1900 && took < 10_000, `took ${took} ms`);
    // A declared length far over the limit is refused at once.
    assert.equal((await raw(port, request(server.token, '{', { 'content-length': 10 ** 12 }))).status, 413);
  });

  it('10k messages and 10k image parts: 400, and the worker stays up', async () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `message ${i}` }));
    const a = await raw(port, request(server.token, JSON.stringify({ model: 'tiny-text', messages, max_tokens: 4 })));
    assert.equal(a.status, 400, a.body);
    assert.match(a.body, /too_many_messages/);
    // At the cap, formatting the chat still answers within seconds.
    const t0 = Date.now();
    const atCap = await raw(port, request(server.token, JSON.stringify({ model: 'tiny-text', messages: messages.slice(0, 2047), max_tokens: 4 })));
    assert.equal(atCap.status, 400, atCap.body);
    assert.match(atCap.body, /context_length_exceeded/);
    console.log(`      2047 messages refused (prompt longer than the window) in ${Date.now() - t0} ms`);
    const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', { font: { loadSystemFonts: false } }).render().asPng();
    const parts = Array.from({ length: 10_000 }, () => ({ type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } }));
    const b = await raw(port, request(server.token, JSON.stringify({ model: 'tiny-text', messages: [{ role: 'user', content: parts }], max_tokens: 4 })));
    assert.equal(b.status, 400, b.body);
  });

  it('invalid UTF-8: 400', async () => {
    for (const bad of [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const body = Buffer.concat([Buffer.from('{"model":"tiny-text","messages":[{"role":"user","content":"'), Buffer.from(bad), Buffer.from('"}]}')]);
      const a = await raw(port, request(server.token, body));
      assert.equal(a.status, 400, a.body);
      assert.match(a.body, /not valid UTF-8/);
    }
  });

  it('wrong content types: 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', 'application/jsonp']) {
      const a = await raw(port, request(server.token, valid(), { 'content-type': type }));
      assert.equal(a.status, 415, `${type}: ${a.body}`);
    }
    assert.equal((await raw(port, request(server.token, valid(), { 'content-type': 'application/json; charset=utf-8' }))).status, 200);
  });

  it('negative, huge, fractional and non-finite numbers: 400', async () => {
    const cases: Record<string, unknown>[] = [
      { max_tokens: -1 }, { max_tokens: 0 }, { max_tokens: 1e308 }, { max_tokens: 2 ** 53 }, { max_tokens: 0.5 },
      { temperature: -0.5 }, { temperature: 1e9 }, { top_p: -1 }, { top_p: 2 }, { n: -1 }, { n: 0 }, { n: 1e9 },
      { seed: -1 }, { seed: 2 ** 64 }, { seed: 1.5 }, { max_completion_tokens: -5 },
    ];
    for (const extra of cases) {
      const a = await raw(port, request(server.token, valid(extra)));
      assert.equal(a.status, 400, `${JSON.stringify(extra)}: ${a.body}`);
    }
    // Numbers JSON.parse turns into Infinity or -0, spelled out in the body.
    for (const spelled of ['"max_tokens": 1e400', '"temperature": -1e400', '"n": 1e400', '"seed": -0.0e1']) {
      const a = await raw(port, request(server.token, `{"model":"tiny-text","messages":[{"role":"user","content":"x"}],${spelled}}`));
      if (spelled.includes('seed')) assert.ok(a.status === 200 || a.status === 400, `${spelled}: ${a.status}`);
      else assert.equal(a.status, 400, `${spelled}: ${a.body}`);
    }
    // Malformed Content-Length values are refused by the HTTP parser itself.
    for (const length of ['-1', '1e3', 'abc', '99999999999999999999']) {
      is4xx(await raw(port, request(server.token, valid(), { 'content-length': length })), `content-length ${length}`);
    }
  });

  it('methods, routes and missing tokens: 404/405/401 without reading a body', async () => {
    is4xx(await raw(port, request(server.token, valid(), {}, '/v1/chat/completions', 'PUT')), 'PUT');
    is4xx(await raw(port, request(server.token, '', {}, '/v1/chat/completions', 'GET')), 'GET');
    is4xx(await raw(port, request(server.token, '', {}, '/../../etc/passwd', 'GET')), 'path traversal');
    is4xx(await raw(port, request(server.token, '', {}, '/v1/models/%00%ff', 'GET')), 'bad escapes');
    is4xx(await raw(port, request(server.token, '', {}, '/v1/models/%E0%A4%A', 'GET')), 'truncated escape');
    // Without the token the answer comes at once: the body (declared 1 GB, never sent) is not waited for.
    const t0 = Date.now();
    const noToken = await raw(port, request('', '{"model":', { authorization: '', 'content-length': 10 ** 9 }));
    assert.equal(noToken.status, 401);
    assert.ok(Date.now() - t0 < 1500, `401 took ${Date.now() - t0} ms`);
  });

  it('thirty bodies just under the 20 MiB limit, and five far over it: 400/413', async () => {
    const nearLimit = `{"model":"tiny-text","messages":[{"role":"user","content":"${'a'.repeat(19 * 1024 * 1024)}"}]`; // unclosed
    const rss: number[] = [rssKiB(worker)];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) assert.equal((await raw(port, request(server.token, nearLimit))).status, 400);
      rss.push(rssKiB(worker));
    }
    const mib = rss.map((k) => (k / 1024).toFixed(1));
    console.log(`      worker RSS before, after 10, 20 and 30 near-limit bodies: ${mib.join(' / ')} MiB`);
    // Each body costs a few times its size while it is parsed; the heap then oscillates under a ceiling instead of growing with the count.
    for (const k of rss) assert.ok((k - rss[0]) / 1024 < 192, `the worker grew to ${(k / 1024).toFixed(1)} MiB`);
    for (let i = 0; i < 5; i++) assert.equal((await raw(port, request(server.token, `${nearLimit}${'b'.repeat(2 * 1024 * 1024)}`))).status, 413);
  });

  it('keeps the worker\'s memory bounded over the whole suite', function () {
    const after = rssKiB(worker);
    const grownMiB = (after - rssBefore) / 1024;
    console.log(`      worker RSS before the fuzz cases ${(rssBefore / 1024).toFixed(1)} MiB, after ${(after / 1024).toFixed(1)} MiB (${grownMiB >= 0 ? '+' : ''}${grownMiB.toFixed(1)} MiB)`);
    assert.ok(grownMiB < 256, `the worker grew by ${grownMiB.toFixed(1)} MiB`);
  });
});
