// Inline SVG: reading every <svg> block out of a large HTML page and a large
// JSX module, against parsing the same blocks with the project's parser
// (the work lint and hover do on them anyway), measured side by side. And the
// cost of Optimize SVG's picture check: svgo alone against svgo plus two
// renders and a pixel count, in the same isolated pool.
import { findInlineSvgBlocks } from '../src/core/inline';
import { optimizeChecked } from '../src/core/optimizeChecked';
import { WorkerPool } from '../src/core/render/pool';
import { parseSvg } from '../src/core/svg/parse';
import type { BenchRow } from './types';
import { sideBySide } from './timing';
import { loadIcons, median } from './svgCorpus';


/** Icons inlined in an HTML page (markup between them) up to about `bytes`. */
function htmlPage(icons: string[], bytes: number): { text: string; blocks: string[] } {
  const parts = ['<!doctype html>\n<html><body>\n'];
  const blocks: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const svg = icons[i % icons.length].replace(/<svg[^>]*xmlns="[^"]*"/, '<svg');
    parts.push(`<section class="card"><h2>Icon ${i}</h2><p>Some text about it, with <a href="#x">a link</a>.</p>\n${svg}\n</section>\n`);
    blocks.push(svg);
    size += svg.length + 100;
  }
  parts.push('</body></html>\n');
  return { text: parts.join(''), blocks };
}

/** The same icons as JSX components (camelCase names, a className, a prop). */
function jsxModule(icons: string[], bytes: number): string {
  const parts = ['import React from "react";\n'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const svg = icons[i % icons.length]
      .replace(/<svg[^>]*xmlns="[^"]*"/, '<svg className="icon" {...props}')
      .replace(/stroke-width/g, 'strokeWidth').replace(/stroke-linecap/g, 'strokeLinecap').replace(/stroke-linejoin/g, 'strokeLinejoin');
    parts.push(`export const Icon${i} = (props) => (\n  ${svg}\n);\n`);
    size += svg.length + 60;
  }
  return parts.join('');
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const icons = loadIcons().map((i) => i.text);
  const page = htmlPage(icons, 1 << 20);
  const html = sideBySide(() => { findInlineSvgBlocks(page.text, 'html'); }, () => { for (const b of page.blocks) parseSvg(b); }, 15);
  const count = findInlineSvgBlocks(page.text, 'html').length;
  rows.push({
    name: `find and read ${count} inline <svg> blocks in a 1 MB HTML page`, value: html.ours, unit: 'ms',
    anchor: 'parseSvg of the same blocks', anchorValue: html.anchor, ratio: html.anchor / html.ours, goal: '≤ 100 ms (once per document version, on first request)', pass: html.ours <= 100,
  });
  const jsx = jsxModule(icons, 1 << 20);
  const jsxBlocks = findInlineSvgBlocks(jsx, 'javascriptreact');
  const jsxTimes = sideBySide(() => { findInlineSvgBlocks(jsx, 'javascriptreact'); }, () => { for (const b of jsxBlocks) parseSvg(b.text); }, 15);
  rows.push({
    name: `find and read ${jsxBlocks.length} JSX <svg> blocks in a 1 MB module`, value: jsxTimes.ours, unit: 'ms',
    anchor: 'parseSvg of the read blocks', anchorValue: jsxTimes.anchor, ratio: jsxTimes.anchor / jsxTimes.ours, goal: '≤ 100 ms', pass: jsxTimes.ours <= 100,
  });

  const pool = new WorkerPool({ size: 1 });
  try {
    const sample = icons.slice(0, 200);
    for (const svg of sample.slice(0, 10)) { await pool.optimize(svg); await optimizeChecked(pool, svg); }
    const plain: number[] = [];
    const checked: number[] = [];
    for (const svg of sample) {
      let t0 = performance.now();
      await pool.optimize(svg);
      plain.push(performance.now() - t0);
      t0 = performance.now();
      await optimizeChecked(pool, svg);
      checked.push(performance.now() - t0);
    }
    const p = median(plain);
    const c = median(checked);
    rows.push({
      name: `Optimize SVG with the pixel check (256 px), median of ${sample.length} lucide icons`, value: c, unit: 'ms',
      anchor: 'svgo alone in the same pool', anchorValue: p, ratio: p / c, goal: '≤ 50 ms per icon', pass: c <= 50,
    });
  } finally {
    pool.dispose();
  }
  return rows;
}
