import * as assert from 'node:assert/strict';
import { parseSvg, MAX_SYNTAX_ERRORS } from '../../../src/core/svg/parse';
import { allElements } from '../../../src/core/svg/query';
import type { Range, SvgDocument, SvgElement } from '../../../src/core/svg/types';

const slice = (text: string, r: Range) => text.slice(r.start, r.end);
const codes = (doc: SvgDocument) => doc.errors.map((e) => e.code);

function el(doc: SvgDocument, name: string, nth = 0): SvgElement {
  const found = [...allElements(doc)].filter((e) => e.name === name)[nth];
  assert.ok(found, `no <${name}> #${nth}`);
  return found;
}

describe('svg parser', () => {
  describe('well-formed documents', () => {
    const text = '<?xml version="1.0"?>\n<!-- icon -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox=\'0 0 24 24\'>\n  <g id="a"><path d="M1 2L3 4"/></g>\n  <text x = "1">A &amp; B &#x41;&#66;<![CDATA[<raw>]]></text>\n</svg>\n';
    const doc = parseSvg(text);

    it('has no errors and the expected tree', () => {
      assert.deepEqual(doc.errors, []);
      assert.equal(doc.root?.name, 'svg');
      assert.deepEqual(doc.children.map((n) => n.kind), ['pi', 'comment', 'element']);
      assert.deepEqual([...allElements(doc)].map((e) => e.name), ['svg', 'g', 'path', 'text']);
      assert.ok([...allElements(doc)].every((e) => e.closed));
    });

    it('gives exact ranges for elements, tags, names and values', () => {
      const svg = doc.root!;
      assert.equal(slice(text, svg.range), text.slice(text.indexOf('<svg'), text.lastIndexOf('>') + 1));
      assert.equal(slice(text, svg.startTagRange), '<svg xmlns="http://www.w3.org/2000/svg" viewBox=\'0 0 24 24\'>');
      assert.equal(slice(text, svg.endTagRange!), '</svg>');
      const [xmlns, viewBox] = svg.attributes;
      assert.equal(slice(text, xmlns.range), 'xmlns="http://www.w3.org/2000/svg"');
      assert.equal(slice(text, xmlns.nameRange), 'xmlns');
      assert.equal(slice(text, viewBox.valueRange), '0 0 24 24');
      const path = el(doc, 'path');
      assert.equal(slice(text, path.range), '<path d="M1 2L3 4"/>');
      assert.equal(path.selfClosing, true);
      assert.equal(path.endTagRange, undefined);
      assert.equal(path.parent, el(doc, 'g'));
      const x = el(doc, 'text').attributes[0];
      assert.equal(slice(text, x.range), 'x = "1"');
      assert.equal(x.value, '1');
    });

    it('expands references in text and keeps CDATA raw', () => {
      const t = el(doc, 'text');
      assert.deepEqual(t.children.map((c) => c.kind), ['text', 'cdata']);
      assert.equal((t.children[0] as { value: string }).value, 'A & B AB');
      assert.equal((t.children[1] as { value: string }).value, '<raw>');
      assert.equal(slice(text, t.children[1].range), '<![CDATA[<raw>]]>');
    });

    it('counts offsets in UTF-16 code units past astral characters', () => {
      const t = '<svg><text>𝒳😀</text><path d="M1 1"/></svg>';
      const d = parseSvg(t);
      assert.deepEqual(d.errors, []);
      const a = el(d, 'path').attributes[0];
      assert.equal(a.valueRange.start, t.indexOf('M1 1'));
      assert.equal(slice(t, a.valueRange), 'M1 1');
      const emojiAttr = parseSvg('<svg aria-label="😀x" id="y"/>');
      assert.equal(slice('<svg aria-label="😀x" id="y"/>', emojiAttr.root!.attributes[1].valueRange), 'y');
    });

    it('keeps CRLF text as written, so offsets map one to one', () => {
      const t = '<svg>\r\n<path\r\n d="M0 0\r\nL1 1"/>\r\n</svg>';
      const d = parseSvg(t);
      assert.deepEqual(d.errors, []);
      const a = el(d, 'path').attributes[0];
      assert.equal(a.value, 'M0 0\r\nL1 1');
      assert.equal(slice(t, a.valueRange), a.value);
    });

    it('marks values with references so callers know offsets do not map', () => {
      const d = parseSvg('<svg><path d="M0&#32;0 L1 1" id="p"/></svg>');
      const [dAttr, id] = el(d, 'path').attributes;
      assert.equal(dAttr.value, 'M0 0 L1 1');
      assert.equal(dAttr.hasReferences, true);
      assert.equal(id.hasReferences, false);
    });

    it('accepts a byte order mark and namespaced names', () => {
      const d = parseSvg('\uFEFF<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:rect xlink:href="#a"/></svg:svg>');
      assert.deepEqual(d.errors, []);
      assert.equal(d.root!.name, 'svg:svg');
      assert.equal(el(d, 'svg:rect').attributes[0].name, 'xlink:href');
    });
  });

  describe('syntax errors', () => {
    it('reports mismatched and stray end tags at their exact range and closes what they can', () => {
      const t = '<svg><g><path></g></x></svg>';
      const d = parseSvg(t);
      assert.deepEqual(codes(d), ['unclosed-tag', 'mismatched-end-tag']);
      assert.equal(slice(t, d.errors[0].range), '<path');
      assert.equal(slice(t, d.errors[1].range), '</x>');
      const path = el(d, 'path');
      assert.equal(path.closed, false);
      assert.equal(path.range.end, t.indexOf('</g>'));
      assert.equal(el(d, 'g').closed, true);
      assert.equal(d.root!.closed, true);
    });

    it('reports attribute problems exactly', () => {
      const t = '<svg a=1 b c="x"d="y" c="z" e="<"/>';
      const d = parseSvg(t);
      assert.deepEqual(codes(d), ['unquoted-attribute-value', 'attribute-without-value', 'missing-whitespace', 'duplicate-attribute', 'lt-in-attribute-value']);
      assert.equal(slice(t, d.errors[0].range), '1');
      assert.equal(slice(t, d.errors[1].range), 'b');
      assert.equal(d.errors[3].range.start, t.lastIndexOf('c='));
      assert.equal(d.errors[4].range.start, t.indexOf('<"'));
      assert.deepEqual(d.root!.attributes.map((a) => [a.name, a.value]), [['a', '1'], ['b', ''], ['c', 'x'], ['d', 'y'], ['c', 'z'], ['e', '<']]);
    });

    it('reports bad references and keeps their text', () => {
      const t = '<svg><text>a & b &nope; &#xZZ; &#0;</text></svg>';
      const d = parseSvg(t);
      assert.deepEqual(codes(d), ['invalid-reference', 'undefined-entity', 'invalid-reference', 'invalid-character-reference']);
      assert.equal(slice(t, d.errors[1].range), '&nope;');
      assert.equal((el(d, 'text').children[0] as { value: string }).value, 'a & b &nope; &#xZZ; \uFFFD');
    });

    it('reports text outside the root, a second root, a lone "<" and a missing root', () => {
      assert.deepEqual(codes(parseSvg('x<svg/>')), ['text-outside-root']);
      assert.deepEqual(codes(parseSvg('<svg/><svg/>')), ['multiple-roots']);
      assert.deepEqual(codes(parseSvg('<svg>a < b</svg>')), ['invalid-tag-name']);
      assert.equal((parseSvg('<svg>a < b</svg>').root!.children[0] as { value: string }).value, 'a < b');
      assert.deepEqual(codes(parseSvg('')), ['no-root-element']);
      assert.deepEqual(codes(parseSvg('<!-- only -->')), ['no-root-element']);
    });

    it('reports characters XML forbids, including lone surrogates', () => {
      const d = parseSvg('<svg>\u0001\uD800x</svg>');
      assert.deepEqual(d.errors.map((e) => [e.code, e.range.start]), [['invalid-character', 5], ['invalid-character', 6]]);
    });
  });

  describe('incomplete documents', () => {
    it('returns the partial tree when cut inside an attribute value', () => {
      const t = '<svg viewBox="0 0 24 24"><g><path d="M1 2 L';
      const d = parseSvg(t);
      const path = el(d, 'path');
      assert.equal(path.closed, false);
      assert.equal(path.attributes[0].value, 'M1 2 L');
      assert.equal(path.attributes[0].valueRange.end, t.length);
      assert.equal(path.range.end, t.length);
      assert.deepEqual([...allElements(d)].map((e) => [e.name, e.closed]), [['svg', false], ['g', false], ['path', false]]);
      assert.ok(codes(d).includes('unexpected-eof'));
      assert.equal(codes(d).filter((c) => c === 'unexpected-eof').length, 1);
    });

    it('returns the partial tree when cut inside a tag name, an attribute name or after "="', () => {
      for (const t of ['<svg><pa', '<svg><path fi', '<svg><path fill=', '<svg><path fill="red" ', '<svg><path/', '<svg></sv', '<svg><!-- x', '<svg><![CDATA[x', '<']) {
        const d = parseSvg(t);
        assert.ok(d.errors.length > 0, t);
        assert.ok(d.errors.every((e) => e.range.start <= t.length && e.range.end <= t.length), t);
        if (t.startsWith('<svg')) assert.equal(d.root?.name, 'svg', t);
      }
      assert.equal(el(parseSvg('<svg><path fi'), 'path').attributes[0].name, 'fi');
    });

    it('ends an unterminated start tag at the next "<"', () => {
      const d = parseSvg('<svg><path d="M0 0"<rect/></svg>');
      assert.ok(codes(d).includes('unclosed-start-tag'));
      assert.equal(el(d, 'rect').parent!.name, 'path');
    });
  });

  describe('entities', () => {
    it('expands internal entities in attributes and text', () => {
      const t = '<!DOCTYPE svg [\n<!ENTITY ns "http://www.w3.org/2000/svg">\n<!ENTITY two "&one;&one;">\n<!ENTITY one "1">\n]>\n<svg xmlns="&ns;"><text>&two;</text></svg>';
      const d = parseSvg(t);
      assert.deepEqual(d.errors, []);
      assert.equal(d.root!.attributes[0].value, 'http://www.w3.org/2000/svg');
      assert.equal((el(d, 'text').children[0] as { value: string }).value, '11');
      assert.equal(d.entities.get('ns'), 'http://www.w3.org/2000/svg');
      assert.equal(d.children[0].kind, 'doctype');
    });

    it('never loads an external entity', () => {
      const t = '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg><text>&x;</text></svg>';
      const d = parseSvg(t);
      assert.deepEqual(codes(d), ['external-entity']);
      assert.equal((el(d, 'text').children[0] as { value: string }).value, '&x;');
    });

    it('stops a "billion laughs" bomb quickly with one entity-limit error', () => {
      let dtd = '<!ENTITY lol0 "lol">';
      for (let i = 1; i <= 20; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
      const t = `<!DOCTYPE svg [${dtd}]><svg><text>&lol20;</text><path d="&lol20;"/></svg>`;
      const started = performance.now();
      const d = parseSvg(t);
      assert.ok(performance.now() - started < 2000);
      assert.deepEqual(codes(d), ['entity-limit']);
      assert.equal((el(d, 'text').children[0] as { value: string }).value, '&lol20;');
    });

    it('bounds many references to one moderately large entity by total size and count', () => {
      const t = `<!DOCTYPE svg [<!ENTITY big "${'x'.repeat(1000)}">]><svg>${'<g id="&big;"/>'.repeat(5000)}</svg>`;
      const d = parseSvg(t);
      assert.deepEqual(codes(d), ['entity-limit']);
      const expanded = [...allElements(d)].filter((e) => e.attributes[0]?.value.length === 1000).length;
      assert.equal(expanded, 1000);
      const fewer = parseSvg(t, { maxEntityExpansionChars: 10_000 });
      assert.equal([...allElements(fewer)].filter((e) => e.attributes[0]?.value.length === 1000).length, 10);
      const counted = parseSvg('<!DOCTYPE svg [<!ENTITY a "a">]><svg>' + '&a;'.repeat(50) + '</svg>', { maxEntityExpansions: 20 });
      assert.deepEqual(codes(counted), ['entity-limit']);
    });

    it('reports an entity that refers to itself', () => {
      const d = parseSvg('<!DOCTYPE svg [<!ENTITY a "x&b;"><!ENTITY b "&a;">]><svg>&a;</svg>');
      assert.deepEqual(codes(d), ['recursive-entity']);
    });
  });

  describe('hostile input', function () {
    // Sizes here are meant to hurt; the time limit only guards against hangs on a loaded machine.
    this.timeout(60_000);
    it('parses 150,000 nested elements without recursion', () => {
      const depth = 150_000;
      const d = parseSvg('<svg>' + '<g>'.repeat(depth) + '</g>'.repeat(depth) + '</svg>');
      assert.deepEqual(d.errors, []);
      let n = 0;
      for (let e: SvgElement | undefined = d.root; e; e = e.children[0] as SvgElement | undefined) n++;
      assert.equal(n, depth + 1);
      assert.equal([...allElements(d)].length, depth + 1);
      const open = parseSvg('<svg>' + '<g>'.repeat(depth));
      assert.equal(open.errors.length, MAX_SYNTAX_ERRORS + 1);
      assert.equal(open.errors.at(-1)!.code, 'too-many-errors');
    });

    it('survives 150,000 stray end tags after deep nesting in linear time', () => {
      const depth = 150_000;
      const stray = '<svg>' + '<g>'.repeat(depth) + '</x>'.repeat(depth);
      const closed = '<svg>' + '<g>'.repeat(depth) + '</g>'.repeat(depth) + '</svg>';
      // Timed against the same nesting closed properly (linear: one pop per end tag), on this machine and
      // interleaved, so the machine's speed and load cancel out. Linear handling costs about the same (a ratio
      // of 1–2 measured under a load of 17 on 2 cores); a walk down the open stack for each stray tag is
      // 150,000 × 75,000 steps, tens of times slower than the anchor on any machine.
      const time = (text: string) => {
        const started = performance.now();
        const d = parseSvg(text);
        return { ms: performance.now() - started, d };
      };
      let strayMs = Infinity;
      let closedMs = Infinity;
      for (let run = 0; run < 2; run++) {
        closedMs = Math.min(closedMs, time(closed).ms);
        const s = time(stray);
        strayMs = Math.min(strayMs, s.ms);
        assert.equal(s.d.errors.length, MAX_SYNTAX_ERRORS + 1);
      }
      assert.ok(strayMs < 10 * closedMs, `stray end tags took ${Math.round(strayMs)} ms, the closed document ${Math.round(closedMs)} ms`);
    });

    it('parses a million elements', () => {
      const d = parseSvg('<svg>' + '<rect/>'.repeat(1_000_000) + '</svg>');
      assert.deepEqual(d.errors, []);
      assert.equal(d.root!.children.length, 1_000_000);
    });

    it('parses a 40 MB path attribute', () => {
      const dValue = 'M0 0' + ' L1 1'.repeat(8_000_000);
      const d = parseSvg(`<svg><path d="${dValue}"/></svg>`);
      assert.deepEqual(d.errors, []);
      assert.equal(el(d, 'path').attributes[0].value.length, dValue.length);
    });

    it('reads broken UTF-8 (decoded to U+FFFD) as text', () => {
      const bytes = Buffer.concat([Buffer.from('<svg><text>a'), Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from('b</text></svg>')]);
      const d = parseSvg(new TextDecoder('utf-8').decode(bytes));
      assert.deepEqual(d.errors, []);
      assert.match((el(d, 'text').children[0] as { value: string }).value, /^a\uFFFD+.*b$/);
    });

    it('never throws on binary garbage or random markup', () => {
      let seed = 42;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const bytes = Buffer.alloc(200_000);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
      for (const text of [bytes.toString('latin1'), new TextDecoder().decode(bytes)]) {
        const d = parseSvg(text);
        assert.ok(d.errors.length <= MAX_SYNTAX_ERRORS + 1);
      }
      const pieces = ['<', '>', '/', '=', '"', "'", 'svg', 'g', ' ', 'a', '&', ';', '#', '!--', '-->', '<!DOCTYPE', '[', ']', '<!ENTITY', '?', '\n', '&a;', '<![CDATA[', ']]>'];
      for (let n = 0; n < 3000; n++) {
        let t = '';
        const len = Math.floor(rand() * 30);
        for (let i = 0; i < len; i++) t += pieces[Math.floor(rand() * pieces.length)];
        const d = parseSvg(t);
        for (const e of d.errors) assert.ok(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= t.length, `${JSON.stringify(t)}: ${e.code}`);
        for (const e of allElements(d)) assert.ok(e.range.start <= e.range.end && e.range.end <= t.length, JSON.stringify(t));
      }
    });

    it('accepts a non-string without throwing', () => {
      assert.deepEqual(codes(parseSvg(undefined as unknown as string)), ['no-root-element']);
    });
  });
});
