import * as assert from 'node:assert/strict';
import { findInlineSvgBlocks, blockAt, type InlineSvgBlock } from '../../../src/core/inline';
import { lintSvg } from '../../../src/core/lint';
import { pathAt } from '../../../src/core/svg/explain';
import { parseSvg } from '../../../src/core/svg/parse';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

function only(text: string, language: string): InlineSvgBlock {
  const blocks = findInlineSvgBlocks(text, language);
  assert.equal(blocks.length, 1, `one block in ${language}: ${JSON.stringify(blocks.map((b) => b.text))}`);
  return blocks[0];
}

/** Lint findings of a block that still hold, as host ranges with their host text. */
function hostFindings(host: string, block: InlineSvgBlock): { code: string; text: string }[] {
  return lintSvg(block.text).filter((f) => block.holds(f.range)).map((f) => {
    const r = block.toHostRange(f.range);
    return { code: f.code, text: host.slice(r.start, r.end) };
  });
}

describe('inline SVG blocks', () => {
  it('finds a block in HTML, adds the namespace HTML implies, and maps offsets back exactly', () => {
    const host = `<!doctype html>\n<p>Icon:</p>\n<svg viewBox="0 0 24 24" width=24><path d="M2 2 L 22 22"/></svg>\n<p>after</p>`;
    const b = only(host, 'html');
    assert.equal(host.slice(b.hostRange.start, b.hostRange.end), '<svg viewBox="0 0 24 24" width=24><path d="M2 2 L 22 22"/></svg>');
    assert.equal(b.text, `<svg ${NS} viewBox="0 0 24 24" width="24"><path d="M2 2 L 22 22"/></svg>`);
    assert.equal(parseSvg(b.text).errors.length, 0);
    assert.equal(b.unclosed, false);
    // Every character of the path data maps to the same character of the host.
    const hostD = host.indexOf('M2 2');
    const blockD = b.text.indexOf('M2 2');
    for (let i = 0; i < 'M2 2 L 22 22'.length; i++) {
      assert.equal(b.toHost(blockD + i), hostD + i);
      assert.equal(b.toBlock(hostD + i), blockD + i);
    }
    // The inserted xmlns maps to a point, the end of the tag name.
    assert.deepEqual(b.toHostRange({ start: 5, end: 5 + NS.length }), { start: host.indexOf('<svg') + 4, end: host.indexOf('<svg') + 4 });
    // The unquoted value is quoted in the block and maps back to the value itself.
    const w = b.text.indexOf('"24"');
    assert.equal(host.slice(b.toHost(w + 1), b.toHost(w + 3)), '24');
    assert.equal(b.toBlock(0), undefined);
  });

  it('reports path-data errors with ranges in the host, as in an .svg file', () => {
    const host = `<html><body>\n  <svg viewBox="0 0 10 10">\n    <path d="M1 1 L 5"/>\n  </svg>\n</body></html>`;
    const b = only(host, 'html');
    const errors = hostFindings(host, b).filter((f) => f.code === 'invalid-path-data');
    assert.equal(errors.length, 1, JSON.stringify(hostFindings(host, b)));
    // At the end of the path data, where more numbers were expected: the same place as in an .svg file.
    const alone = lintSvg(`<svg ${NS} viewBox="0 0 10 10"><path d="M1 1 L 5"/></svg>`).find((f) => f.code === 'invalid-path-data')!;
    const inHost = lintSvg(b.text).find((f) => f.code === 'invalid-path-data')!;
    assert.equal(b.toHostRange(inHost.range).start, host.indexOf('M1 1 L 5') + 'M1 1 L 5'.length);
    assert.equal(alone.range.end - alone.range.start, inHost.range.end - inHost.range.start);
    assert.ok(!hostFindings(host, b).some((f) => f.code === 'missing-xmlns'), 'inline SVG needs no xmlns');
  });

  it('explains the path under a host offset through the block', () => {
    const host = `<div><svg viewBox="0 0 10 10"><path d="M1 1 L 9 1 L 9 9 Z"/></svg></div>`;
    const b = only(host, 'html');
    const at = host.indexOf('L 9 9') + 2;
    const explained = pathAt(b.text, b.toBlock(at)!);
    assert.ok(explained?.segment, 'a segment under the cursor');
    assert.equal(explained!.segment!.index, 2);
    const r = explained!.segment!.range;
    const base = explained!.attribute.valueRange.start;
    const hr = b.toHostRange({ start: base + r.start, end: base + r.end });
    assert.equal(host.slice(hr.start, hr.end).trim(), 'L 9 9');
  });

  it('finds nested and several blocks, skipping comments, styles and scripts without SVG', () => {
    const host = [
      '<!-- <svg><path d="M"/></svg> -->',
      '<style>.a::before{content:"<svg>"}</style>',
      '<svg id="outer"><svg id="inner"><rect width="1" height="1"/></svg></svg>',
      '<SVG id="two"></SVG>',
      '<script>const s = `<svg id="three"><circle r="2"/></svg>`;</script>',
    ].join('\n');
    const blocks = findInlineSvgBlocks(host, 'html');
    assert.deepEqual(blocks.map((b) => /id="(\w+)"/.exec(b.text)?.[1]), ['outer', 'two', 'three']);
    assert.ok(blocks[0].text.endsWith('</svg></svg>'));
    assert.equal(blockAt(blocks, host.indexOf('inner'))?.text, blocks[0].text);
    assert.equal(blockAt(blocks, 3), undefined);
  });

  it('reads JSX: attribute names, constant values, and skips what is only known at run time', () => {
    const host = [
      'export function Icon({ color, ...props }) {',
      '  return (',
      '    <svg viewBox="0 0 24 24" className="icon" strokeWidth={2} {...props}>',
      '      <path d={"M4 4 L 20 20"} stroke={color} strokeLinecap=\'round\' />',
      '      {props.title && <title>{props.title}</title>}',
      '      <use xlinkHref="#a" />',
      '    </svg>',
      '  );',
      '}',
    ].join('\n');
    const b = only(host, 'typescriptreact');
    assert.match(b.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink" viewBox="0 0 24 24" class="icon" stroke-width="2" /);
    assert.match(b.text, /<path d="M4 4 L 20 20" stroke="" +stroke-linecap='round' \/>/);
    assert.match(b.text, /<use xlink:href="#a" \/>/);
    assert.equal(parseSvg(b.text).errors.length, 0, JSON.stringify(parseSvg(b.text).errors));
    const reasons = b.skipped.map((s) => s.reason);
    assert.ok(reasons.some((r) => r.startsWith('{...props}')), reasons.join(' | '));
    assert.ok(reasons.some((r) => r.startsWith('{color} is not a constant; the stroke attribute is skipped')), reasons.join(' | '));
    assert.ok(reasons.some((r) => r.startsWith('{props.title && <title>')), reasons.join(' | '));
    // Each skipped part maps back to the host text it stands for.
    for (const s of b.skipped) assert.ok(host.slice(s.hostRange.start, s.hostRange.end).length > 0);
    // The constant path data is copied exactly, so a hover maps character for character.
    const hostD = host.indexOf('M4 4');
    assert.equal(b.toHost(b.toBlock(hostD + 5)!), hostD + 5);
    assert.equal(b.text[b.toBlock(hostD + 5)!], host[hostD + 5]);
  });

  it('keeps findings away from skipped attributes but not from known values in the same tag', () => {
    const host = 'const a = <svg viewBox="0 0 10 10"><path d={d} fill={fill} /><path d="M1 1 L" fill={fill} /></svg>;';
    const b = only(host, 'javascriptreact');
    const first = { start: host.indexOf('<path'), end: host.indexOf('/>') + 2 };
    const held = lintSvg(b.text).filter((f) => b.holds(f.range)).map((f) => ({ code: f.code, range: b.toHostRange(f.range) }));
    // Without its skipped parts the first path is empty; nothing may be said about it.
    assert.ok(lintSvg(b.text).some((f) => { const r = b.toHostRange(f.range); return r.start >= first.start && r.start < first.end; }), 'the raw lint does flag the first path');
    assert.ok(!held.some((f) => f.range.start >= first.start && f.range.start < first.end), JSON.stringify(held));
    // The second path's known d is still checked.
    assert.ok(held.some((f) => f.code === 'invalid-path-data' && f.range.start > first.end), JSON.stringify(held));
  });

  it('reads a block in a template literal: escapes decoded, ${…} skipped, and stops at the closing backtick', () => {
    const host = 'const icon = (c) => `<svg viewBox="0 0 8 8">\\n  <path fill="${c}" d="M0 0h8v8z"/>\\n</svg>`;\nconst t = `<svg><g>`;';
    const blocks = findInlineSvgBlocks(host, 'javascript');
    assert.equal(blocks.length, 2);
    const [b, unclosed] = blocks;
    assert.equal(b.text, `<svg ${NS} viewBox="0 0 8 8">\n  <path fill=" " d="M0 0h8v8z"/>\n</svg>`);
    assert.deepEqual(b.skipped.map((s) => host.slice(s.hostRange.start, s.hostRange.end)), ['${c}', '${c}']);
    assert.equal(unclosed.unclosed, true);
    assert.equal(host.slice(unclosed.hostRange.start, unclosed.hostRange.end), '<svg><g>');
    // d keeps exact offsets after the decoded escape.
    const hostD = host.indexOf('M0 0h8');
    assert.equal(b.text.slice(b.toBlock(hostD)!, b.toBlock(hostD)! + 6), 'M0 0h8');
  });

  it('reads a block in a quoted JS string with escaped quotes', () => {
    const host = 'el.innerHTML = "<svg viewBox=\\"0 0 4 4\\"><rect width=\\"4\\" height=\\"4\\"/></svg>";';
    const b = only(host, 'typescript');
    assert.equal(b.text, `<svg ${NS} viewBox="0 0 4 4"><rect width="4" height="4"/></svg>`);
    assert.equal(parseSvg(b.text).errors.length, 0);
  });

  it('ignores "<svg" in comments, regular expressions and non-tag text in script', () => {
    const host = [
      '// <svg></svg>',
      '/* <svg></svg> */',
      'const re = /<svg[^>]*>/g;',
      'const s = "<svgfoo>";',
      'const ok = `<svg id="x"></svg>`;',
    ].join('\n');
    const blocks = findInlineSvgBlocks(host, 'typescript');
    assert.deepEqual(blocks.map((b) => b.text), [`<svg ${NS} id="x"></svg>`]);
  });

  it('reads Vue templates: bindings and mustaches skipped, script template literals found', () => {
    const host = [
      '<template>',
      '  <svg :width="size" viewBox="0 0 2 2" @click="go" v-if="on"><text x="0">{{ label }}</text></svg>',
      '</template>',
      '<script setup lang="ts">const raw = `<svg id="s"></svg>`;</script>',
    ].join('\n');
    const blocks = findInlineSvgBlocks(host, 'vue');
    assert.equal(blocks.length, 2);
    const [b] = blocks;
    assert.ok(!/:width|@click|v-if|\{\{/.test(b.text), b.text);
    assert.match(b.text, /viewBox="0 0 2 2"/);
    assert.equal(parseSvg(b.text).errors.length, 0, JSON.stringify(parseSvg(b.text).errors));
    assert.equal(b.skipped.length, 4, b.skipped.map((s) => s.reason).join(' | '));
    assert.ok(b.skipped.some((s) => s.reason.includes('Vue binding')));
  });

  it('reads Svelte and Astro: {…} values and blocks skipped, directives skipped, frontmatter scanned', () => {
    const svelte = '<svg viewBox="0 0 4 4" on:click={go} class:active={on}>{#each xs as x}<circle r={x} cx="2" cy="2"/>{/each}</svg>';
    const s = only(svelte, 'svelte');
    assert.equal(parseSvg(s.text).errors.length, 0, s.text);
    assert.ok(!/on:click|class:active|#each/.test(s.text), s.text);
    const astro = '---\nconst svg = `<svg id="fm"></svg>`;\n---\n<svg viewBox="0 0 4 4" width={24}><rect width="4" height="4"/></svg>';
    const blocks = findInlineSvgBlocks(astro, 'astro');
    assert.deepEqual(blocks.map((b) => /id="(\w+)"|width="(24)"/.exec(b.text)?.slice(1).find(Boolean)), ['fm', '24']);
  });

  it('finds SVG in Markdown, HTML code included', () => {
    const md = '# Logo\n\n<svg viewBox="0 0 1 1"><circle r="1"/></svg>\n\n```html\n<svg id="sample"></svg>\n```\n';
    assert.equal(findInlineSvgBlocks(md, 'markdown').length, 2);
  });

  it('finds nothing in languages without inline SVG, and never throws on broken input', () => {
    assert.deepEqual(findInlineSvgBlocks('<svg></svg>', 'python'), []);
    const broken = ['<svg', '<svg x="', '<svg {', '`<svg ${', '<svg><path d={"M0 0"', '<svg a=\\', '"<svg \\'];
    for (const text of broken) {
      for (const lang of ['html', 'typescriptreact', 'javascript', 'vue', 'svelte']) {
        const blocks = findInlineSvgBlocks(text, lang);
        for (const b of blocks) {
          assert.ok(b.hostRange.end <= text.length);
          for (let i = 0; i <= b.text.length; i++) {
            const h = b.toHost(i);
            assert.ok(h >= b.hostRange.start && h <= b.hostRange.end, `${lang} ${JSON.stringify(text)} offset ${i} → ${h}`);
          }
        }
      }
    }
  });

  it('carries lint fixes over to the host where the host text is the block text, and refuses the rest', () => {
    const fixes = (host: string, language: string) => {
      const b = only(host, language);
      return lintSvg(b.text).filter((f) => f.fix && b.holds(f.range)).map((f) => ({ code: f.code, edits: f.fix!.edits.map((e) => b.hostEdit(e)) }));
    };
    const apply = (host: string, edits: { range: { start: number; end: number }; newText: string }[]) =>
      [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), host);

    const html = '<p><svg viewBox="0 0 10 10"><path d="M1.123456789 1 L5 5"/><g></g></svg></p>';
    const htmlFixes = fixes(html, 'html');
    const precision = htmlFixes.find((f) => f.code === 'excessive-precision')!;
    assert.ok(precision.edits.every(Boolean));
    assert.equal(apply(html, precision.edits as never), '<p><svg viewBox="0 0 10 10"><path d="M1.123 1 L5 5"/><g></g></svg></p>');
    const role = htmlFixes.find((f) => f.code === 'missing-role')!;
    assert.equal(apply(html, role.edits as never), '<p><svg role="img" viewBox="0 0 10 10"><path d="M1.123456789 1 L5 5"/><g></g></svg></p>');

    // In JSX an attribute JSX spells the same is fine; in a JS string a fix with the string's quote is not.
    const jsx = 'const a = <svg viewBox="0 0 10 10"><path d="M1.123456789 1 L5 5"/></svg>;';
    assert.ok(fixes(jsx, 'javascriptreact').find((f) => f.code === 'missing-role')!.edits.every(Boolean));
    const str = 'const a = "<svg viewBox=\\"0 0 10 10\\"><path d=\\"M1.123456789 1 L5 5\\"/></svg>";';
    const strFixes = fixes(str, 'javascript');
    assert.ok(strFixes.find((f) => f.code === 'missing-role')!.edits.every((e) => e === undefined), 'role="img" would end the JS string');
    assert.ok(strFixes.find((f) => f.code === 'excessive-precision')!.edits.every(Boolean), 'the value itself is plain text in the string');
  });
});
