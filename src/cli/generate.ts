// `svg-copilot generate "PROMPT" --endpoint URL [...]` runs the introspective
// loop once; `--csv prompts.csv --out-dir DIR` runs it for every row of an
// IntroSVG batch file (id,desc), resumably.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runLoop, type LoopOptions, type LoopResult } from '../core/loop';
import type { ModelClient } from '../core/model/client';
import type { ParsedArgs } from './args';
import { parseIdDescCsv, safeId } from './batchCsv';
import { describeRemovals } from '../core/svg/sanitize';
import { ALLOW_ACTIVE_CONTENT_OPTION, ENDPOINT_OPTIONS, clientFromArgs, criticFromArgs, withInterrupt } from './endpoint';
import { CliError, EXIT_FAILURE, EXIT_OK, POOL_OPTIONS, describeFsError, poolFromArgs, printJson, writeOutputFile, type CliCommand, type CliIo } from './io';

/** The --json summary (and each batch row's ID.json). */
export interface GenerateSummary {
  prompt: string;
  best: { round: number; score: number | null } | null;
  rounds: { round: number; candidates: { score: number | null; critique: string; suggestions: string; valid: boolean; tokens: number; ms: number }[] }[];
  ms: number;
}

export function summarize(result: LoopResult): GenerateSummary {
  return {
    prompt: result.prompt,
    best: result.best ? { round: result.best.round, score: result.best.score } : null,
    rounds: result.rounds.map((r) => ({
      round: r.round,
      candidates: r.candidates.map((c) => ({ score: c.score, critique: c.critique, suggestions: c.suggestions, valid: c.valid, tokens: c.tokens, ms: Math.round(c.ms) })),
    })),
    ms: Math.round(result.ms),
  };
}

export const generateCommand: CliCommand = {
  spec: {
    name: 'generate',
    summary: 'Generate an SVG from a description with the generate → render → critique → refine loop.',
    positionals: '"PROMPT"',
    minPositionals: 0,
    maxPositionals: 1,
    options: [
      ...ENDPOINT_OPTIONS,
      { name: 'output', short: 'o', type: 'string', valueName: 'FILE', description: 'write the best SVG here (default: stdout)' },
      { name: 'rounds', type: 'number', valueName: 'N', description: 'most generate/refine rounds (default 3)' },
      { name: 'threshold', type: 'number', valueName: 'X', description: 'stop once the critic scores a draft at or above X, 0–10 (default 8)' },
      { name: 'candidates', type: 'number', valueName: 'N', description: 'drafts in the first round, best-of-N (default 1)' },
      { name: 'seed', type: 'number', valueName: 'S', description: 'seed for repeatable runs' },
      { name: 'json', type: 'boolean', description: 'print a JSON summary of every round instead of the SVG' },
      { name: 'csv', type: 'string', valueName: 'FILE', description: 'batch mode: a CSV with columns id,desc' },
      { name: 'out-dir', type: 'string', valueName: 'DIR', description: 'batch mode: where ID.svg and ID.json go (rows already done are skipped)' },
      ALLOW_ACTIVE_CONTENT_OPTION,
      ...POOL_OPTIONS,
    ],
    details: 'The API key may also come from SVG_COPILOT_API_KEY. Exit status: 0 when an SVG was produced, 1 when none was, 2 on usage errors.',
  },
  async run(args, io) {
    const loopSettings = loopSettingsFromArgs(args);
    const csv = args.options.csv as string | undefined;
    const prompt = args.positionals[0];
    if (csv) {
      if (prompt !== undefined) throw new CliError('generate: give either "PROMPT" or --csv FILE, not both');
      const outDir = args.options['out-dir'] as string | undefined;
      if (!outDir) throw new CliError('generate --csv needs --out-dir DIR');
      return runBatch(args, io, csv, outDir, loopSettings);
    }
    if (prompt === undefined || !prompt.trim()) throw new CliError('generate: missing "PROMPT" (or use --csv FILE --out-dir DIR)');
    const client = clientFromArgs(args, io);
    const pool = poolFromArgs(args);
    try {
      const result = await withInterrupt(io, (signal) => runLoop({ ...loopSettings, prompt, client, renderer: pool }, undefined, signal));
      const output = args.options.output as string | undefined;
      if (result.svg && output) writeOutputFile(io, output, ensureNewline(result.svg));
      if (args.options.json) printJson(io, summarize(result));
      else if (result.svg && !output) io.stdout.write(ensureNewline(result.svg));
      if (result.removed?.length) io.stderr.write(`svg-copilot: ${describeRemovals(result.removed, Infinity)}\n`);
      if (result.message) io.stderr.write(`svg-copilot: ${result.message}\n`);
      return result.svg ? EXIT_OK : EXIT_FAILURE;
    } finally {
      pool.dispose();
    }
  },
};

type LoopSettings = Pick<LoopOptions, 'rounds' | 'threshold' | 'candidates' | 'seed' | 'critic' | 'allowActiveContent'>;

function loopSettingsFromArgs(args: ParsedArgs): LoopSettings {
  const o = args.options;
  const int = (name: string, lo: number, hi: number) => {
    const v = o[name] as number | undefined;
    if (v !== undefined && !(Number.isInteger(v) && v >= lo && v <= hi)) throw new CliError(`--${name} must be a whole number from ${lo} to ${hi}`);
    return v;
  };
  const threshold = o.threshold as number | undefined;
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 10)) throw new CliError('--threshold must be between 0 and 10');
  const seed = o.seed as number | undefined;
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new CliError('--seed must be a whole number');
  return { rounds: int('rounds', 1, 50), threshold, candidates: int('candidates', 1, 16), seed, critic: criticFromArgs(args), allowActiveContent: Boolean(o['allow-active-content']) };
}

function ensureNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

interface RowOutcome {
  id: string;
  valid: boolean;
  score: number | null;
  rounds: number;
  ms: number;
}

async function runBatch(args: ParsedArgs, io: CliIo, csvFile: string, outDir: string, settings: LoopSettings): Promise<number> {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, csvFile), 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${csvFile}: ${describeFsError(e)}`);
  }
  const parsed = parseIdDescCsv(text);
  if (!parsed.ok) throw new CliError(`${csvFile}: ${parsed.error}`);
  const dir = resolve(io.cwd, outDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot create ${outDir}: ${describeFsError(e)}`);
  }
  const rows = parsed.rows.map((r) => ({ ...r, file: safeId(r.id) }));
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.file) throw new CliError(`${csvFile}: row id "${r.id}" cannot be used as a file name`);
    if (seen.has(r.file)) throw new CliError(`${csvFile}: duplicate id "${r.id}"`);
    seen.add(r.file);
  }
  const todo = rows.filter((r) => !existsSync(join(dir, `${r.file}.json`)));
  const client = clientFromArgs(args, io);
  const pool = poolFromArgs(args);
  const progress = new ProgressBar(io, rows.length, rows.length - todo.length);
  const outcomes: RowOutcome[] = [];
  const started = performance.now();
  let failures = 0;
  let consecutiveErrors = 0;
  let stopped: string | undefined;
  try {
    await withInterrupt(io, async (signal) => {
      for (const row of todo) {
        if (signal.aborted) break;
        progress.update(`${row.id}`);
        const result = await runLoop({ ...settings, prompt: row.desc, client: client as ModelClient, renderer: pool }, undefined, signal);
        if (result.stopReason === 'cancelled') break;
        if (result.stopReason === 'error' && !result.svg) {
          // Not written, so a later run retries this row.
          failures++;
          consecutiveErrors++;
          progress.note(`${row.id}: ${result.message ?? 'failed'}`);
          if (consecutiveErrors >= 3) {
            stopped = `stopped after 3 rows in a row failed: ${result.message ?? ''}`;
            break;
          }
          continue;
        }
        consecutiveErrors = 0;
        if (result.removed?.length) progress.note(`${row.id}: ${describeRemovals(result.removed, Infinity)}`);
        if (result.svg) writeAtomic(join(dir, `${row.file}.svg`), ensureNewline(result.svg));
        writeAtomic(join(dir, `${row.file}.json`), `${JSON.stringify(summarize(result), null, 2)}\n`);
        outcomes.push({ id: row.id, valid: Boolean(result.svg), score: result.best?.score ?? null, rounds: result.rounds.length, ms: result.ms });
        progress.advance();
      }
    });
  } finally {
    progress.done();
    pool.dispose();
  }
  const scored = outcomes.filter((o) => o.score !== null);
  const table = {
    rows: rows.length,
    skipped: rows.length - todo.length,
    count: outcomes.length,
    failed: failures,
    validRate: outcomes.length ? outcomes.filter((o) => o.valid).length / outcomes.length : 0,
    meanScore: scored.length ? scored.reduce((s, o) => s + (o.score ?? 0), 0) / scored.length : null,
    meanRounds: outcomes.length ? outcomes.reduce((s, o) => s + o.rounds, 0) / outcomes.length : 0,
    ms: Math.round(performance.now() - started),
  };
  if (args.options.json) printJson(io, table);
  else io.stdout.write(formatTable(table));
  if (stopped) io.stderr.write(`svg-copilot: ${stopped}\n`);
  return failures || stopped ? EXIT_FAILURE : EXIT_OK;
}

function formatTable(t: { rows: number; skipped: number; count: number; failed: number; validRate: number; meanScore: number | null; meanRounds: number; ms: number }): string {
  const rows: [string, string][] = [
    ['rows in file', String(t.rows)],
    ['skipped (already done)', String(t.skipped)],
    ['generated', String(t.count)],
    ['failed (retry later)', String(t.failed)],
    ['valid rate', `${(t.validRate * 100).toFixed(1)}%`],
    ['mean score', t.meanScore === null ? '–' : t.meanScore.toFixed(2)],
    ['mean rounds', t.meanRounds.toFixed(2)],
    ['time', `${(t.ms / 1000).toFixed(1)} s`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return `${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`;
}

/** Whole file or nothing: a row's JSON marks it done, so it must never be half-written. */
function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    throw new CliError(`cannot write ${path}: ${describeFsError(e)}`, EXIT_FAILURE);
  }
}

/** A one-line progress bar on stderr, only when stderr is a terminal. */
class ProgressBar {
  private readonly tty: boolean;
  private label = '';

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    private doneCount: number,
  ) {
    this.tty = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  }

  update(label: string): void {
    this.label = label;
    this.draw();
  }

  advance(): void {
    this.doneCount++;
    this.draw();
  }

  note(message: string): void {
    if (this.tty) this.io.stderr.write('\r\x1b[2K');
    this.io.stderr.write(`${message}\n`);
    this.draw();
  }

  done(): void {
    if (this.tty) this.io.stderr.write('\r\x1b[2K');
  }

  private draw(): void {
    if (!this.tty) return;
    const width = 24;
    const filled = this.total ? Math.round((this.doneCount / this.total) * width) : width;
    this.io.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.doneCount}/${this.total} ${this.label.slice(0, 40)}`);
  }
}
