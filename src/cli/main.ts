// `svg-copilot`: the command line over src/core. This file only dispatches;
// each subcommand lives in src/cli/<name>.ts and exports a CliCommand. To add
// one, import it and append it to COMMANDS.
import { commandHelp, parseCommandArgs } from './args';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './io';
import { explainCommand } from './explain';
import { optimizeCommand } from './optimize';
import { renderCommand } from './render';
import { sweepCommand } from './sweep';
import { generateCommand } from './generate';
import { critiqueCommand } from './critique';
import { lintCommand } from './lint';

const PROGRAM = 'svg-copilot';

export const COMMANDS: CliCommand[] = [
  lintCommand,
  explainCommand,
  renderCommand,
  optimizeCommand,
  sweepCommand,
  generateCommand,
  critiqueCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

/** Runs one command line and returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'stderr' : 'stdout'].write(mainHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    io.stderr.write(`${PROGRAM}: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.spec.name).join(', ')})\n`);
    return EXIT_USAGE;
  }
  const parsed = parseCommandArgs(rest, command.spec);
  if (!parsed.ok) {
    io.stderr.write(`${PROGRAM}: ${parsed.error} (see "${PROGRAM} ${name} --help")\n`);
    return EXIT_USAGE;
  }
  if (parsed.args.help) {
    io.stdout.write(commandHelp(PROGRAM, command.spec));
    return EXIT_OK;
  }
  try {
    return await command.run(parsed.args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`${PROGRAM}: ${e.message}\n`);
      return e.exitCode;
    }
    // A bug, not a user error: still one line, with where to look.
    const msg = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
    io.stderr.write(`${PROGRAM}: internal error in "${name}": ${msg}${io.env.SVG_COPILOT_DEBUG ? `\n${(e as Error)?.stack ?? ''}` : ' (set SVG_COPILOT_DEBUG=1 for details)'}\n`);
    return EXIT_FAILURE;
  }
}

if (require.main === module) {
  // Output piped into a closed reader (e.g. `| head`) is not an error worth dying for.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stdout.isTTY), cwd: process.cwd(), env: process.env };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_FAILURE;
    },
  );
}
