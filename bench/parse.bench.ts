// Path-data parsing of the whole icon corpus against the `svgpath` package,
// and parsing a 1 MB SVG document against the `sax` streaming parser (what
// svgo builds on), both measured side by side in this run.
import sax from 'sax';
import svgpath from 'svgpath';
import { parsePathData } from '../src/core/svg/path';
import { parseSvg } from '../src/core/svg/parse';
import type { BenchRow } from './types';
import { cpuTime, sideBySide } from './timing';
import { generatedPath, loadIcons, pathData } from './svgCorpus';
import { seededRandom } from '../src/util/random';


/** A deterministic ~1 MB icon-sheet-like SVG: groups, paths, shapes, text with references, comments. */
export function generatedSvg(bytes: number): string {
  const r = seededRandom(7);
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 2400 2400">\n'];
  let size = parts[0].length;
  let i = 0;
  while (size < bytes) {
    const x = Math.floor(r() * 2400);
    const y = Math.floor(r() * 2400);
    const chunk =
      `  <!-- icon ${i} -->\n  <g id="icon-${i}" transform="translate(${x} ${y})" fill="none" stroke="currentColor" stroke-width="2">\n` +
      `    <path d="${generatedPath(120 + Math.floor(r() * 200), i + 1)}"/>\n` +
      `    <rect x="${x % 24}" y="${y % 24}" width="18" height="18" rx="2"/>\n    <circle cx="12" cy="12" r="${1 + (i % 9)}"/>\n` +
      `    <text x="2" y="20">Icon ${i} &amp; label &#x2192;</text>\n  </g>\n`;
    parts.push(chunk);
    size += chunk.length;
    i++;
  }
  parts.push('</svg>\n');
  return parts.join('');
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const data = pathData(loadIcons());
  const paths = sideBySide(
    () => { for (const d of data) parsePathData(d); },
    () => { for (const d of data) svgpath(d); },
    15,
  );
  rows.push({
    name: `path parse, ${data.length} d attributes of lucide-static`, value: paths.ours, unit: 'ms',
    anchor: 'svgpath parse', anchorValue: paths.anchor, ratio: paths.anchor / paths.ours, goal: 'ratio ≥ 1', pass: paths.anchor / paths.ours >= 1,
  });

  const svg = generatedSvg(1 << 20);
  const parseOurs = () => { parseSvg(svg); };
  const parseSax = () => {
    const p = sax.parser(true, { position: true });
    p.onopentag = () => undefined;
    p.write(svg).close();
  };
  const kib = Math.round(svg.length / 1024);
  const docCpu = sideBySide(parseOurs, parseSax, 21, cpuTime);
  rows.push({
    name: `parse a 1 MB SVG (${kib} KiB), process CPU time`, value: docCpu.ours, unit: 'ms',
    anchor: 'sax 1.x strict parse (events only, no tree)', anchorValue: docCpu.anchor, ratio: docCpu.anchor / docCpu.ours, goal: '≤ 50 ms', pass: docCpu.ours <= 50,
  });
  const docWall = sideBySide(parseOurs, parseSax, 15);
  rows.push({
    name: `parse a 1 MB SVG (${kib} KiB), wall time`, value: docWall.ours, unit: 'ms',
    anchor: 'sax 1.x strict parse (events only, no tree)', anchorValue: docWall.anchor, ratio: docWall.anchor / docWall.ours, goal: '≤ 50 ms on an idle machine',
  });

  const big = generatedPath(1 << 20);
  const bigPath = sideBySide(() => { parsePathData(big); }, () => { svgpath(big); }, 7);
  rows.push({
    name: 'path parse, a generated 1 MB path', value: bigPath.ours, unit: 'ms',
    anchor: 'svgpath parse', anchorValue: bigPath.anchor, ratio: bigPath.anchor / bigPath.ours,
  });
  return rows;
}
