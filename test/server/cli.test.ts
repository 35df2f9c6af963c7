// The command line and ready contract of dist/server.js, checked from outside.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { launch, waitReady, tinyText, tinyMmproj } from './harness';
import { parseProgressLine } from '../../src/shared/serverProgress';

describe('server CLI and ready contract', function () {
  this.timeout(30_000);
  let runtimeDir: string;
  before(() => { runtimeDir = mkdtempSync(join(tmpdir(), 'svgc-runtime-')); });
  after(() => rmSync(runtimeDir, { recursive: true, force: true }));

  it('prints exactly one JSON line on stdout, generates a 0600 token file, and exits cleanly on SIGTERM', async () => {
    const l = launch(['--engine', 'llamacpp', '--model', tinyText, '--mmproj', tinyMmproj, '--threads', '1', '--ctx', '1024'], { XDG_RUNTIME_DIR: runtimeDir });
    const ready = await waitReady(l);
    assert.deepEqual(Object.keys(ready).sort(), ['device', 'deviceReason', 'model', 'url']);
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(ready.model, 'tiny-text');
    const m = /saved to (\S+) \(mode 0600\)/.exec(l.stderr());
    assert.ok(m, `token file path on stderr:\n${l.stderr().slice(-2000)}`);
    const tokenFile = m[1];
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    assert.ok(token.length >= 32);
    const client = new OpenAI({ baseURL: ready.url, apiKey: token, maxRetries: 0 });
    const r = await client.chat.completions.create({ model: ready.model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 });
    assert.equal(r.choices.length, 1);
    l.child.kill('SIGTERM');
    const exit = await l.exit;
    assert.equal(exit.code, 0, l.stderr().slice(-2000));
    assert.deepEqual(l.stdoutLines.length, 1, `stdout had ${l.stdoutLines.length} lines: ${l.stdoutLines.slice(0, 3).join(' | ')}`);
    assert.ok(!existsSync(tokenFile), 'token file removed on shutdown');
    // Its steps are structured lines for the launcher; the engine's own chatter (e.g. "load: … MB") is not.
    const lines = l.stderr().split('\n');
    const steps = lines.map(parseProgressLine).filter((p) => p !== undefined);
    assert.deepEqual(steps, [{ stage: 'load', model: 'tiny-text' }, { stage: 'listen' }]);
    assert.ok(lines.filter((x) => !x.startsWith('svg-copilot-')).length > 0, 'the engine logged lines of its own');
  });

  it('lets a running generation finish on SIGTERM', async () => {
    const l = launch(['--model', tinyText, '--token', 'a-test-token-123', '--threads', '1']);
    const ready = await waitReady(l);
    const client = new OpenAI({ baseURL: ready.url, apiKey: 'a-test-token-123', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: ready.model, messages: [{ role: 'user', content: 'go' }], max_tokens: 300, seed: 1, stream: true, stream_options: { include_usage: true } });
    // SIGTERM once the first token has arrived, so the generation is known to be running (not merely sent).
    let finish: string | null = null;
    let usage: { completion_tokens: number } | undefined;
    for await (const chunk of stream) {
      if (l.child.signalCode === null && !l.child.killed) l.child.kill('SIGTERM');
      if (chunk.usage) usage = chunk.usage;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.ok(l.child.killed, 'SIGTERM was sent while the generation ran');
    assert.ok(finish === 'stop' || finish === 'length', `the generation ended with ${finish}`);
    assert.ok(usage!.completion_tokens > 0);
    assert.equal((await l.exit).code, 0);
  });

  const refuses = async (args: string[], pattern: RegExp, code = 2) => {
    const l = launch(args);
    const exit = await l.exit;
    assert.equal(exit.code, code, l.stderr());
    assert.match(l.stderr(), pattern);
    assert.deepEqual(l.stdoutLines, []);
  };

  it('refuses a non-loopback host without a token', () => refuses(['--model', tinyText, '--host', '0.0.0.0'], /refusing to listen on 0\.0\.0\.0 without --token/));
  it('names a missing model file', () => refuses(['--model', '/nonexistent/model.gguf'], /model file not found: \/nonexistent\/model\.gguf/));
  it('rejects an unknown preset or option clearly', async () => {
    await refuses(['--model', 'no-such-preset-xyz', '--offline'], /no-such-preset-xyz/);
    await refuses(['--model', tinyText, '--frobnicate'], /unknown option "--frobnicate"/);
    await refuses(['--model', tinyText, '--parallel', 'zero'], /--parallel needs an integer/);
  });
  it('fails with a clear message on a file that is not a model', async () => {
    await refuses(['--model', join(__dirname, 'cli.test.js'), '--token', 'abcdefgh1234'], /not a GGUF model file: .*cli\.test\.js/);
    await refuses(['--model', tinyText, '--mmproj', join(__dirname, 'cli.test.js'), '--token', 'abcdefgh1234'], /not a GGUF model file: .*cli\.test\.js/);
  });
});

describe('server CLI: tokens and image directories', function () {
  this.timeout(30_000);
  it('refuses an unusable --allow-image-dir and conflicting token flags before loading anything', async () => {
    const l = launch(['--model', tinyText, '--allow-image-dir', '/nonexistent/images']);
    assert.equal((await l.exit).code, 2);
    assert.match(l.stderr(), /--allow-image-dir \/nonexistent\/images: ENOENT/);
    const both = launch(['--model', tinyText, '--token', 'abcdefgh1234', '--token-file', '/tmp/x']);
    assert.equal((await both.exit).code, 2);
    assert.match(both.stderr(), /either --token or --token-file/);
  });

  it('lets a non-loopback host start with the token in the environment', async () => {
    const l = launch(['--model', tinyText, '--host', '0.0.0.0', '--threads', '1', '--ctx', '256'], { SVG_COPILOT_SERVER_TOKEN: 'env-token-0123456789' });
    try {
      const ready = await waitReady(l);
      const client = new OpenAI({ baseURL: ready.url, apiKey: 'env-token-0123456789', maxRetries: 0 });
      assert.equal((await client.models.list()).data.length, 1);
    } finally {
      l.child.kill('SIGTERM');
      await l.exit;
    }
  });
});
