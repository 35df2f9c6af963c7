// Argument parsing shared by every subcommand: node's util.parseArgs with
// typed numbers, allowed values, positional counts, and one-line messages.
import { parseArgs as nodeParseArgs } from 'node:util';

export interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'number' | 'boolean';
  /** Shown in help, e.g. "N" in "--size N". */
  valueName?: string;
  description: string;
  choices?: readonly string[];
  /** The option may be given several times (values collected in an array). */
  multiple?: boolean;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional part of the usage line, e.g. "<file>" or "<files or folders…>". */
  positionals: string;
  minPositionals: number;
  maxPositionals?: number;
  options: readonly OptionSpec[];
  /** Extra help text after the option list. */
  details?: string;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | number | boolean | string[] | undefined>;
  help: boolean;
}

export type ParseResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

export function parseCommandArgs(argv: string[], spec: CommandSpec): ParseResult {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const o of spec.options) config[o.name] = { type: o.type === 'boolean' ? 'boolean' : 'string', ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  let raw: { values: Record<string, unknown>; positionals: string[] };
  try {
    raw = nodeParseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
  } catch (e) {
    return { ok: false, error: cleanParseError(e) };
  }
  const help = raw.values.help === true;
  const options: ParsedArgs['options'] = {};
  for (const o of spec.options) {
    const v = raw.values[o.name];
    if (v === undefined) continue;
    if (o.type === 'number') {
      const n = Number(v);
      if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) return { ok: false, error: `--${o.name} needs a number (got "${String(v)}")` };
      options[o.name] = n;
    } else if (o.choices && typeof v === 'string' && !o.choices.includes(v)) {
      return { ok: false, error: `--${o.name} must be one of ${o.choices.join(', ')} (got "${v}")` };
    } else {
      options[o.name] = v as string | boolean | string[];
    }
  }
  if (!help) {
    if (raw.positionals.length < spec.minPositionals) return { ok: false, error: `${spec.name}: missing ${spec.positionals}` };
    if (spec.maxPositionals !== undefined && raw.positionals.length > spec.maxPositionals) {
      return { ok: false, error: `${spec.name}: unexpected argument "${raw.positionals[spec.maxPositionals]}"` };
    }
  }
  return { ok: true, args: { positionals: raw.positionals, options, help } };
}

function cleanParseError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const unknown = /Unknown option '([^']+)'/.exec(msg);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '([^']+)' argument missing/.exec(msg);
  if (missing) return `option ${missing[1].replace(/^-\w, /, '')} needs a value`;
  return msg.split('\n')[0].replace(/\. To specify.*$/, '');
}

export function commandHelp(program: string, spec: CommandSpec): string {
  const lines = [`Usage: ${program} ${spec.name} ${spec.positionals} [options]`.replace(/\s+\[options\]$/, spec.options.length ? ' [options]' : ''), '', spec.summary, ''];
  const rows: Array<[string, string]> = spec.options.map((o) => [
    `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'boolean' ? '' : ` ${o.valueName ?? 'VALUE'}`}`,
    o.description,
  ]);
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map((r) => r[0].length));
  lines.push('Options:', ...rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`));
  if (spec.details) lines.push('', spec.details);
  return `${lines.join('\n')}\n`;
}
