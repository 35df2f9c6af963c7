import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_CODES, applyEdits, applyFix, fixAll, lintSvg } from '../../../src/core/lint';
import { parseSvg } from '../../../src/core/svg/parse';
import { NS, icon } from './helpers';

const root = join(__dirname, '..', '..', '..', '..');

describe('lint engine', () => {
  it('lists every code once with a severity and a description', () => {
    const codes = RULE_CODES.map((c) => c.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of RULE_CODES) {
      assert.match(c.code, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(c.severity));
      assert.ok(c.description.length > 20, c.code);
    }
  });

  it('accepts an already parsed document and gives the same findings', () => {
    const text = icon('<path d="M1 1L2" fill="bleu"/>');
    assert.deepEqual(lintSvg(parseSvg(text)), lintSvg(text));
  });

  it('sorts findings by position', () => {
    const text = icon('<rect width="1" height="1" fill="bleu"/><path d="M1 1L2"/><g/>');
    const starts = lintSvg(text).map((f) => f.range.start);
    assert.ok(starts.length >= 3);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  it('disabled codes and severity overrides apply', () => {
    const text = icon('<path d="M1 1L2" fill="bleu"/>');
    const codes = (o: Parameters<typeof lintSvg>[1]) => lintSvg(text, o).map((f) => `${f.code}:${f.severity}`);
    assert.deepEqual(codes({}), ['invalid-path-data:error', 'invalid-color:error']);
    assert.deepEqual(codes({ disabled: ['invalid-color'] }), ['invalid-path-data:error']);
    assert.deepEqual(codes({ rules: { 'invalid-path-data': 'warning', 'invalid-color': 'off' } }), ['invalid-path-data:warning']);
  });

  it('suppression comments silence the next line, for listed codes or all', () => {
    const body = [
      '<!-- svg-copilot-disable-next-line invalid-color -->',
      '<path d="M1 1L2" fill="bleu"/>',
      '<!-- svg-copilot-disable-next-line -->',
      '<rect width="1" height="1" fill="bleu"/>',
      '<!-- svg-copilot-disable-next-line invalid-length, invalid-color -->',
      '',
      '<circle r="1" fill="bleu"/>',
    ].join('\n');
    const found = lintSvg(icon(body)).map((f) => f.code);
    assert.deepEqual(found, ['invalid-path-data', 'invalid-color']);
  });

  it('the suppression directive must be a whole word', () => {
    const text = icon('<!-- svg-copilot-disable-next-lines -->\n<path d="M1 1L2"/>');
    assert.deepEqual(lintSvg(text).map((f) => f.code), ['invalid-path-data']);
  });

  it('applyFix applies edits back to front, keeps inserts at one offset in order, rejects overlaps', () => {
    const text = 'abcdef';
    assert.equal(applyEdits(text, [{ range: { start: 4, end: 6 }, newText: 'X' }, { range: { start: 0, end: 1 }, newText: '' }]), 'bcdX');
    assert.equal(applyEdits(text, [{ range: { start: 2, end: 2 }, newText: '1' }, { range: { start: 2, end: 2 }, newText: '2' }, { range: { start: 2, end: 4 }, newText: '' }]), 'ab12ef');
    assert.throws(() => applyFix(text, { title: 't', edits: [{ range: { start: 0, end: 3 }, newText: '' }, { range: { start: 2, end: 4 }, newText: '' }] }), /overlap/);
    assert.throws(() => applyEdits(text, [{ range: { start: 5, end: 9 }, newText: '' }]), RangeError);
  });

  it('fixAll repairs everything fixable, keeps the XML well-formed and is idempotent', () => {
    const messy = [
      '<?xml version="1.0"?>',
      '<!-- Generator: Sketch 52.6 -->',
      '<svg width="24" height="24" xmlns:sketch="http://www.bohemiancoding.com/sketch/ns" onload="alert(1)" sketch:type="MSPage">',
      '  <script>alert(2)</script>',
      '  <defs><linearGradient id="unused"/></defs>',
      '  <g></g>',
      '  <path id="a" d="M1.1234567 2h3.00001v4z" fill="red"/>',
      '  <path id="a" d="M5 5h2" fill="none"/>',
      '  <use xlink:href="#a"/>',
      '  <rect width="0" height="3"/>',
      '</svg>',
    ].join('\n');
    const before = lintSvg(messy);
    const { text, applied, remaining } = fixAll(messy);
    assert.ok(applied >= 10, `applied ${applied}`);
    assert.deepEqual(parseSvg(text).errors, []);
    assert.deepEqual(remaining.filter((f) => f.fix), [], JSON.stringify(remaining.filter((f) => f.fix)));
    assert.ok(remaining.length < before.length);
    assert.deepEqual(remaining.map((f) => f.code), ['missing-title']);
    assert.equal(fixAll(text).text, text);
    assert.ok(text.includes('viewBox="0 0 24 24"') && text.includes('xmlns="http://www.w3.org/2000/svg"') && text.includes('xmlns:xlink='));
    assert.ok(!/script|onload|sketch|unused|<g>|<rect/.test(text), text);
    assert.ok(text.includes('d="M1.123 2h3v4z"'), text);
  });

  it('never reports an error on a real icon (lucide-static, every file)', function () {
    this.timeout(60_000);
    const dir = join(root, 'node_modules', 'lucide-static', 'icons');
    const files = readdirSync(dir).filter((f) => f.endsWith('.svg'));
    assert.ok(files.length > 1000, `only ${files.length} icons found`);
    const errors: string[] = [];
    for (const f of files) {
      for (const finding of lintSvg(readFileSync(join(dir, f), 'utf8'))) {
        if (finding.severity === 'error' || finding.severity === 'warning') errors.push(`${f}: ${finding.severity} ${finding.code} ${finding.message}`);
      }
    }
    assert.deepEqual(errors.slice(0, 20), []);
  });

  it('fixes applied to real icons keep them well-formed and drawing the same paths', function () {
    this.timeout(60_000);
    const dir = join(root, 'node_modules', 'lucide-static', 'icons');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.svg')).slice(0, 400)) {
      const text = readFileSync(join(dir, f), 'utf8');
      const fixed = fixAll(text).text;
      const doc = parseSvg(fixed);
      assert.deepEqual(doc.errors, [], f);
      assert.equal(doc.root?.children.filter((c) => c.kind === 'element').length, parseSvg(text).root?.children.filter((c) => c.kind === 'element').length, f);
    }
  });

  describe('hostile input', () => {
    it('150,000 nested groups', function () {
      this.timeout(60_000);
      const n = 150_000;
      const text = `<svg ${NS} viewBox="0 0 1 1">${'<g>'.repeat(n)}<path d="M0 0L"/>${'</g>'.repeat(n)}</svg>`;
      const found = lintSvg(text);
      assert.ok(found.some((f) => f.code === 'invalid-path-data'));
    });

    it('a 4 MB path, a million-character attribute and 100,000 elements', function () {
      this.timeout(60_000);
      const path = 'M0 0' + ' l1.123456 1'.repeat(350_000);
      const huge = lintSvg(`<svg ${NS} viewBox="0 0 24 24"><path d="${path}"/><rect width="${'9'.repeat(1_000_000)}x" height="1"/></svg>`);
      assert.ok(huge.some((f) => f.code === 'excessive-precision'));
      assert.ok(huge.some((f) => f.code === 'invalid-length'));
      const many = lintSvg(`<svg ${NS} viewBox="0 0 24 24">${'<path id="p" d="M1 1h1"/>'.repeat(100_000)}</svg>`);
      assert.equal(many.filter((f) => f.code === 'duplicate-id').length, 99_999);
    });

    it('binary garbage, broken entities and a truncated file', () => {
      const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
      for (const text of [garbage, `<svg ${NS}><path d="M1 1&bogus;"/>`, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1 L2', '<', '\uFEFF<svg/>']) {
        const found = lintSvg(text);
        assert.ok(Array.isArray(found));
        for (const f of found) assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end);
      }
    });
  });
});
