import * as assert from 'node:assert/strict';
import { expandInternalEntities } from '../../../src/core/render/entities';
import { applyHighlight, openTagsAt, transformScale } from '../../../src/core/render/highlight';
import { neutralizeExternalReferences } from '../../../src/core/render/neutralize';
import { fitFor, intrinsicFromRootTag } from '../../../src/core/render/size';

describe('render: external reference neutralization', () => {
  it('blanks local, file: and remote hrefs and keeps fragments and inline data', () => {
    const svg = '<svg><image href="/etc/x.png"/><image xlink:href=\'file:///etc/x.png\'/><use href="other.svg#a"/>' +
      '<image href="https://example.invalid/a.png"/><use href="#local"/><image href="data:image/png;base64,AAAA"/></svg>';
    const r = neutralizeExternalReferences(svg);
    assert.equal(r.blocked, 4);
    assert.doesNotMatch(r.svg, /etc|other\.svg|example\.invalid/);
    assert.match(r.svg, /href="#local"/);
    assert.match(r.svg, /href="data:image\/png;base64,AAAA"/);
  });

  it('neutralizes CSS url() targets, @import rules and xml-stylesheet instructions', () => {
    const svg = '<?xml-stylesheet href="evil.css"?><svg><style>@import url(x.css); a{fill:url(/p.svg#g)} b{fill:url(#ok)}</style>' +
      '<rect style="fill:url(\'http://x/y#z\')" fill="url(#grad)"/></svg>';
    const r = neutralizeExternalReferences(svg);
    assert.equal(r.blocked, 4);
    assert.doesNotMatch(r.svg, /evil|x\.css|p\.svg|http:/);
    assert.match(r.svg, /url\(#ok\)/);
    assert.match(r.svg, /url\(#grad\)/);
  });

  it('recurses into inline SVG images, and leaves them untouched when they are clean', () => {
    const inner = '<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/secret.png"/></svg>';
    const svg = `<svg><image href="data:image/svg+xml;base64,${Buffer.from(inner).toString('base64')}"/><image href="data:image/svg+xml,${encodeURIComponent(inner)}"/></svg>`;
    const r = neutralizeExternalReferences(svg);
    assert.equal(r.blocked, 2);
    for (const m of r.svg.matchAll(/href="data:image\/svg\+xml;base64,([^"]*)"/g)) assert.doesNotMatch(Buffer.from(m[1], 'base64').toString(), /secret/);
    const clean = `<svg><image href="data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}"/></svg>`;
    assert.deepEqual(neutralizeExternalReferences(clean), { svg: clean, blocked: 0 });
  });
});

describe('render: bounded entity expansion', () => {
  it('expands internal entities (including markup) and drops the DOCTYPE', () => {
    const r = expandInternalEntities('<!DOCTYPE svg [<!ENTITY a "x&b;"><!ENTITY b "<g/>">]><svg>&a;&amp;&#65;</svg>');
    assert.ok(r.ok);
    assert.equal(r.text, '<svg>x<g/>&amp;&#65;</svg>');
  });

  it('expands external entities to nothing', () => {
    const r = expandInternalEntities('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>');
    assert.deepEqual(r, { ok: true, text: '<svg></svg>', expansions: 1 });
  });

  it('refuses a DOCTYPE it cannot take apart instead of passing it on', () => {
    const tricky = expandInternalEntities('<!DOCTYPE svg [<!ENTITY a "]>"><!ENTITY img "<image&#32;href=\'/etc/x.png\'/>">]><svg>&img;</svg>');
    assert.equal(tricky.ok, false);
    assert.match(!tricky.ok ? tricky.error : '', /DOCTYPE/);
    assert.equal(expandInternalEntities('<!DOCTYPE a><!DOCTYPE b [<!ENTITY x "y">]><svg>&x;</svg>').ok, false);
  });

  it('refuses billion laughs, one huge entity repeated, and recursion', () => {
    let decl = '<!ENTITY e0 "lol">';
    for (let i = 1; i <= 6; i++) decl += `<!ENTITY e${i} "${`&e${i - 1};`.repeat(10)}">`;
    const bomb = expandInternalEntities(`<!DOCTYPE svg [${decl}]><svg>&e6;</svg>`);
    assert.equal(bomb.ok, false);
    assert.match(!bomb.ok ? bomb.error : '', /entity references/);
    const big = expandInternalEntities(`<!DOCTYPE svg [<!ENTITY d "${'x'.repeat(100_000)}">]><svg>${'&d;'.repeat(20)}</svg>`);
    assert.match(!big.ok ? big.error : '', /characters/);
    const loop = expandInternalEntities('<!DOCTYPE svg [<!ENTITY a "&b;"><!ENTITY b "&a;">]><svg>&a;</svg>');
    assert.match(!loop.ok ? loop.error : '', /refers to itself/);
  });
});

describe('render: highlight and sizing helpers', () => {
  it('finds the open ancestors of an offset, skipping comments, CDATA and the DOCTYPE', () => {
    const svg = '<!DOCTYPE svg [<!ENTITY a "<g>">]><svg><!-- <g> --><g id="a"><![CDATA[<g>]]><rect/><g><path/></g></g></svg>';
    const at = svg.indexOf('<path');
    assert.deepEqual(openTagsAt(svg, at).map((t) => t.name), ['svg', 'g', 'g']);
    assert.deepEqual(openTagsAt(svg, svg.indexOf('<rect')).map((t) => t.name), ['svg', 'g']);
  });

  it('replays ancestors without ids and scales the accent stroke by the transforms', () => {
    const svg = '<svg viewBox="0 0 10 10"><g id="g" transform="scale(2)"><path id="p" transform="scale(5)" d="M0 0L1 1"/></g></svg>';
    const start = svg.indexOf('<path');
    const end = svg.indexOf('/>', start) + 2;
    const r = applyHighlight(svg, { segment: { elementRange: { start, end }, pathData: 'M0 0L1 1' } }, { pixelsPerUnit: 1, accent: 'red', accentWidthPx: 10, dim: 'white', dimOpacity: 0.5 });
    assert.ok(r.ok);
    const overlay = r.svg.slice(svg.lastIndexOf('</svg>'), -'</svg>'.length);
    assert.match(overlay, /<g transform="scale\(2\)"><path transform="scale\(5\)" d="M0 0L1 1"\/>/);
    assert.doesNotMatch(overlay, /id="/);
    assert.match(overlay, /stroke-width="1"/); // 10 px / (2 × 5)
    assert.equal(transformScale('translate(3 4) rotate(30) scale(2 8)'), 4);
  });

  it('refuses a range that is not an element, and draws nothing extra inside <defs>', () => {
    const svg = '<svg><defs><path d="M0 0"/></defs></svg>';
    assert.equal(applyHighlight(svg, { elementRange: { start: 2, end: 5 } }, { pixelsPerUnit: 1, accent: 'red', accentWidthPx: 1, dim: 'white', dimOpacity: 0.5 }).ok, false);
    const start = svg.indexOf('<path');
    const r = applyHighlight(svg, { elementRange: { start, end: start + 15 } }, { pixelsPerUnit: 1, accent: 'red', accentWidthPx: 1, dim: 'white', dimOpacity: 0.5 });
    assert.ok(r.ok);
    assert.doesNotMatch(r.svg.slice(svg.indexOf('</defs>')), /<path/);
  });

  it('reads the intrinsic size from the root tag and fits the longest side', () => {
    assert.deepEqual(intrinsicFromRootTag('<svg width="48" height="24px" viewBox="0 0 24 12">'), { width: 48, height: 24, viewBox: { width: 24, height: 12 } });
    assert.deepEqual(intrinsicFromRootTag('<svg viewBox="0 0 10 40">'), { width: 10, height: 40, viewBox: { width: 10, height: 40 } });
    assert.deepEqual(intrinsicFromRootTag('<svg width="20" viewBox="0 0 10 40">'), { width: 20, height: 80, viewBox: { width: 10, height: 40 } });
    assert.equal(intrinsicFromRootTag('<svg width="10cm" height="5cm">'), undefined);
    assert.deepEqual(fitFor({ width: 10, height: 40 }, { size: 200 }), { mode: 'height', value: 200 });
    assert.deepEqual(fitFor({ width: 100, height: 40 }, { width: 50, height: 50 }), { mode: 'width', value: 50 });
    assert.deepEqual(fitFor({ width: 100000, height: 10 }, {}), { mode: 'width', value: 8192 });
  });
});
