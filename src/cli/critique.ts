// `svg-copilot critique FILE.svg --endpoint URL [--prompt "…"] [--fix -o fixed.svg] [--json]`
// The critic's score, critique and suggestions for one SVG; with --fix, one
// refinement from that critique, checked by parse and render.
import { critiqueOnce, describeSvg, refineOnce, type CritiqueOnceResult, type RefineOnceResult } from '../core/loop';
import { describeRemovals } from '../core/svg/sanitize';
import { ALLOW_ACTIVE_CONTENT_OPTION, ENDPOINT_OPTIONS, clientFromArgs, criticFromArgs, promptsFromArgs, withInterrupt } from './endpoint';
import { CliError, EXIT_FAILURE, EXIT_OK, POOL_OPTIONS, poolFromArgs, printJson, readSvgFile, writeOutputFile, type CliCommand } from './io';

export const critiqueCommand: CliCommand = {
  spec: {
    name: 'critique',
    summary: 'Ask the model critic for a score (0–10), a critique and suggestions; --fix applies them.',
    positionals: '<file.svg>',
    minPositionals: 1,
    maxPositionals: 1,
    options: [
      ...ENDPOINT_OPTIONS,
      { name: 'prompt', type: 'string', valueName: 'TEXT', description: 'what the SVG should show (default: its <title>/<desc>)' },
      { name: 'fix', type: 'boolean', description: 'also ask the model for an improved SVG' },
      { name: 'output', short: 'o', type: 'string', valueName: 'FILE', description: 'with --fix: write the improved SVG here (default: stdout)' },
      { name: 'seed', type: 'number', valueName: 'S', description: 'seed for repeatable runs' },
      { name: 'json', type: 'boolean', description: 'print the result as JSON' },
      ALLOW_ACTIVE_CONTENT_OPTION,
      ...POOL_OPTIONS,
    ],
    details: 'The API key may also come from SVG_COPILOT_API_KEY. Exit status: 0 on a critique (and fix, when asked), 1 when the model could not give one, 2 on usage errors.',
  },
  async run(args, io) {
    const [file] = args.positionals;
    const fix = Boolean(args.options.fix);
    const output = args.options.output as string | undefined;
    if (output && !fix) throw new CliError('critique: -o is only used with --fix');
    const seed = args.options.seed as number | undefined;
    if (seed !== undefined && !Number.isSafeInteger(seed)) throw new CliError('--seed must be a whole number');
    const source = readSvgFile(io, file);
    const client = clientFromArgs(args, io);
    const pool = poolFromArgs(args);
    const prompt = (args.options.prompt as string | undefined)?.trim() || describeSvg(source.text);
    try {
      return await withInterrupt(io, async (signal) => {
        const prompts = promptsFromArgs(args);
        const verdict = await critiqueOnce({ svg: source.text, prompt, client, renderer: pool, critic: criticFromArgs(args), prompts, seed }, signal);
        if (!verdict.ok && verdict.kind === 'cancelled') {
          io.stderr.write('svg-copilot: cancelled\n');
          return EXIT_FAILURE;
        }
        let fixed: RefineOnceResult | undefined;
        if (fix) {
          fixed = await refineOnce(
            {
              svg: source.text,
              prompt,
              critique: verdict.ok ? verdict.critique : undefined,
              suggestions: verdict.ok ? verdict.suggestions : verdict.message,
              client,
              renderer: pool,
              prompts,
              seed,
              allowActiveContent: Boolean(args.options['allow-active-content']),
            },
            signal,
          );
          // What the file already had stays; only what the fix added is taken out, and said so.
          if (fixed.ok && fixed.removed.length) io.stderr.write(`svg-copilot: from the fix, ${describeRemovals(fixed.removed, Infinity)}\n`);
          if (fixed.ok && output) writeOutputFile(io, output, fixed.svg.endsWith('\n') ? fixed.svg : `${fixed.svg}\n`);
        }
        if (args.options.json) printJson(io, toJson(file, prompt, verdict, fixed, output));
        else writeText(io, verdict, fixed, output);
        const fixOk = !fix || (fixed?.ok ?? false);
        return verdict.ok && fixOk ? EXIT_OK : EXIT_FAILURE;
      });
    } finally {
      pool.dispose();
    }
  },
};

function toJson(file: string, prompt: string, verdict: CritiqueOnceResult, fixed: RefineOnceResult | undefined, output: string | undefined) {
  const base = verdict.ok
    ? { file, prompt, ok: true, score: verdict.score, critique: verdict.critique, suggestions: verdict.suggestions, critic: verdict.critic }
    : { file, prompt, ok: false, error: verdict.kind === 'error' ? verdict.message : 'cancelled' };
  const findings = verdict.ok || verdict.kind === 'error' ? verdict.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })) : [];
  if (!fixed) return { ...base, findings };
  const fix = fixed.ok
    ? { ok: true, ...(output ? { output } : { svg: fixed.svg }), repairs: fixed.repairs, ...(fixed.removes ? { removes: fixed.removes } : {}) }
    : { ok: false, error: fixed.kind === 'error' ? fixed.message : 'cancelled' };
  return { ...base, findings, fix };
}

function writeText(io: Parameters<CliCommand['run']>[1], verdict: CritiqueOnceResult, fixed: RefineOnceResult | undefined, output: string | undefined): void {
  if (verdict.ok) {
    io.stdout.write(`score: ${verdict.score}/10 (${verdict.critic} critic)\ncritique: ${verdict.critique}\nsuggestions: ${verdict.suggestions}\n`);
  } else if (verdict.kind === 'error') {
    io.stderr.write(`svg-copilot: no critique: ${verdict.message}\n`);
  }
  if (!fixed) return;
  if (!fixed.ok) {
    io.stderr.write(`svg-copilot: no fix: ${fixed.kind === 'error' ? fixed.message : 'cancelled'}\n`);
    return;
  }
  if (fixed.removes) io.stderr.write(`svg-copilot: warning: ${fixed.removes}\n`);
  if (output) {
    io.stderr.write(`fixed SVG written to ${output}${fixed.repairs.length ? ` (${fixed.repairs.join('; ')})` : ''}\n`);
  } else {
    io.stdout.write(fixed.svg.endsWith('\n') ? fixed.svg : `${fixed.svg}\n`);
  }
}
