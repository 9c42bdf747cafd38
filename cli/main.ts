import { CommanderError } from 'commander';
import { exitCodeFor, formatError } from '../core/errors.ts';
import { note } from './output.ts';
import { buildProgram } from './program.ts';

/** Runs the CLI; bad input exits 2 with a one-line reason on stderr, failures exit 1. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; real usage errors are bad input.
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    note(formatError(error));
    return exitCodeFor(error);
  }
}

process.exitCode = await main(process.argv);
