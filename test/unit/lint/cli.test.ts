import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import type { JsonFileResult } from '../../../src/cli/lint';

function capture(cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (c) => (stdout += String(c)) }, stderr: { write: (c) => (stderr += String(c)) }, isTTY: false, cwd, env: {} };
  return { io, out: () => stdout, err: () => stderr };
}

const GOOD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" role="img"><title>ok</title><path d="M1 1h5v5z"/></svg>\n';
const BAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <path d="M1 1L2 2X"/>\n</svg>\n';

describe('cli lint', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'svg-lint-cli-'));
    mkdirSync(join(dir, 'icons', 'nested'), { recursive: true });
    writeFileSync(join(dir, 'icons', 'good.svg'), GOOD);
    writeFileSync(join(dir, 'icons', 'nested', 'bad.SVG'), BAD);
    writeFileSync(join(dir, 'icons', 'notes.txt'), 'not an svg');
    writeFileSync(join(dir, 'broken-utf8.svg'), Buffer.concat([Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>'), Buffer.from([0xff, 0xfe]), Buffer.from('</title></svg>')]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON for a folder: recursive, sorted, 0-based ranges, exit 1 on an error finding', async () => {
    const c = capture(dir);
    const code = await runCli(['lint', 'icons', '--format', 'json'], c.io);
    assert.equal(code, 1, c.err());
    const results = JSON.parse(c.out()) as JsonFileResult[];
    assert.deepEqual(results.map((r) => r.file), [join('icons', 'good.svg'), join('icons', 'nested', 'bad.SVG')]);
    assert.deepEqual(results[0].findings.filter((f) => f.severity === 'error'), []);
    const err = results[1].findings.find((f) => f.code === 'invalid-path-data')!;
    assert.equal(err.severity, 'error');
    // Line 1 is "  <path d="M1 1L2 2X"/>"; the X is at character 19.
    assert.deepEqual(err.range, { start: { line: 1, character: 19 }, end: { line: 1, character: 20 } });
    const role = results[1].findings.find((f) => f.code === 'missing-role')!;
    assert.deepEqual(role.fix?.edits[0], { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, newText: ' role="img"' });
  });

  it('exit 0 and human text for a clean file', async () => {
    const c = capture(dir);
    assert.equal(await runCli(['lint', join('icons', 'good.svg')], c.io), 0);
    assert.match(c.out(), /1 file: 0 errors, 0 warnings/);
  });

  it('text output names file:line:column (1-based) and the code', async () => {
    const c = capture(dir);
    assert.equal(await runCli(['lint', join('icons', 'nested', 'bad.SVG')], c.io), 1);
    assert.ok(c.out().includes(`${join('icons', 'nested', 'bad.SVG')}:2:20: error invalid-path-data:`), c.out());
  });

  it('invalid UTF-8 is an error finding, not a crash', async () => {
    const c = capture(dir);
    assert.equal(await runCli(['lint', 'broken-utf8.svg', '--format', 'json'], c.io), 1);
    const [r] = JSON.parse(c.out()) as JsonFileResult[];
    assert.equal(r.findings[0].code, 'malformed-xml');
  });

  it('exit 2 with a one-line error for a missing file; the others are still linted', async () => {
    const c = capture(dir);
    assert.equal(await runCli(['lint', 'nope.svg', join('icons', 'good.svg'), '--format', 'json'], c.io), 2);
    assert.match(c.err(), /^svg-copilot: cannot read nope\.svg: no such file or directory\n$/);
    assert.equal((JSON.parse(c.out()) as JsonFileResult[]).length, 1);
  });

  it('exit 2 on usage errors', async () => {
    for (const argv of [['lint'], ['lint', 'x.svg', '--format', 'xml'], ['lint', '--bogus', 'x.svg']]) {
      const c = capture(dir);
      assert.equal(await runCli(argv, c.io), 2, argv.join(' '));
      assert.equal(c.err().trim().split('\n').length, 1);
    }
  });
});
