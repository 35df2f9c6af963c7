// `svg-copilot render <file> -o out.png [--size N] [--background white]`
import { FORMAT_OPTION, POOL_OPTIONS, CliError, EXIT_FAILURE, EXIT_OK, poolFromArgs, printJson, readSvgFile, writeOutputFile, type CliCommand } from './io';

export const renderCommand: CliCommand = {
  spec: {
    name: 'render',
    summary: 'Render an SVG to PNG in an isolated process (external files and URLs are never read).',
    positionals: '<file>',
    minPositionals: 1,
    maxPositionals: 1,
    options: [
      { name: 'output', short: 'o', type: 'string', valueName: 'FILE', description: 'PNG file to write ("-" writes to stdout when it is not a terminal)' },
      { name: 'size', type: 'number', valueName: 'N', description: 'longest side in pixels (default: the SVG\'s own size)' },
      { name: 'background', type: 'string', valueName: 'COLOR', description: 'transparent (default), white, or any CSS color' },
      FORMAT_OPTION,
      ...POOL_OPTIONS,
    ],
  },
  async run(args, io) {
    const [file] = args.positionals;
    const output = args.options.output as string | undefined;
    if (!output) throw new CliError('render: -o <out.png> is required');
    if (output === '-' && io.isTTY) throw new CliError('render: refusing to write PNG bytes to a terminal; use -o out.png');
    const size = args.options.size as number | undefined;
    if (size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= 8192)) throw new CliError('--size must be a whole number from 1 to 8192');
    const svg = readSvgFile(io, file);
    const pool = poolFromArgs(args);
    try {
      const background = args.options.background as string | undefined;
      const r = await pool.render(svg.text, { ...(size !== undefined ? { size } : {}), ...(background ? { background } : {}) });
      if (!r.ok) {
        if (args.options.format === 'json') printJson(io, { file, ok: false, kind: r.kind, error: r.error });
        io.stderr.write(`svg-copilot: cannot render ${file}: ${r.error}\n`);
        return EXIT_FAILURE;
      }
      if (output === '-') io.stdout.write(r.png);
      else writeOutputFile(io, output, r.png);
      const blocked = r.blockedReferences ? `; ${r.blockedReferences} external reference${r.blockedReferences === 1 ? '' : 's'} not loaded` : '';
      if (args.options.format === 'json' && output !== '-') {
        printJson(io, { file, ok: true, output, width: r.width, height: r.height, ms: round(r.ms), blockedReferences: r.blockedReferences });
      } else if (output !== '-') {
        io.stdout.write(`${output}: ${r.width}×${r.height} PNG in ${round(r.ms)} ms${blocked}\n`);
      }
      return EXIT_OK;
    } finally {
      pool.dispose();
    }
  },
};

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
