// `svg-copilot generate`, `generate --csv` and `critique` run from outside
// (dist/cli.js as a child process) against the real bundled server.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSvg } from '../../src/core/svg/parse';
import { startBundledServer, type BundledServer } from './bundledServer';
import { cli } from './cliProcess';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function assertValidSvg(text: string): void {
  const doc = parseSvg(text);
  assert.deepEqual(doc.errors, []);
  assert.equal(doc.root?.name, 'svg');
}

describe('svg-copilot generate / critique (CLI, bundled server)', function () {
  this.timeout(240_000);
  let server: BundledServer;
  let dir: string;
  const endpoint = () => ['--endpoint', server.url, '--api-key', server.token];

  before(async () => {
    server = await startBundledServer();
    dir = mkdtempSync(join(tmpdir(), 'svg-copilot-cli-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('generate writes the best SVG to stdout', async () => {
    const r = await cli(['generate', 'a red circle', ...endpoint(), '--rounds', '1', '--seed', '1']);
    assert.equal(r.code, 0, r.stderr);
    assertValidSvg(r.stdout);
  });

  it('generate -o --json prints exactly the summary shape, key from SVG_COPILOT_API_KEY', async () => {
    const out = join(dir, 'out.svg');
    const r = await cli(['generate', 'a blue square', '--endpoint', server.url, '-o', out, '--rounds', '2', '--threshold', '10', '--candidates', '2', '--seed', '4', '--json'], {
      SVG_COPILOT_API_KEY: server.token,
    });
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(summary), ['prompt', 'best', 'rounds', 'ms']);
    assert.equal(summary.prompt, 'a blue square');
    assert.deepEqual(Object.keys(summary.best as object), ['round', 'score']);
    const rounds = summary.rounds as { round: number; candidates: Record<string, unknown>[] }[];
    // A random-weight critic may score 10 in round 1, which meets the threshold.
    assert.deepEqual(rounds.map((x) => x.round), (summary.best as { score: number }).score === 10 && rounds.length === 1 ? [1] : [1, 2]);
    assert.equal(rounds[0].candidates.length, 2);
    for (const round of rounds) {
      assert.deepEqual(Object.keys(round), ['round', 'candidates']);
      for (const c of round.candidates) {
        assert.deepEqual(Object.keys(c), ['score', 'critique', 'suggestions', 'valid', 'tokens', 'ms']);
        assert.equal(c.valid, true);
        assert.equal(typeof c.score, 'number');
      }
    }
    assert.equal(typeof summary.ms, 'number');
    assertValidSvg(readFileSync(out, 'utf8'));
  });

  it('generate --csv writes ID.svg and ID.json per row, resumes, and prints a summary table', async () => {
    const csv = join(dir, 'prompts.csv');
    writeFileSync(csv, 'id,desc\nheart,"a red heart, simple"\nstar,a yellow star\n');
    const outDir = join(dir, 'batch');
    const first = await cli(['generate', '--csv', csv, '--out-dir', outDir, ...endpoint(), '--rounds', '1', '--seed', '2']);
    assert.equal(first.code, 0, first.stderr);
    for (const id of ['heart', 'star']) {
      assertValidSvg(readFileSync(join(outDir, `${id}.svg`), 'utf8'));
      const summary = JSON.parse(readFileSync(join(outDir, `${id}.json`), 'utf8')) as { prompt: string };
      assert.equal(summary.prompt, id === 'heart' ? 'a red heart, simple' : 'a yellow star');
    }
    assert.match(first.stdout, /generated\s+2/);
    assert.match(first.stdout, /valid rate\s+100\.0%/);
    assert.match(first.stdout, /mean score\s+\d/);
    assert.match(first.stdout, /mean rounds\s+1\.00/);
    assert.match(first.stdout, /\nrender success 100\.0% \(2\/2\), [\d.]+ tokens per result on average, 0 blank drafts refused; written to .*summary\.json\n$/);
    const metrics = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as { results: number; renderSuccessRate: number; averageTokens: number; prompts: Record<string, number> };
    assert.equal(metrics.results, 2);
    assert.equal(metrics.renderSuccessRate, 1);
    assert.ok(metrics.averageTokens > 0);
    assert.deepEqual(metrics.prompts, { generic: 2 });
    const mtime = statSync(join(outDir, 'heart.json')).mtimeMs;

    writeFileSync(csv, 'id,desc\nheart,"a red heart, simple"\nstar,a yellow star\nmoon,a crescent moon\n');
    const again = await cli(['generate', '--csv', csv, '--out-dir', outDir, ...endpoint(), '--rounds', '1', '--seed', '2', '--json']);
    assert.equal(again.code, 0, again.stderr);
    const table = JSON.parse(again.stdout) as { rows: number; skipped: number; count: number; validRate: number };
    assert.equal(table.rows, 3);
    assert.equal(table.skipped, 2);
    assert.equal(table.count, 1);
    assert.equal(statSync(join(outDir, 'heart.json')).mtimeMs, mtime, 'done rows are not redone');
    assert.ok(existsSync(join(outDir, 'moon.svg')));
  });

  it('critique prints score, critique and suggestions; --fix -o writes a valid fixed SVG', async () => {
    const file = join(dir, 'icon.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9" fill="red"/></svg>\n');
    const json = await cli(['critique', file, ...endpoint(), '--prompt', 'a red circle', '--json', '--seed', '1']);
    assert.equal(json.code, 0, json.stderr);
    const v = JSON.parse(json.stdout) as { ok: boolean; score: number; critique: string; suggestions: string; critic: string; prompt: string };
    assert.equal(v.ok, true);
    assert.ok(v.score >= 0 && v.score <= 10);
    assert.equal(typeof v.critique, 'string');
    assert.equal(typeof v.suggestions, 'string');
    assert.equal(v.critic, 'vision');
    assert.equal(v.prompt, 'a red circle');

    const fixed = join(dir, 'fixed.svg');
    const text = await cli(['critique', file, ...endpoint(), '--fix', '-o', fixed, '--seed', '1']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^score: [\d.]+\/10 \(vision critic\)\ncritique: /);
    assert.match(text.stdout, /\nsuggestions: /);
    assertValidSvg(readFileSync(fixed, 'utf8'));
  });

  it('explains a wrong API key, a dead endpoint and bad usage in one line each', async () => {
    const badKey = await cli(['generate', 'x', '--endpoint', server.url, '--api-key', 'wrong', '--rounds', '1']);
    assert.equal(badKey.code, 1, `stdout: ${badKey.stdout}\nstderr: ${badKey.stderr}`);
    assert.match(badKey.stderr, /refused the API key \(401\)/);
    assert.equal(badKey.stdout, '');

    const dead = await cli(['critique', join(dir, 'icon.svg'), '--endpoint', `http://127.0.0.1:${await closedPort()}/v1`]);
    assert.equal(dead.code, 1);
    assert.match(dead.stderr, /Cannot reach the model server/);

    const usage = await cli(['generate', '--endpoint', server.url]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /missing "PROMPT"/);
    const noEndpoint = await cli(['generate', 'x']);
    assert.equal(noEndpoint.code, 2);
    assert.match(noEndpoint.stderr, /--endpoint URL is required/);
    for (const r of [badKey, dead, usage, noEndpoint]) assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack traces');
  });
});
