// Like-for-like lint: our linter against svglint (the maintained SVG linter on
// npm) on the same icons, each running only the checks the two have in common:
//
//   ours                         svglint
//   malformed-xml                valid
//   not-svg-root                 elm {svg: true}
//   missing-viewbox              attr {rule::selector: svg, viewBox: true}
//   script-element, foreign-object, editor-metadata (elements)
//                                elm {script: false, foreignObject: false, metadata: false, sodipodi:namedview: false}
//   event-handler                attr {rule::selector: *, on…: false} for the handler names seen in practice
//   duplicate-id                 custom: one pass over [id]
//
// The corpus is 1,000 lucide icons, one in ten made to break one of those
// checks, so both linters have findings to report; the bench checks that both
// flag the same icons before it compares times (unlike work would make the
// ratio meaningless). svglint is asynchronous and parses with cheerio; both
// sides run one icon at a time, svglint with its config normalized once, as
// its own CLI does. Timings interleave so machine noise hits both alike.
import svglint, { normalizeConfig, type Linting } from 'svglint';
import { lintSvg } from '../src/core/lint/index';
import { RULES } from '../src/core/lint/registry';
import type { BenchRow } from './types';
import { loadIcons, median } from './svgCorpus';

const SHARED_CODES = ['malformed-xml', 'not-svg-root', 'missing-viewbox', 'script-element', 'foreign-object', 'editor-metadata', 'event-handler', 'duplicate-id'];
const HANDLERS = ['onload', 'onclick', 'onerror', 'onmouseover', 'onmouseout', 'onfocus', 'onbegin', 'onend', 'onactivate'];

/** Our options: every rule off except the shared checks. */
function ourOptions(): { rules: Record<string, 'off'> } {
  const rules: Record<string, 'off'> = {};
  for (const rule of RULES) for (const c of rule.codes) if (!SHARED_CODES.includes(c.code)) rules[c.code] = 'off';
  return { rules };
}

interface Reporter { add(message: string, node: unknown): void }
/** The part of the cheerio selection svglint hands a custom rule that the rule uses. */
interface CheerioRoot { find(selector: string): { each(fn: (i: number, el: { attribs?: Record<string, string> }) => void): void } }

const svglintConfig = {
  rules: {
    valid: true,
    elm: { svg: true, script: false, foreignObject: false, metadata: false, 'sodipodi\\:namedview': false },
    attr: [
      { 'rule::selector': 'svg', viewBox: true },
      { 'rule::selector': '*', ...Object.fromEntries(HANDLERS.map((h) => [h, false])) },
    ],
    custom: [
      (reporter: Reporter, $: CheerioRoot, ast: unknown) => {
        const seen = new Set<string>();
        $.find('[id]').each((_i, el) => {
          const id = el.attribs?.id ?? '';
          if (seen.has(id)) reporter.add(`duplicate id "${id}"`, ast);
          seen.add(id);
        });
      },
    ],
  },
};

/** Breaks one shared check in every tenth icon, cycling through them. */
function corpus(): string[] {
  const breakers: ((s: string) => string)[] = [
    (s) => s.replace('<svg', '<svg onload="alert(1)"'),
    (s) => s.replace(/\sviewBox="[^"]*"/, ''),
    (s) => s.replace('</svg>', '<script>alert(1)</script></svg>'),
    (s) => s.replace('</svg>', '<metadata>x</metadata></svg>'),
    (s) => s.replace('</svg>', '<path id="a" d="M0 0h1"/><path id="a" d="M1 1h1"/></svg>'),
    (s) => s.replace('</svg>', '<foreignObject width="1" height="1"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>'),
    (s) => s.replace('</svg>', '<g></svg>'),
  ];
  return loadIcons().slice(0, 1000).map((icon, i) => (i % 10 === 5 ? breakers[(i / 10 | 0) % breakers.length](icon.text) : icon.text));
}

async function svglintFlags(linting: Linting): Promise<boolean> {
  await new Promise<void>((done) => { linting.on('done', done); linting.lint(); });
  return linting.state !== 'success';
}

export async function run(): Promise<BenchRow[]> {
  const svgs = corpus();
  const options = ourOptions();
  const normalized = await normalizeConfig(svglintConfig);

  const oursFlags = (): boolean[] => svgs.map((s) => lintSvg(s, options).some((f) => SHARED_CODES.includes(f.code)));
  const theirsFlags = async (): Promise<boolean[]> => {
    const out: boolean[] = [];
    for (const s of svgs) {
      try {
        out.push(await svglintFlags(await svglint.lintSourceWithNormalizedConfig(s, normalized)));
      } catch {
        out.push(true); // svglint throws on a document it cannot parse: that is a finding too
      }
    }
    return out;
  };

  // Agreement first: the same icons flagged by both, or the times compare unlike work.
  const a = oursFlags();
  const b = await theirsFlags();
  const agree = a.filter((x, i) => x === b[i]).length;
  const flagged = a.filter(Boolean).length;

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    oursFlags();
    const t1 = performance.now();
    await theirsFlags();
    const t2 = performance.now();
    ours.push(t1 - t0);
    theirs.push(t2 - t1);
  }
  const value = median(ours);
  const anchor = median(theirs);
  return [
    {
      name: `lint of ${svgs.length} icons, the ${SHARED_CODES.length} shared checks`, value, unit: 'ms',
      anchor: 'svglint 4, same checks, same icons', anchorValue: anchor, ratio: anchor / value,
      goal: 'lint ≥ 3× faster', pass: anchor / value >= 3,
    },
    {
      name: `icons flagged alike by both (${flagged} flagged by ours)`, value: agree, unit: 'icons',
      anchor: 'icons in the corpus', anchorValue: svgs.length, ratio: agree / svgs.length,
      goal: 'all', pass: agree === svgs.length,
    },
  ];
}
