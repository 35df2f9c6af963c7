// `npm run bench`: runs every benchmark (bench/NAME.bench.ts, built to
// out/bench/NAME.bench.js, each exporting `run(): Promise<BenchRow[]>`, see
// bench/types.ts), each in a fresh Node process so one benchmark's loaded
// modules and warm caches never flatter another's, then prints one table of
// values against the anchors each benchmark measured in the same run.
//
//   node bench/run.mjs [NAME...] [--strict]
//
// NAME filters by file name (e.g. `render`). Results are also written to
// bench/results/latest.json. Exit status: 1 when a benchmark throws or, with
// --strict, when a row misses its goal; otherwise 0.
// BENCH_TIMEOUT (seconds, default 600) bounds each benchmark process.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const outDir = join(root, 'out', 'bench');
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const filters = args.filter((a) => !a.startsWith('--'));
const timeoutMs = Number(process.env.BENCH_TIMEOUT || 600) * 1000;
const MARKER = '@@bench-rows@@';

if (!existsSync(outDir)) {
  console.error('out/bench is missing: run "node esbuild.mjs" first (npm run bench does)');
  process.exit(1);
}
const files = readdirSync(outDir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => !filters.length || filters.some((n) => f.includes(n)))
  .sort();
if (!files.length) {
  console.error(`no benchmarks${filters.length ? ` matching ${filters.join(', ')}` : ''} in out/bench`);
  process.exit(1);
}

// The child loads one benchmark, awaits run() and prints its rows after a marker line.
const childScript = `
const file = process.argv[1];
Promise.resolve()
  .then(() => require(file).run())
  .then((rows) => { process.stdout.write('\\n${MARKER}' + JSON.stringify(rows) + '\\n'); process.exit(0); },
        (e) => { console.error(e && e.stack || e); process.exit(1); });
`;

function runOne(file) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['-e', childScript, join(outDir, file)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      // Progress lines from the benchmark go to stderr so the table stays the only stdout.
      const text = d.toString();
      if (!text.includes(MARKER)) process.stderr.write(text);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      const line = out.split('\n').find((l) => l.startsWith(MARKER));
      if (code !== 0 || !line) {
        done({ file, seconds, error: signal === 'SIGKILL' ? `timed out after ${timeoutMs / 1000} s` : `exit ${code}` });
        return;
      }
      try {
        done({ file, seconds, rows: JSON.parse(line.slice(MARKER.length)) });
      } catch (e) {
        done({ file, seconds, error: `unreadable rows: ${e.message}` });
      }
    });
  });
}

const fmt = (v) => {
  if (v === undefined || v === null || Number.isNaN(v)) return '';
  if (typeof v !== 'number') return String(v);
  const a = Math.abs(v);
  if (Number.isInteger(v)) return String(v);
  return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 0.1 ? v.toFixed(2) : v.toPrecision(2);
};

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const results = [];
for (const file of files) {
  console.error(`── ${file}`);
  results.push(await runOne(file));
}

const cells = [];
for (const r of results) {
  const bench = r.file.replace(/\.bench\.js$/, '');
  if (r.error) {
    cells.push([`${bench}: FAILED (${r.error})`, '', '', '', '', '', '']);
    continue;
  }
  for (const row of r.rows) {
    const ratio = row.ratio ?? (row.anchorValue ? row.value / row.anchorValue : undefined);
    cells.push([
      `${bench}: ${row.name}`,
      `${fmt(row.value)} ${row.unit}`,
      row.anchorValue !== undefined ? `${fmt(row.anchorValue)} ${row.unit}` : '',
      ratio !== undefined ? `${fmt(ratio)}×` : '',
      row.goal ?? '',
      row.anchor ?? '',
      row.pass === undefined ? '' : row.pass ? 'yes' : 'NO',
    ]);
  }
}
// Column order: what, value, anchor value, ratio, goal, anchor name, goal met.
const headers = ['benchmark', 'value', 'anchor', 'ratio', 'goal', 'anchor is', 'met'];
console.log(table(headers, cells));

const failed = results.filter((r) => r.error);
const rows = results.flatMap((r) => r.rows ?? []);
const missed = rows.filter((r) => r.pass === false);
console.log(`\n${results.length} benchmarks, ${rows.length} rows in ${results.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s; goals met ${rows.filter((r) => r.pass).length}, missed ${missed.length}${failed.length ? `; FAILED: ${failed.map((f) => f.file).join(', ')}` : ''}`);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
process.exit(failed.length || (strict && missed.length) ? 1 : 0);
