/**
 * litelab's command line: a registry of subcommands (one file per command in `commands/`, one line here to add it),
 * `--help`, and the exit-code contract scripts rely on: 0 success, 1 a user-facing error printed as ONE line on
 * stderr (`FormatError: model.tflite: what is wrong`, no stack), 2 a usage error (with a pointer to `--help`).
 * Anything else escaping a command is a bug; it is still printed as one line (the stack with LITELAB_DEBUG=1).
 */
import { LitelabError, UsageError } from '../errors.ts';
import { inspectCommand } from './commands/inspect.ts';
import { runCommand } from './commands/run.ts';
import { convertCommand } from './commands/convert.ts';
import { executeCommand } from './commands/execute.ts';

/** Where a command writes; the tests pass their own to capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Command {
  name: string;
  /** One line for `litelab --help`. */
  summary: string;
  /** Full usage text for `litelab COMMAND --help`. */
  usage: string;
  /** Runs with the arguments after the command name; returns the exit code. Throws LitelabError for user errors. */
  run(args: string[], io: CliIo): Promise<number>;
}

const COMMANDS: readonly Command[] = [
  inspectCommand,
  runCommand,
  convertCommand,
  executeCommand,
];

const registry = new Map(COMMANDS.map((c) => [c.name, c]));

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: litelab COMMAND [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `litelab COMMAND --help` for a command\'s options.',
    'Exit status: 0 success, 1 error in the input (one line on stderr), 2 wrong usage.',
  ].join('\n') + '\n';
}

const processIo: CliIo = {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
};

/** Node's parseArgs errors (unknown option, missing value) are usage errors. */
function isParseArgsError(e: unknown): e is Error {
  const code: unknown = e instanceof TypeError ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) throw new UsageError('no command given');
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout(usage());
      return 0;
    }
    const command = registry.get(name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      // parseArgs explains at length how to pass a positional starting with '-': the first sentence is the point
      const line = e instanceof UsageError ? e.oneLine() : `UsageError: ${e.message.split(/\.\s/)[0]!.replace(/\.$/, '')}`;
      const command = name && registry.has(name) ? ` ${name}` : '';
      io.stderr(`${line}\nRun \`litelab${command} --help\` for usage.\n`);
      return 2;
    }
    if (e instanceof LitelabError) {
      io.stderr(`${e.oneLine()}\n`);
      return 1;
    }
    const message = e instanceof Error ? `${e.name}: ${e.message}` : `Error: ${String(e)}`;
    io.stderr(`${message.split('\n')[0]} (internal error in litelab${process.env.LITELAB_DEBUG ? '' : '; LITELAB_DEBUG=1 shows the stack'})\n`);
    if (process.env.LITELAB_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}
