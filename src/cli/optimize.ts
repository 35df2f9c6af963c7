// `svg-copilot optimize <file> [-o out.svg] [--format json]`
import { optimizeChecked, pictureChangeWarning, type CheckedOptimization } from '../core/optimizeChecked';
import type { CompareResult } from '../core/render/types';
import { FORMAT_OPTION, POOL_OPTIONS, CliError, EXIT_FAILURE, EXIT_OK, poolFromArgs, printJson, readSvgFile, writeOutputFile, type CliCommand } from './io';

export const optimizeCommand: CliCommand = {
  spec: {
    name: 'optimize',
    summary: 'Optimize an SVG with a safe svgo preset (keeps referenced ids, removes scripts and event handlers) in an isolated process.',
    positionals: '<file>',
    minPositionals: 1,
    maxPositionals: 1,
    options: [
      { name: 'output', short: 'o', type: 'string', valueName: 'FILE', description: 'write the optimized SVG here (default: stdout)' },
      { name: 'precision', type: 'number', valueName: 'N', description: 'digits kept after the decimal point (default 3)' },
      { name: 'check', type: 'boolean', description: 'render before and after and warn on stderr when the picture changes (exit 1 with --strict)' },
      { name: 'strict', type: 'boolean', description: 'with --check: a changed picture is a failure and nothing is written' },
      FORMAT_OPTION,
      ...POOL_OPTIONS,
    ],
    details: 'With --format json, prints {file, ok, bytesBefore, bytesAfter, ms, output?, svg?} (svg when no -o is given), and with --check also pixelsChanged, pixelsTotal and warning?.',
  },
  async run(args, io) {
    const [file] = args.positionals;
    const output = args.options.output as string | undefined;
    const precision = args.options.precision as number | undefined;
    if (precision !== undefined && !(Number.isInteger(precision) && precision >= 0 && precision <= 20)) throw new CliError('--precision must be a whole number from 0 to 20');
    const json = args.options.format === 'json';
    const svg = readSvgFile(io, file);
    // Re-encoding would silently replace the broken bytes.
    if (!svg.validUtf8) throw new CliError(`${file} is not valid UTF-8; not optimizing it`, EXIT_FAILURE);
    const pool = poolFromArgs(args);
    try {
      const check = args.options.check === true;
      const options = precision !== undefined ? { floatPrecision: precision } : {};
      const r = check ? await optimizeChecked(pool, svg.text, options) : await pool.optimize(svg.text, options);
      if (!r.ok) {
        if (json) printJson(io, { file, ok: false, kind: r.kind, error: r.error });
        io.stderr.write(`svg-copilot: cannot optimize ${file}: ${r.error}\n`);
        return EXIT_FAILURE;
      }
      const comparison: CompareResult | undefined = check ? (r as CheckedOptimization).comparison : undefined;
      const warning = comparison && pictureChangeWarning(comparison);
      if (warning) io.stderr.write(`svg-copilot: ${file}: ${warning}\n`);
      if (warning && args.options.strict === true) {
        if (json) printJson(io, { file, ok: false, kind: 'changed', error: warning });
        return EXIT_FAILURE;
      }
      if (output) writeOutputFile(io, output, r.svg);
      const ms = Math.round(r.ms * 10) / 10;
      if (json) {
        const checked = comparison?.ok ? { pixelsChanged: comparison.differing, pixelsTotal: comparison.total } : {};
        printJson(io, { file, ok: true, bytesBefore: r.bytesBefore, bytesAfter: r.bytesAfter, ms, ...checked, ...(warning ? { warning } : {}), ...(output ? { output } : { svg: r.svg }) });
      } else if (output) {
        const saved = r.bytesBefore ? ((1 - r.bytesAfter / r.bytesBefore) * 100).toFixed(1) : '0.0';
        io.stdout.write(`${output}: ${r.bytesBefore} → ${r.bytesAfter} bytes (${saved}% smaller) in ${ms} ms\n`);
      } else {
        io.stdout.write(r.svg.endsWith('\n') ? r.svg : `${r.svg}\n`);
      }
      return EXIT_OK;
    } finally {
      pool.dispose();
    }
  },
};
