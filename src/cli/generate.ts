// `svg-copilot generate "PROMPT" --endpoint URL [...]` runs the introspective
// loop once; `--csv prompts.csv --out-dir DIR` runs it for every row of an
// IntroSVG batch file (id,desc), resumably, and ends with the paper's metrics
// over every row done so far: a summary line and DIR/summary.json.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runLoop, type LoopOptions, type LoopResult } from '../core/loop';
import type { ModelClient } from '../core/model/client';
import type { ParsedArgs } from './args';
import { parseIdDescCsv, safeId } from './batchCsv';
import { describeRemovals } from '../core/svg/sanitize';
import { ALLOW_ACTIVE_CONTENT_OPTION, ENDPOINT_OPTIONS, clientFromArgs, criticFromArgs, promptsFromArgs, withInterrupt } from './endpoint';
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
      { name: 'rounds', type: 'number', valueName: 'N', description: 'most generate/refine rounds, the draft included (default 3; 4 with the introsvg prompts)' },
      { name: 'threshold', type: 'number', valueName: 'X', description: 'stop once the critic scores a draft at or above X, 0–10 (default 8; 9.5 with the introsvg prompts)' },
      { name: 'candidates', type: 'number', valueName: 'N', description: 'drafts in the first round, best-of-N (default 1)' },
      { name: 'seed', type: 'number', valueName: 'S', description: 'seed for repeatable runs' },
      { name: 'json', type: 'boolean', description: 'print a JSON summary of every round instead of the SVG' },
      { name: 'csv', type: 'string', valueName: 'FILE', description: 'batch mode: a CSV with columns id,desc' },
      { name: 'out-dir', type: 'string', valueName: 'DIR', description: 'batch mode: where ID.svg, ID.json and summary.json go (rows already done are skipped)' },
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

type LoopSettings = Pick<LoopOptions, 'rounds' | 'threshold' | 'candidates' | 'seed' | 'critic' | 'prompts' | 'allowActiveContent'>;

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
  // Rounds and threshold stay undefined unless given, so the prompt profile's defaults apply.
  return { rounds: int('rounds', 1, 50), threshold, candidates: int('candidates', 1, 16), seed, critic: criticFromArgs(args), prompts: promptsFromArgs(args), allowActiveContent: Boolean(o['allow-active-content']) };
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
    if (r.file === 'summary') throw new CliError(`${csvFile}: row id "${r.id}" would be written over the batch's summary.json; rename it`);
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
        const report: RowReport = { ...summarize(result), metrics: rowMetrics(result) };
        writeAtomic(join(dir, `${row.file}.json`), `${JSON.stringify(report, null, 2)}\n`);
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
  const metrics = batchMetrics(rows.map((r) => readRowReport(join(dir, `${r.file}.json`))), rows.length, failures);
  const summaryFile = join(dir, 'summary.json');
  writeAtomic(summaryFile, `${JSON.stringify(metrics, null, 2)}\n`);
  if (args.options.json) printJson(io, { ...table, metrics });
  else io.stdout.write(`${formatTable(table)}${formatMetrics(metrics, join(outDir, 'summary.json'))}\n`);
  if (stopped) io.stderr.write(`svg-copilot: ${stopped}\n`);
  return failures || stopped ? EXIT_FAILURE : EXIT_OK;
}

/** Per-row facts for the batch metrics, kept in ID.json so a resumed batch still counts earlier rows. */
interface RowMetrics {
  /** A valid, visible SVG was the result (blank drawings never are). */
  valid: boolean;
  /** Completion tokens of the draft that became the result, as the server reported them (counted from the stream where it reported none). */
  tokens: number | null;
  tokensFrom: 'server' | 'stream' | null;
  /** Drafts refused because they drew nothing. */
  blankDrafts: number;
  prompts: string | null;
}

type RowReport = GenerateSummary & { metrics: RowMetrics };

function rowMetrics(result: LoopResult): RowMetrics {
  const best = result.best ? result.rounds.find((r) => r.round === result.best!.round)?.candidates[result.best.index] : undefined;
  return { valid: Boolean(result.svg), tokens: best ? best.tokens : null, tokensFrom: best?.tokensFrom ?? null, blankDrafts: result.blankDrafts, prompts: result.prompts ?? null };
}

/** A done row's report, or undefined when the row is not done (or its file is unreadable). */
function readRowReport(path: string): Partial<RowReport> | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Partial<RowReport>) : undefined;
  } catch {
    return undefined;
  }
}

/** The paper's metrics over every done row (this run's and earlier runs'): DIR/summary.json. */
export interface BatchMetrics {
  rows: number;
  /** Rows with a result (ID.json). */
  results: number;
  /** Rows whose requests failed in this run (not written; a later run retries them). */
  failed: number;
  /** Results that are valid, rendering and not blank, over results. */
  renderSuccessRate: number;
  /** Mean completion tokens of the draft that became each valid result. */
  averageTokens: number | null;
  /** How many of those counts the server reported, and how many were counted one per streamed chunk. */
  tokensCountedFrom: { server: number; stream: number };
  /** Drafts refused as blank, over every result. */
  blankDraftsRefused: number;
  meanScore: number | null;
  /** Prompt profiles the results were made with, and how many each. */
  prompts: Record<string, number>;
}

function batchMetrics(reports: (Partial<RowReport> | undefined)[], rows: number, failed: number): BatchMetrics {
  const done = reports.filter((r): r is Partial<RowReport> => r !== undefined);
  // Reports written before metrics existed: valid when a best round was recorded.
  const facts = done.map((r): RowMetrics => r.metrics ?? { valid: Boolean(r.best), tokens: null, tokensFrom: null, blankDrafts: 0, prompts: null });
  const valid = facts.filter((f) => f.valid);
  const tokens = valid.map((f) => f.tokens).filter((t): t is number => typeof t === 'number');
  const scores = done.map((r) => r.best?.score).filter((x): x is number => typeof x === 'number');
  const prompts: Record<string, number> = {};
  for (const f of facts) prompts[f.prompts ?? 'unknown'] = (prompts[f.prompts ?? 'unknown'] ?? 0) + 1;
  return {
    rows,
    results: done.length,
    failed,
    renderSuccessRate: done.length ? valid.length / done.length : 0,
    averageTokens: tokens.length ? tokens.reduce((a, b) => a + b, 0) / tokens.length : null,
    tokensCountedFrom: {
      server: valid.filter((f) => typeof f.tokens === 'number' && f.tokensFrom === 'server').length,
      stream: valid.filter((f) => typeof f.tokens === 'number' && f.tokensFrom === 'stream').length,
    },
    blankDraftsRefused: facts.reduce((s, f) => s + (f.blankDrafts || 0), 0),
    meanScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    prompts,
  };
}

function formatMetrics(m: BatchMetrics, file: string): string {
  const valid = Math.round(m.renderSuccessRate * m.results);
  const tokens = m.averageTokens === null ? 'no' : m.averageTokens.toFixed(1);
  return `render success ${(m.renderSuccessRate * 100).toFixed(1)}% (${valid}/${m.results}), ${tokens} tokens per result on average, ${m.blankDraftsRefused} blank draft${m.blankDraftsRefused === 1 ? '' : 's'} refused; written to ${file}`;
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
