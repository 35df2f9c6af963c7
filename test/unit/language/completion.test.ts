import * as assert from 'node:assert/strict';
import { svgTagNames } from 'svg-tag-names';
import { svgElementAttributes } from 'svg-element-attributes';
import { complete } from '../../../src/core/language';
import { ELEMENTS } from '../../../src/core/language/data/elements';
import { at, inHost } from './cursor';

const labels = (marked: string): string[] => {
  const { region, offset } = at(marked);
  return complete(region, offset).map((i) => i.label);
};

describe('language: completion', () => {
  it('offers the elements the parent allows, for a prefix the file never mentions', () => {
    const { text, region, offset } = at('<svg xmlns="http://www.w3.org/2000/svg">\n  <ci|\n</svg>');
    const items = complete(region, offset);
    const circle = items.find((i) => i.label === 'circle')!;
    assert.ok(circle, 'circle offered');
    assert.equal(circle.kind, 'element');
    assert.equal(text.slice(circle.range.start, circle.range.end), 'ci');
    assert.equal(circle.insertText, 'circle $1/>$0');
    assert.ok(circle.documentation.length > 10 && !circle.documentation.includes('\n'));
    assert.equal(circle.mdnUrl, 'https://developer.mozilla.org/docs/Web/SVG/Reference/Element/circle');
    // stop is not allowed in <svg>; linearGradient is.
    assert.ok(!items.some((i) => i.label === 'stop'));
    assert.ok(items.some((i) => i.label === 'linearGradient'));
  });

  it('follows the content model: only stop and friends in a gradient, only primitives in a filter', () => {
    const grad = labels('<svg><linearGradient><|</linearGradient></svg>');
    assert.ok(grad.includes('stop'));
    assert.ok(!grad.includes('circle'));
    const filter = labels('<svg><filter><fe|</filter></svg>');
    assert.ok(filter.includes('feGaussianBlur'));
    assert.ok(!filter.includes('feFuncR'), 'transfer functions belong in feComponentTransfer');
    assert.ok(labels('<svg><filter><feComponentTransfer><|</feComponentTransfer></filter></svg>').includes('feFuncR'));
    assert.deepEqual(labels('<|'), ['svg']);
  });

  it('replaces only the name when the tag already goes on', () => {
    const { region, offset } = at('<svg><rec| x="1"/></svg>');
    const rect = complete(region, offset).find((i) => i.label === 'rect')!;
    assert.equal(rect.insertText, 'rect');
    assert.equal(rect.snippet, false);
  });

  it('writes a container with its end tag', () => {
    const { region, offset } = at('<svg>\n<|\n</svg>');
    const g = complete(region, offset).find((i) => i.label === 'g')!;
    assert.equal(g.insertText, 'g>$0</g>');
  });

  it('offers attributes of the element, own ones first, none already present, with docs and MDN links', () => {
    const { region, offset } = at('<svg><circle cx="1" | /></svg>');
    const items = complete(region, offset);
    const names = items.map((i) => i.label);
    assert.ok(names.includes('r') && names.includes('cy') && names.includes('fill'));
    assert.ok(!names.includes('cx'), 'cx is already there');
    assert.ok(!names.includes('nav-up'), 'SVG Tiny 1.2 only');
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.ok(sorted.findIndex((i) => i.label === 'r') < sorted.findIndex((i) => i.label === 'fill'));
    const r = items.find((i) => i.label === 'r')!;
    assert.equal(r.insertText, 'r="$1"');
    assert.equal(r.mdnUrl, 'https://developer.mozilla.org/docs/Web/SVG/Reference/Attribute/r');
    const lc = items.find((i) => i.label === 'stroke-linecap')!;
    assert.equal(lc.retrigger, true);
    assert.ok(items.find((i) => i.label === 'requiredFeatures')?.deprecated);
  });

  it('offers nothing after the tag ends or in plain text', () => {
    assert.deepEqual(labels('<svg><circle r="1"/>| </svg>'), []);
    assert.deepEqual(labels('<svg><text>hel|lo</text></svg>'), []);
  });

  it('offers keyword values of enumerated attributes', () => {
    assert.deepEqual(labels('<svg><path stroke-linecap="|"/></svg>'), ['butt', 'round', 'square']);
    assert.ok(labels('<svg><path stroke-linejoin="r|"/></svg>').includes('bevel'));
    assert.deepEqual(labels('<svg><path fill-rule="|"/></svg>'), ['nonzero', 'evenodd']);
    assert.ok(labels('<svg preserveAspectRatio="|"></svg>').includes('xMidYMid meet'));
    assert.deepEqual(labels('<svg><linearGradient gradientUnits="|"/></svg>'), ['userSpaceOnUse', 'objectBoundingBox']);
    assert.deepEqual(labels('<svg><animate fill="|"/></svg>'), ['freeze', 'remove'], 'fill of an animation element is not a paint');
  });

  it('offers #ids in href and url(#…), paint servers only for fill', () => {
    const doc = '<svg><defs><linearGradient id="sky"/><clipPath id="cut"/><path id="p"/></defs>';
    assert.deepEqual(labels(doc + '<use href="#|"/></svg>').sort(), ['#cut', '#p', '#sky']);
    assert.deepEqual(labels(doc + '<rect fill="url(#|)"/></svg>'), ['#sky']);
    assert.deepEqual(labels(doc + '<rect clip-path="url(|"/></svg>'), ['#cut']);
    const { text, region, offset } = at(doc + '<rect fill="url(#s|ky)"/></svg>');
    const item = complete(region, offset)[0];
    assert.equal(text.slice(item.range.start, item.range.end), '#sky');
    assert.ok(labels(doc + '<rect fill="|"/></svg>').includes('url(#sky)'));
  });

  it('offers id.end and id.begin of animations in begin', () => {
    const l = labels('<svg><rect><animate id="fade" dur="1s"/><set begin="|"/></rect></svg>');
    assert.deepEqual(l.sort(), ['fade.begin', 'fade.end']);
  });

  it('offers the closing tag of the open element', () => {
    const { text, region, offset } = at('<svg><g><rect/></|');
    const items = complete(region, offset);
    assert.deepEqual(items.map((i) => i.insertText), ['</g>']);
    assert.equal(text.slice(items[0].range.start, items[0].range.end), '</');
  });

  it('works on a region inside a host text, with host offsets', () => {
    const { text, region, offset } = inHost('<html><body><p>x</p><svg><ci|</svg></body></html>');
    const circle = complete(region, offset).find((i) => i.label === 'circle')!;
    assert.equal(text.slice(circle.range.start, circle.range.end), 'ci');
    assert.deepEqual(complete(region, 3), [], 'outside the region');
  });

  it('gives every item a one-line description and an MDN link', () => {
    const contexts = [
      '<svg><|</svg>', '<svg><g>\n<fe|</g></svg>', '<svg><path | /></svg>', '<svg><filter><feBlend mode="|"/></filter></svg>',
      '<svg><linearGradient id="a"/><rect fill="url(#|)"/><use href="#|"/></svg>', '<svg><g></|',
    ];
    let count = 0;
    for (const marked of contexts) {
      for (const first of [true, false]) {
        const bars = [...marked].flatMap((c, i) => (c === '|' ? [i] : []));
        const bar = first ? bars[0] : bars[bars.length - 1];
        const { region, offset } = at(marked.slice(0, bar).replace(/\|/g, '') + '|' + marked.slice(bar + 1).replace(/\|/g, ''));
        for (const item of complete(region, offset)) {
          count++;
          assert.ok(item.documentation.length > 0 && !/[\r\n]/.test(item.documentation), `${item.label}: ${item.documentation}`);
          if (!item.label.startsWith('xmlns')) assert.match(item.mdnUrl ?? '', /^https:\/\/developer\.mozilla\.org\/docs\/Web\/SVG\/Reference\//, item.label);
        }
      }
    }
    assert.ok(count > 200, `${count} items checked`);
  });

  it('takes element names the data package knows; the content model table has no typo', () => {
    const known = new Set(svgTagNames);
    for (const [name, spec] of Object.entries(ELEMENTS)) {
      assert.ok(known.has(name), `${name} is an SVG element`);
      assert.ok(name in svgElementAttributes, `${name} has attribute data`);
      for (const child of spec.children) assert.ok(child in ELEMENTS, `${name} > ${child}`);
      assert.match(spec.spec, /^https:\/\/(www\.w3\.org\/TR|svgwg\.org\/specs)\//);
    }
  });
});
