// `svg-copilot explain <file> --line L --character C [--format json]`
import { LineIndex } from '../core/svg/lineIndex';
import type { ExplainResult } from '../core/svg/explain';
import { FORMAT_OPTION, CliError, EXIT_FAILURE, EXIT_OK, POOL_OPTIONS, poolFromArgs, printJson, readSvgFile, type CliCommand } from './io';

export const explainCommand: CliCommand = {
  spec: {
    name: 'explain',
    summary: 'Explain what is at a position: the element, the attribute, and on path data the segment and the whole path.',
    positionals: '<file>',
    minPositionals: 1,
    maxPositionals: 1,
    options: [
      { name: 'line', type: 'number', valueName: 'L', description: '0-based line' },
      { name: 'character', type: 'number', valueName: 'C', description: '0-based character in the line (UTF-16 code units, as editors count)' },
      FORMAT_OPTION,
      ...POOL_OPTIONS,
    ],
    details: 'With --format json, prints {element, attribute, segment?: {index, command, absolute: {from, to, controls?}, length, bbox, text}, path?: {segments, subpaths, closed, bbox, length, text}}.',
  },
  async run(args, io) {
    const [file] = args.positionals;
    const line = args.options.line as number | undefined;
    const character = args.options.character as number | undefined;
    if (line === undefined || character === undefined) throw new CliError('explain: --line and --character are required');
    if (!Number.isInteger(line) || line < 0) throw new CliError('--line must be a whole number ≥ 0');
    if (!Number.isInteger(character) || character < 0) throw new CliError('--character must be a whole number ≥ 0');
    const svg = readSvgFile(io, file);
    const lines = new LineIndex(svg.text);
    if (line >= lines.lineCount) throw new CliError(`${file} has ${lines.lineCount} line${lines.lineCount === 1 ? '' : 's'}; --line ${line} is past its end`);
    const offset = lines.offsetAt({ line, character });
    // The parse runs isolated too: a hostile file cannot hang or crash the command line.
    const pool = poolFromArgs(args);
    try {
      const r = await pool.explain(svg.text, offset);
      if (!r.ok) {
        io.stderr.write(`svg-copilot: cannot explain ${file}: ${r.error}\n`);
        return EXIT_FAILURE;
      }
      if (args.options.format === 'json') printJson(io, r.explanation);
      else io.stdout.write(formatText(r.explanation));
      return EXIT_OK;
    } finally {
      pool.dispose();
    }
  },
};

function formatText(e: ExplainResult): string {
  const lines: string[] = [];
  if (!e.element) lines.push('Not inside an element.');
  else lines.push(e.attribute ? `<${e.element}> ${e.attribute}` : `<${e.element}>`);
  if (e.segment) lines.push(`Segment ${e.segment.index} (${e.segment.command}): ${e.segment.text}`);
  if (e.path) lines.push(`Path: ${e.path.text}`);
  return `${lines.join('\n')}\n`;
}
