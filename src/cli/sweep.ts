// `svg-copilot sweep <folder>`: the reliability harness. Every SVG under the
// folder goes through lint, explain at random positions, render and optimize,
// each isolated with a time limit and a memory cap, and the sweep reports
// crashes, limits hit and the slowest files. Exit 1 when anything crashed.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { JobFailure, JobResult } from '../core/render/types';
import { FORMAT_OPTION, CliError, EXIT_FAILURE, EXIT_OK, POOL_OPTIONS, describeFsError, poolFromArgs, printJson, readSvgFile, type CliCommand } from './io';
import { seededRandom } from '../util/random';

type Stage = 'read' | 'lint+explain' | 'render' | 'optimize';

interface Problem {
  file: string;
  stage: Stage;
  kind: JobFailure['kind'] | 'io';
  error: string;
}

interface Timing {
  file: string;
  stage: Stage;
  ms: number;
}

/** Every *.svg under dir, sorted; symbolic links are not followed (no cycles). */
export function findSvgFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && /\.svg$/i.test(e.name)) out.push(p);
    }
  }
  return out.sort();
}

/** Half the positions anywhere in the text, half inside path data / points values (where explain has most to do). */
export function pickOffsets(text: string, count: number, rand: () => number): number[] {
  const values: Array<[number, number]> = [];
  const re = /\s(?:d|points)\s*=\s*(["'])/g;
  for (let m = re.exec(text); m && values.length < 1000; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf(m[1], start);
    if (end > start) values.push([start, end]);
  }
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 1 && values.length) {
      const [s, e] = values[Math.floor(rand() * values.length)];
      offsets.push(s + Math.floor(rand() * (e - s + 1)));
    } else {
      offsets.push(Math.floor(rand() * (text.length + 1)));
    }
  }
  return offsets;
}

export const sweepCommand: CliCommand = {
  spec: {
    name: 'sweep',
    summary: 'Lint, explain at random positions, render and optimize every SVG under a folder, isolated; report crashes, limits hit and the slowest files.',
    positionals: '<folder>',
    minPositionals: 1,
    maxPositionals: 1,
    options: [
      { name: 'positions', type: 'number', valueName: 'N', description: 'random positions to explain per file (default 6)' },
      { name: 'seed', type: 'number', valueName: 'S', description: 'seed for the positions (default 1)' },
      { name: 'size', type: 'number', valueName: 'N', description: 'render size, longest side in pixels (default 200)' },
      { name: 'slowest', type: 'number', valueName: 'N', description: 'how many of the slowest jobs to list (default 10)' },
      { name: 'workers', type: 'number', valueName: 'N', description: 'isolated worker processes (default 1 on ≤ 2 cores, else 2)' },
      FORMAT_OPTION,
      ...POOL_OPTIONS,
    ],
    details: 'Exit status: 0 no crashes, 1 at least one crash, 2 usage error. Timeouts, memory-cap kills and refused files are reported, not failures.',
  },
  async run(args, io) {
    const folder = resolve(io.cwd, args.positionals[0]);
    try {
      if (!statSync(folder).isDirectory()) throw new CliError(`${args.positionals[0]} is not a folder`);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`cannot read ${args.positionals[0]}: ${describeFsError(e)}`);
    }
    const positions = intOption(args.options.positions, 'positions', 6, 0, 1000);
    const seed = intOption(args.options.seed, 'seed', 1, 0, 2 ** 32 - 1);
    const size = intOption(args.options.size, 'size', 200, 1, 8192);
    const slowestCount = intOption(args.options.slowest, 'slowest', 10, 0, 1000);
    const workers = args.options.workers === undefined ? undefined : intOption(args.options.workers, 'workers', 1, 1, 64);
    const files = findSvgFiles(folder);
    const json = args.options.format === 'json';
    const rand = seededRandom(seed);
    const pool = poolFromArgs(args, workers ? { size: workers } : {});
    const problems: Problem[] = [];
    const timings: Timing[] = [];
    const t0 = performance.now();
    let done = 0;
    const name = (f: string) => {
      const rel = relative(io.cwd, f);
      return rel && !rel.startsWith('..') ? rel : f;
    };

    const sweepFile = async (file: string): Promise<void> => {
      let text: string;
      try {
        text = readSvgFile(io, file).text;
      } catch (e) {
        problems.push({ file: name(file), stage: 'read', kind: 'io', error: e instanceof Error ? e.message : String(e) });
        return;
      }
      const offsets = pickOffsets(text, positions, rand);
      const jobs: Array<[Stage, Promise<JobResult>]> = [
        ['lint+explain', pool.analyze(text, { offsets })],
        ['render', pool.render(text, { size, background: 'white' })],
        ['optimize', pool.optimize(text)],
      ];
      for (const [stage, job] of jobs) {
        const r = await job;
        timings.push({ file: name(file), stage, ms: r.ms });
        if (!r.ok) problems.push({ file: name(file), stage, kind: r.kind, error: r.error });
      }
      done++;
      if (!json && io.isTTY && done % 100 === 0) io.stderr.write(`\r${done}/${files.length} files`);
    };

    try {
      // A few files in flight keep every worker busy; the pool queues the rest.
      let next = 0;
      const lanes = Array.from({ length: Math.min(4, files.length) }, async () => {
        while (next < files.length) await sweepFile(files[next++]);
      });
      await Promise.all(lanes);
    } finally {
      pool.dispose();
    }
    if (!json && io.isTTY && files.length >= 100) io.stderr.write('\r');

    const seconds = (performance.now() - t0) / 1000;
    const by = (kind: Problem['kind']) => problems.filter((p) => p.kind === kind);
    const crashes = by('crash');
    const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, slowestCount).map((t) => ({ ...t, ms: Math.round(t.ms * 10) / 10 }));
    const summary = {
      folder: name(folder),
      files: files.length,
      seconds: Math.round(seconds * 100) / 100,
      crashes,
      timeouts: by('timeout'),
      memory: by('memory'),
      invalid: by('invalid'),
      unreadable: by('io'),
      cancelled: by('cancelled'),
      slowest,
    };
    if (json) {
      printJson(io, summary);
    } else {
      const out: string[] = [
        `sweep ${summary.folder}: ${files.length} file${files.length === 1 ? '' : 's'} in ${summary.seconds} s — ` +
          `${crashes.length} crash${crashes.length === 1 ? '' : 'es'}, ${summary.timeouts.length} timeout${summary.timeouts.length === 1 ? '' : 's'}, ` +
          `${summary.memory.length} over the memory cap, ${summary.invalid.length} refused as invalid, ${summary.unreadable.length} unreadable`,
      ];
      const list = (title: string, items: Problem[]) => {
        if (!items.length) return;
        out.push('', `${title}:`);
        for (const p of items.slice(0, 50)) out.push(`  ${p.stage.padEnd(12)} ${p.file}: ${p.error}`);
        if (items.length > 50) out.push(`  … and ${items.length - 50} more (use --format json for all)`);
      };
      list('Crashes', crashes);
      list('Timeouts', summary.timeouts);
      list('Over the memory cap', summary.memory);
      list('Refused as invalid', summary.invalid);
      list('Unreadable', summary.unreadable);
      if (slowest.length) {
        out.push('', 'Slowest:');
        for (const t of slowest) out.push(`  ${String(t.ms).padStart(8)} ms  ${t.stage.padEnd(12)} ${t.file}`);
      }
      io.stdout.write(`${out.join('\n')}\n`);
    }
    return crashes.length ? EXIT_FAILURE : EXIT_OK;
  },
};

function intOption(v: unknown, name: string, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new CliError(`--${name} must be a whole number from ${min} to ${max}`);
  return v;
}
