// Peak memory of `svg-copilot lint` on huge files, each linted by the real CLI
// (dist/cli.js) in its own process, against the same CLI linting one small
// icon in the same run. The CLI lints in-process (only the editor moves big
// files to a worker), so this is what a user's machine pays for a hostile file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './types';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

interface Case {
  name: string;
  text: () => string;
  /** Most megabytes of peak resident memory allowed; undefined: reported only. */
  goalMb?: number;
}

const PATH_SEGMENT = 'L1.2345 6.789 ';

const CASES: Case[] = [
  { name: '4 MB path', text: () => `<svg ${NS} viewBox="0 0 10 10"><path d="M0 0 ${PATH_SEGMENT.repeat((4 << 20) / PATH_SEGMENT.length)}"/></svg>` },
  { name: '40 MB path', text: () => `<svg ${NS} viewBox="0 0 10 10"><path d="M0 0 ${PATH_SEGMENT.repeat((40 << 20) / PATH_SEGMENT.length)}"/></svg>`, goalMb: 400 },
  { name: '100k elements', text: () => `<svg ${NS} viewBox="0 0 1000 1000">${'<circle r="1"/>'.repeat(100_000)}</svg>` },
  { name: '1M elements', text: () => `<svg ${NS} viewBox="0 0 1000 1000">${'<circle r="1"/>'.repeat(1_000_000)}</svg>`, goalMb: 600 },
];

function cliPath(): string {
  for (const up of ['..', '../..']) {
    const file = join(__dirname, up, 'dist', 'cli.js');
    if (existsSync(file)) return file;
  }
  throw new Error('dist/cli.js is missing: run "node esbuild.mjs" first');
}

interface Measured {
  peakMb: number;
  wallMs: number;
}

/** Runs `svg-copilot lint FILE --format json` with a preload that reports the process's peak RSS as it exits. */
function lintPeak(cli: string, preload: string, file: string): Measured {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, cli, 'lint', file, '--format', 'json'], {
    stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 120_000,
  });
  const wallMs = performance.now() - t0;
  const m = /@@max-rss-kb=(\d+)/.exec(r.stderr ?? '');
  if (!m || r.status === null || r.status > 1) throw new Error(`lint of ${file} failed (status ${r.status}, signal ${r.signal}): ${(r.stderr ?? '').slice(0, 300)}`);
  return { peakMb: Number(m[1]) / 1024, wallMs };
}

export async function run(): Promise<BenchRow[]> {
  const cli = cliPath();
  const dir = mkdtempSync(join(tmpdir(), 'svg-copilot-hostile-bench-'));
  try {
    const preload = join(dir, 'report-peak.js');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('@@max-rss-kb=' + process.resourceUsage().maxRSS + '\\n'));\n");
    const small = join(dir, 'icon.svg');
    writeFileSync(small, `<svg ${NS} viewBox="0 0 24 24"><path d="M4 4h16v16H4z"/></svg>`);
    const anchor = lintPeak(cli, preload, small);
    const rows: BenchRow[] = [];
    for (const c of CASES) {
      const file = join(dir, `${c.name.replace(/\W+/g, '-')}.svg`);
      writeFileSync(file, c.text());
      const mb = statSync(file).size / 1048576;
      const m = lintPeak(cli, preload, file);
      rmSync(file);
      process.stderr.write(`hostile: ${c.name}: ${m.peakMb.toFixed(0)} MB peak, ${m.wallMs.toFixed(0)} ms\n`);
      rows.push({
        name: `CLI lint peak RSS, ${c.name} (${mb.toFixed(1)} MB file, ${(m.wallMs / 1000).toFixed(1)} s)`,
        value: Math.round(m.peakMb), unit: 'MB', anchor: 'same CLI linting one small icon', anchorValue: Math.round(anchor.peakMb),
        ratio: m.peakMb / anchor.peakMb,
        ...(c.goalMb === undefined ? {} : { goal: `≤ ${c.goalMb} MB`, pass: m.peakMb <= c.goalMb }),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
