// `svg-copilot lint <files or folders…> [--format json]`
// Exit 0: no error findings; 1: some error finding; 2: usage or I/O error (the rest is still linted).
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintSvg, RULE_CODES, type Finding, type Severity } from '../core/lint';
import { LineIndex } from '../core/svg/lineIndex';
import type { Position } from '../core/svg/types';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, FORMAT_OPTION, describeFsError, printJson, readSvgFile, type CliCommand, type CliIo } from './io';

interface JsonRange {
  start: Position;
  end: Position;
}

export interface JsonFinding {
  code: string;
  severity: Severity;
  message: string;
  range: JsonRange;
  fix?: { title: string; edits: Array<{ range: JsonRange; newText: string }> };
}

export interface JsonFileResult {
  file: string;
  findings: JsonFinding[];
}

/** The files to lint: files as given, folders searched recursively for *.svg (symbolic links not followed). */
function collectFiles(io: CliIo, inputs: string[], onError: (message: string) => void): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const abs = resolve(io.cwd, input);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      onError(`cannot read ${input}: ${describeFsError(e)}`);
      continue;
    }
    if (!isDir) { files.push(input); continue; }
    const found: string[] = [];
    const stack = [''];
    while (stack.length) {
      const rel = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(join(abs, rel), { withFileTypes: true });
      } catch (e) {
        onError(`cannot read folder ${join(input, rel)}: ${describeFsError(e)}`);
        continue;
      }
      for (const e of entries) {
        const p = rel ? join(rel, e.name) : e.name;
        if (e.isDirectory()) stack.push(p);
        else if (e.isFile() && e.name.toLowerCase().endsWith('.svg')) found.push(join(input, p));
      }
    }
    files.push(...found.sort());
  }
  return files;
}

function toJson(findings: Finding[], lines: LineIndex): JsonFinding[] {
  const range = (r: { start: number; end: number }): JsonRange => ({ start: lines.positionAt(r.start), end: lines.positionAt(r.end) });
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: range(f.range),
    ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map((e) => ({ range: range(e.range), newText: e.newText })) } } : {}),
  }));
}

function lintOne(io: CliIo, file: string): JsonFileResult {
  const svg = readSvgFile(io, file);
  const findings = lintSvg(svg.text);
  if (!svg.validUtf8) {
    // Decoding replaced the broken bytes with U+FFFD; point at the first one.
    const at = Math.max(0, svg.text.indexOf('\uFFFD'));
    findings.unshift({ code: 'malformed-xml', severity: 'error', message: 'The file is not valid UTF-8.', range: { start: at, end: Math.min(svg.text.length, at + 1) } });
  }
  return { file, findings: toJson(findings, new LineIndex(svg.text)) };
}

function formatText(results: JsonFileResult[]): string {
  const out: string[] = [];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      totals[f.severity]++;
      // Human output uses 1-based line:column like compilers; JSON stays 0-based like editors.
      out.push(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code}: ${f.message}${f.fix ? ' (fixable)' : ''}`);
    }
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.push(`${plural(results.length, 'file')}: ${plural(totals.error, 'error')}, ${plural(totals.warning, 'warning')}, ${totals.info} info, ${plural(totals.hint, 'hint')}`);
  return `${out.join('\n')}\n`;
}

export const lintCommand: CliCommand = {
  spec: {
    name: 'lint',
    summary: 'Check SVG files (folders are searched recursively for .svg) for invalid markup, broken references, unsafe content and more.',
    positionals: '<files or folders…>',
    minPositionals: 1,
    options: [FORMAT_OPTION],
    details: [
      'With --format json, prints [{file, findings: [{code, severity, message, range: {start: {line, character}, end: {line, character}}, fix?}]}]',
      '(0-based lines and UTF-16 characters, as editors count). Exit status: 0 no error findings, 1 error findings, 2 usage or I/O error.',
      '',
      'Codes:',
      ...RULE_CODES.map((c) => `  ${c.code.padEnd(20)} ${c.severity.padEnd(7)} ${c.description}`),
    ].join('\n'),
  },
  async run(args, io) {
    let ioError = false;
    const report = (message: string) => { ioError = true; io.stderr.write(`svg-copilot: ${message}\n`); };
    const files = collectFiles(io, args.positionals, report);
    const results: JsonFileResult[] = [];
    for (const file of files) {
      try {
        results.push(lintOne(io, file));
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        report(e.message);
      }
    }
    if (args.options.format === 'json') printJson(io, results);
    else io.stdout.write(formatText(results));
    if (ioError) return EXIT_USAGE;
    return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT_FAILURE : EXIT_OK;
  },
};
