import * as assert from 'node:assert/strict';
import { RULE_CODES, applyFix, lintSvg } from '../../../src/core/lint';
import { parseSvg } from '../../../src/core/svg/parse';
import { NS, icon, findingsWith, rangeText } from './helpers';

interface Case {
  /** Title of the situation the positive test shows. */
  what: string;
  bad: string;
  /** The corrected document: must not produce the code. */
  good: string;
  /** Source text the finding's range must cover. */
  at?: string;
  /** Whether the finding carries a fix. */
  fix?: boolean;
}

const CASES: Record<string, Case[]> = {
  'malformed-xml': [{ what: 'an unclosed element', bad: icon('<g><path d="M0 0h1"/>'), good: icon('<g><path d="M0 0h1"/></g>') }],
  'not-svg-root': [
    { what: 'an <html> root', bad: `<html ${NS}><svg/></html>`, good: icon(''), at: 'html' },
    { what: 'a MathML root', bad: '<math xmlns="http://www.w3.org/1998/Math/MathML"/>', good: icon(''), at: 'math' },
  ],
  'missing-xmlns': [{ what: 'no xmlns', bad: '<svg viewBox="0 0 24 24" role="img"><title>t</title></svg>', good: icon(''), at: 'svg', fix: true }],
  'wrong-namespace': [{ what: 'an XHTML default namespace', bad: '<svg xmlns="http://www.w3.org/1999/xhtml" viewBox="0 0 24 24"/>', good: icon(''), at: 'http://www.w3.org/1999/xhtml' }],
  'unbound-prefix': [{
    what: 'xlink:href without xmlns:xlink',
    bad: icon('<defs><path id="a" d="M0 0h1"/></defs><use xlink:href="#a"/>'),
    good: icon('<defs><path id="a" d="M0 0h1"/></defs><use xlink:href="#a"/>', 'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24"'),
    at: 'xlink', fix: true,
  }],
  'missing-viewbox': [
    { what: 'width/height without viewBox', bad: icon('', 'width="48" height="32px"'), good: icon('', 'width="48" height="32" viewBox="0 0 48 32"'), at: 'svg', fix: true },
    { what: 'neither viewBox nor size', bad: icon('', ''), good: icon(''), at: 'svg', fix: false },
  ],
  'invalid-viewbox': [
    { what: 'three numbers', bad: icon('', 'viewBox="0 0 24"'), good: icon(''), at: '0 0 24' },
    { what: 'a negative height', bad: icon('', 'viewBox="0 0 24 -5"'), good: icon(''), at: '-5' },
    { what: 'a letter', bad: icon('', 'viewBox="0 0 2x4 24"'), good: icon(''), at: 'x4' },
  ],
  'invalid-path-data': [
    { what: 'a letter that is not a command', bad: icon('<path d="M1 1L2 2X3 3"/>'), good: icon('<path d="M1 1L2 2L3 3"/>'), at: 'X' },
    { what: 'a missing number at the end', bad: icon('<path d="M1 1L2"/>'), good: icon('<path d="M1 1L2 2"/>') },
  ],
  'invalid-points': [{ what: 'an odd count', bad: icon('<polyline points="0 0 10 10 20" stroke="red"/>'), good: icon('<polyline points="0 0 10 10 20 20" stroke="red"/>'), at: '20' }],
  'invalid-transform': [
    { what: 'an unknown function', bad: icon('<g transform="translate(1 2) spin(3)"><path d="M0 0h1" stroke="red"/></g>'), good: icon('<g transform="translate(1 2) rotate(3)"><path d="M0 0h1" stroke="red"/></g>'), at: 'spin' },
    { what: 'a wrong argument count', bad: icon('<g transform="matrix(1 0 0 1 0)"><path d="M0 0h1" stroke="red"/></g>'), good: icon('<g transform="matrix(1 0 0 1 0 0)"><path d="M0 0h1" stroke="red"/></g>'), at: 'matrix(1 0 0 1 0)' },
    { what: 'a bad number', bad: icon('<g transform="scale(1,x)"><path d="M0 0h1" stroke="red"/></g>'), good: icon('<g transform="scale(1,2)"><path d="M0 0h1" stroke="red"/></g>'), at: 'x' },
  ],
  'invalid-length': [
    { what: 'an unknown unit', bad: icon('<rect width="10pz" height="5" fill="red"/>'), good: icon('<rect width="10px" height="5" fill="red"/>'), at: 'pz' },
    { what: 'a negative radius', bad: icon('<circle r="-3" fill="red"/>'), good: icon('<circle r="3" fill="red"/>'), at: '-3' },
    { what: 'an opacity with a unit', bad: icon('<rect width="1" height="1" opacity="5px"/>'), good: icon('<rect width="1" height="1" opacity="50%"/>'), at: 'px' },
  ],
  'invalid-color': [
    { what: 'an unknown color name', bad: icon('<rect width="1" height="1" fill="bleu"/>'), good: icon('<rect width="1" height="1" fill="blue"/>'), at: 'bleu' },
    { what: 'a 5-digit hex color', bad: icon('<rect width="1" height="1" stroke="#12345"/>'), good: icon('<rect width="1" height="1" stroke="#123456"/>'), at: '#12345' },
    { what: 'a bad color in a style attribute', bad: icon('<rect width="1" height="1" style="fill: #12g"/>'), good: icon('<rect width="1" height="1" style="fill: #12f"/>'), at: 'g' },
  ],
  'degenerate-shape': [
    { what: 'a zero-width rect', bad: icon('<rect width="0" height="5" fill="red"/>'), good: icon('<rect width="3" height="5" fill="red"/>'), at: '0', fix: true },
    { what: 'a circle without r', bad: icon('<circle cx="3" cy="3" fill="red"/>'), good: icon('<circle cx="3" cy="3" r="1" fill="red"/>'), at: 'circle', fix: true },
  ],
  'outside-viewbox': [
    { what: 'a path far to the right', bad: icon('<path d="M30 1h5v5h-5z" fill="red"/>'), good: icon('<path d="M20 1h5v5h-5z" fill="red"/>'), at: 'path' },
    { what: 'a circle above', bad: icon('<circle cx="5" cy="-10" r="2" fill="red"/>'), good: icon('<circle cx="5" cy="-1" r="2" fill="red"/>'), at: 'circle' },
  ],
  'invisible-element': [
    { what: 'fill="none" and no stroke', bad: icon('<path d="M1 1h5" fill="none"/>'), good: icon('<path d="M1 1h5" fill="none" stroke="red"/>'), at: 'path', fix: true },
    { what: 'opacity="0"', bad: icon('<g opacity="0"><path d="M1 1h5v5z"/></g>'), good: icon('<g opacity="0.5"><path d="M1 1h5v5z"/></g>'), at: 'g', fix: true },
    { what: 'display="none"', bad: icon('<rect width="3" height="3" display="none"/>'), good: icon('<rect width="3" height="3" display="inline"/>'), at: 'rect', fix: true },
  ],
  'empty-element': [
    { what: 'an empty group', bad: icon('<g>\n</g>'), good: icon('<g><path d="M1 1h5v5z"/></g>'), at: 'g', fix: true },
    { what: 'a path without d', bad: icon('<path fill="red"/>'), good: icon('<path d="M1 1h5v5z" fill="red"/>'), at: 'path', fix: true },
  ],
  'duplicate-id': [{
    what: 'two elements with id "a"',
    bad: icon('<path id="a" d="M1 1h5v5z"/><path id="a" d="M2 2h5v5z"/>'),
    good: icon('<path id="a" d="M1 1h5v5z"/><path id="b" d="M2 2h5v5z"/>'),
    at: 'a', fix: true,
  }],
  'broken-reference': [
    { what: 'a fill url to nothing', bad: icon('<path d="M1 1h5v5z" fill="url(#nope)"/>'), good: icon('<defs><linearGradient id="g"/></defs><path d="M1 1h5v5z" fill="url(#g)"/>'), at: 'nope' },
    { what: 'a use href to nothing', bad: icon('<use href="#missing"/>'), good: icon('<defs><path id="missing" d="M1 1h5v5z"/></defs><use href="#missing"/>'), at: 'missing' },
  ],
  'unused-definition': [{
    what: 'a gradient nobody uses',
    bad: icon('<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><path d="M1 1h5v5z"/>'),
    good: icon('<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><path d="M1 1h5v5z" fill="url(#g)"/>'),
    at: 'linearGradient', fix: true,
  }],
  'script-element': [{ what: 'a script', bad: icon('<script>alert(1)</script><path d="M1 1h5v5z"/>'), good: icon('<path d="M1 1h5v5z"/>'), at: 'script', fix: true }],
  'event-handler': [{ what: 'onload on the root', bad: icon('<path d="M1 1h5v5z"/>', 'viewBox="0 0 24 24" onload="alert(1)"'), good: icon('<path d="M1 1h5v5z"/>'), at: 'onload', fix: true }],
  'javascript-url': [
    { what: 'a javascript: link', bad: icon('<a href=" JavaScript:alert(1)"><path d="M1 1h5v5z"/></a>'), good: icon('<a href="https://example.com/"><path d="M1 1h5v5z"/></a>'), fix: true },
    { what: 'an animation setting a javascript: href', bad: icon('<a><set attributeName="href" to="javascript:alert(1)"/><path d="M1 1h5v5z"/></a>'), good: icon('<a href="#x"><path id="x" d="M1 1h5v5z"/></a>'), at: 'javascript:alert(1)', fix: true },
  ],
  'foreign-object': [{ what: 'embedded HTML', bad: icon('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'), good: icon('<text y="10">hi</text>'), at: 'foreignObject' }],
  'external-resource': [
    { what: 'an image from a local file', bad: icon('<image href="/etc/passwd.png" width="5" height="5"/>'), good: icon('<image href="data:image/png;base64,AAAA" width="5" height="5"/>'), at: '/etc/passwd.png' },
    { what: 'a style sheet @import', bad: icon('<style>@import url(https://x.invalid/a.css);</style>'), good: icon('<style>path { fill: red }</style>'), at: '@import' },
  ],
  'missing-title': [{ what: 'an svg without title', bad: `<svg ${NS} viewBox="0 0 24 24" role="img"/>`, good: `<svg ${NS} viewBox="0 0 24 24" role="img" aria-label="Home"/>`, at: 'svg' }],
  'missing-role': [{ what: 'an svg without role', bad: `<svg ${NS} viewBox="0 0 24 24"><title>t</title></svg>`, good: `<svg ${NS} viewBox="0 0 24 24" aria-hidden="true"></svg>`, at: 'svg', fix: true }],
  'excessive-precision': [
    { what: 'six decimals in path data', bad: icon('<path d="M1.123456 1h5.5v5z"/>'), good: icon('<path d="M1.123 1h5.5v5z"/>'), at: 'M1.123456 1h5.5v5z', fix: true },
    { what: 'many decimals in a transform', bad: icon('<g transform="translate(0.0000001 2)"><path d="M1 1h5v5z"/></g>'), good: icon('<g transform="translate(0 2)"><path d="M1 1h5v5z"/></g>'), fix: true },
  ],
  'editor-metadata': [
    {
      what: 'an Inkscape namespace',
      bad: icon('<sodipodi:namedview pagecolor="#fff"/>\n<path d="M1 1h5v5z" inkscape:label="x"/>', 'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 24 24"'),
      good: icon('<path d="M1 1h5v5z"/>'),
      fix: true,
    },
    { what: 'a generator comment', bad: icon('<!-- Generator: Adobe Illustrator 24.0.0 -->\n<path d="M1 1h5v5z"/>'), good: icon('<!-- arrow -->\n<path d="M1 1h5v5z"/>'), at: '<!-- Generator: Adobe Illustrator 24.0.0 -->', fix: true },
  ],
};

describe('lint rules', () => {
  it('every rule code has test cases', () => {
    for (const { code } of RULE_CODES) assert.ok(CASES[code]?.length, `no cases for ${code}`);
  });

  for (const [code, cases] of Object.entries(CASES)) {
    describe(code, () => {
      for (const c of cases) {
        it(`reports ${c.what}`, () => {
          const found = findingsWith(c.bad, code);
          assert.ok(found.length > 0, `expected ${code} in:\n${c.bad}\ngot: ${JSON.stringify(lintSvg(c.bad).map((f) => f.code))}`);
          const f = found[0];
          assert.equal(f.severity, RULE_CODES.find((r) => r.code === code)!.severity);
          if (c.at !== undefined) assert.equal(rangeText(c.bad, f), c.at);
          if (c.fix !== undefined) assert.equal(Boolean(f.fix), c.fix, c.fix ? 'expected a fix' : 'expected no fix');
          if (f.fix) {
            const fixed = applyFix(c.bad, f.fix);
            assert.ok(parseSvg(fixed).errors.length <= parseSvg(c.bad).errors.length, `fix broke the XML:\n${fixed}`);
            const after = findingsWith(fixed, code).filter((g) => g.message === f.message);
            assert.ok(after.length < found.filter((g) => g.message === f.message).length, `fix did not remove the finding:\n${fixed}`);
          }
        });
        it(`is silent once ${c.what} is corrected`, () => {
          assert.deepEqual(findingsWith(c.good, code), []);
        });
      }
    });
  }
});
