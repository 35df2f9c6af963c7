import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STARTUP_LIMIT_MS } from '../../../src/core/render/pool';
import { decodePng } from '../render/png';
import { hostileCorpus, RESVG_ABORT_SVG } from '../render/hostile';
import { cliPath, isOneLineError, repoRoot, runCli } from './cliRun';

const iconPath = join(repoRoot, 'node_modules', 'lucide-static', 'icons', 'house.svg');

describe('svg-copilot CLI: dispatch, render, optimize, explain, sweep', function () {
  // Each case starts several CLI processes; on a loaded machine one can take seconds.
  this.timeout(180_000);
  let dir: string;
  before(() => {
    assert.ok(existsSync(cliPath), 'dist/cli.js is built');
    dir = mkdtempSync(join(tmpdir(), 'svg-copilot-cli-'));
  });

  it('--help lists the commands and exits 0; no command is a usage error (exit 2)', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const c of ['render', 'optimize', 'explain', 'sweep']) assert.match(help.stdout, new RegExp(`\\n  ${c}\\s`));
    const none = await runCli([]);
    assert.equal(none.code, 2);
  });

  it('rejects an unknown command or option with exit 2 and one line', async () => {
    for (const args of [['frobnicate'], ['render', iconPath, '--bogus'], ['render', iconPath, '-o', join(dir, 'x.png'), '--size', 'abc'], ['render', iconPath], ['render']]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(isOneLineError(r.stderr), `${args.join(' ')}: ${r.stderr}`);
    }
  });

  it('every command has --help', async () => {
    for (const c of ['render', 'optimize', 'explain', 'sweep']) {
      const r = await runCli([c, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`^Usage: svg-copilot ${c} `));
    }
  });

  it('render writes a PNG with the longest side and background asked for', async () => {
    const out = join(dir, 'house.png');
    const r = await runCli(['render', iconPath, '-o', out, '--size', '64', '--background', 'white']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /64×64 PNG/);
    const px = decodePng(readFileSync(out));
    assert.deepEqual([px.width, px.height], [64, 64]);
    assert.deepEqual(px.at(0, 0), [255, 255, 255, 255]);
    const json = await runCli(['render', iconPath, '-o', out, '--size', '32', '--format', 'json']);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.ok, true);
    assert.equal(parsed.width, 32);
    assert.equal(parsed.height, 32);
  });

  it('render of a missing file is an I/O error (2); of a broken file a render error (1); never a stack trace', async () => {
    const missing = await runCli(['render', join(dir, 'nope.svg'), '-o', join(dir, 'n.png')]);
    assert.equal(missing.code, 2);
    assert.ok(isOneLineError(missing.stderr), missing.stderr);
    assert.match(missing.stderr, /no such file/);
    const broken = join(dir, 'broken.svg');
    writeFileSync(broken, '<svg xmlns="http://www.w3.org/2000/svg"><rect width=');
    const r = await runCli(['render', broken, '-o', join(dir, 'b.png')]);
    assert.equal(r.code, 1);
    assert.ok(isOneLineError(r.stderr), r.stderr);
  });

  it('render of the resvg abort case fails cleanly (exit 1), the CLI itself is not killed', async () => {
    const f = join(dir, 'abort.svg');
    writeFileSync(f, RESVG_ABORT_SVG);
    const r = await runCli(['render', f, '-o', join(dir, 'a.png')]);
    assert.equal(r.signal, null);
    assert.equal(r.code, 1);
    assert.ok(isOneLineError(r.stderr), r.stderr);
    assert.match(r.stderr, /crashed/);
  });

  it('optimize prints the optimized SVG, writes -o, and reports sizes as JSON', async () => {
    const plain = await runCli(['optimize', iconPath]);
    assert.equal(plain.code, 0);
    assert.match(plain.stdout, /^<svg[\s\S]*<\/svg>\n$/);
    const out = join(dir, 'house.min.svg');
    const json = await runCli(['optimize', iconPath, '-o', out, '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const r = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(r).sort(), ['bytesAfter', 'bytesBefore', 'file', 'ms', 'ok', 'output'].sort());
    assert.equal(r.bytesBefore, readFileSync(iconPath).length);
    assert.equal(r.bytesAfter, readFileSync(out).length);
    assert.ok(r.bytesAfter < r.bytesBefore);
    const bad = join(dir, 'bad-utf8.svg');
    writeFileSync(bad, Buffer.concat([Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><title>'), Buffer.from([0xff, 0xfe]), Buffer.from('</title></svg>')]));
    const refused = await runCli(['optimize', bad]);
    assert.equal(refused.code, 1);
    assert.ok(isOneLineError(refused.stderr), refused.stderr);
  });

  it('optimize --check compares the pictures: same for a real icon, a warning (and with --strict, a failure) when they differ', async () => {
    const same = await runCli(['optimize', iconPath, '--check', '--format', 'json']);
    assert.equal(same.code, 0, same.stderr);
    const r = JSON.parse(same.stdout);
    assert.equal(r.pixelsChanged, 0);
    assert.equal(r.pixelsTotal, 256 * 256);
    assert.equal(r.warning, undefined);
    const tiny = join(dir, 'tiny-viewbox.svg');
    writeFileSync(tiny, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0.12 0.12 L0.88 0.12 L0.5 0.73 Z"/></svg>');
    const changed = await runCli(['optimize', tiny, '--check', '--precision', '0', '-o', join(dir, 'tiny.min.svg')]);
    assert.equal(changed.code, 0);
    assert.match(changed.stderr, /draws differently: [\d,]+ of 65,536 pixels changed/);
    const strict = await runCli(['optimize', tiny, '--check', '--strict', '--precision', '0', '-o', join(dir, 'tiny.strict.svg')]);
    assert.equal(strict.code, 1);
    assert.ok(!existsSync(join(dir, 'tiny.strict.svg')), 'nothing written under --strict');
  });

  it('explain --format json gives the element, attribute, segment and path at a line/character', async () => {
    const f = join(dir, 'explain.svg');
    writeFileSync(f, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <path d="M4 4 L20 4 C20 10 4 10 4 20"/>\n</svg>\n');
    // Line 1 is '  <path d="M4 4 L20 4 C20 10 4 10 4 20"/>'; character 23 is inside the C segment.
    const r = await runCli(['explain', f, '--line', '1', '--character', '23', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.element, 'path');
    assert.equal(e.attribute, 'd');
    assert.equal(e.segment.index, 2);
    assert.equal(e.segment.command, 'C');
    assert.deepEqual(e.segment.absolute.from, [20, 4]);
    assert.deepEqual(e.segment.absolute.to, [4, 20]);
    assert.deepEqual(e.segment.absolute.controls, [[20, 10], [4, 10]]);
    assert.equal(typeof e.segment.length, 'number');
    assert.deepEqual(Object.keys(e.segment.bbox).sort(), ['height', 'width', 'x', 'y']);
    assert.equal(typeof e.segment.text, 'string');
    assert.equal(e.path.segments, 3);
    assert.equal(e.path.subpaths, 1);
    assert.equal(e.path.closed, false);
    assert.equal(typeof e.path.text, 'string');
    const text = await runCli(['explain', f, '--line', '1', '--character', '23']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^<path> d\nSegment 2 \(C\): /);
    const outside = await runCli(['explain', f, '--line', '3', '--character', '0', '--format', 'json']);
    assert.equal(outside.code, 0);
    assert.equal(JSON.parse(outside.stdout).element, null);
    for (const args of [['explain', f, '--line', '1'], ['explain', f, '--line', '9', '--character', '0'], ['explain', f, '--line', '-1', '--character', '0']]) {
      const u = await runCli(args);
      assert.equal(u.code, 2, args.join(' '));
      assert.ok(isOneLineError(u.stderr), u.stderr);
    }
  });

  it('sweep reports a crash (exit 1) and passes a clean folder (exit 0)', async () => {
    const clean = join(dir, 'clean');
    mkdirSync(join(clean, 'sub'), { recursive: true });
    for (const n of ['house', 'star', 'heart']) copyFileSync(join(repoRoot, 'node_modules', 'lucide-static', 'icons', `${n}.svg`), join(clean, n === 'heart' ? 'sub/heart.svg' : `${n}.svg`));
    const ok = await runCli(['sweep', clean, '--format', 'json']);
    assert.equal(ok.code, 0, ok.stderr);
    const s = JSON.parse(ok.stdout);
    assert.equal(s.files, 3);
    assert.deepEqual(s.crashes, []);
    assert.ok(s.slowest.length > 0);
    writeFileSync(join(clean, 'abort.svg'), RESVG_ABORT_SVG);
    const bad = await runCli(['sweep', clean]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /4 files .* 1 crash,/);
    assert.match(bad.stdout, /Crashes:\n {2}render\s+\S*abort\.svg: the renderer \(resvg\) crashed/);
    const notDir = await runCli(['sweep', iconPath]);
    assert.equal(notDir.code, 2);
  });
});

describe('svg-copilot CLI on the hostile corpus', function () {
  const corpus = hostileCorpus();
  const limitMs = 10_000;
  // What the CLI promises: its isolated worker starts within the start-up limit and each job ends by the time
  // limit. Starting node and the CLI itself gets 5 s more, for a loaded machine; past all that it counts as a hang.
  const boundMs = STARTUP_LIMIT_MS + limitMs + 5_000;
  this.timeout(3 * (boundMs + 15_000));
  for (const [name, file] of Object.entries(corpus.files)) {
    it(`${name}: render, optimize and explain each answer within the limit, never killed, errors on one line`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'svg-copilot-hostile-')), 'out');
      const runs = [
        ['render', file, '-o', `${out}.png`, '--size', '64'],
        ['optimize', file, '-o', `${out}.svg`],
        ['explain', file, '--line', '0', '--character', '60', '--format', 'json'],
      ];
      for (const args of runs) {
        const r = await runCli(args, { timeoutMs: boundMs + 15_000 });
        assert.equal(r.signal, null, `${args[0]} killed by ${r.signal}`);
        assert.ok(r.code === 0 || r.code === 1, `${args[0]} exit ${r.code}: ${r.stderr}`);
        assert.ok(r.ms < boundMs, `${args[0]} took ${r.ms} ms`);
        if (r.code !== 0) assert.ok(isOneLineError(r.stderr), `${args[0]}: ${r.stderr}`);
      }
    });
  }
});
