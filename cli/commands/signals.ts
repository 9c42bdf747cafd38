import { type Command, Option } from 'commander';
import { SENSITIVITIES, SIGNAL_KINDS } from '../../knowledge/customer-signals.ts';
import { positiveInt } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

const actions = () => import('../actions/signals.ts');

export const registerSignals: RegisterCommand = (program, globals) => {
  const signals = program
    .command('signals')
    .description(
      "what customers said, as signals (churn intent, competitor, budget, champion leaving, escalation, request, bug, question, praise, expansion): one account's with --account, else your book's risk signals this week",
    )
    .option('--account <name>', "one account's signals, with the quote, date, side and link of each")
    .addOption(new Option('--kind <kind>', 'only this kind').choices([...SIGNAL_KINDS]))
    .addOption(
      new Option('--days <n>', 'days back (default: 90 for an account, 7 for a book)').argParser(
        positiveInt('--days', 730),
      ),
    )
    .option('--as <user>', 'read as this team member')
    .option('--json', 'print the answer object')
    .action(
      async (options: { account?: string; kind?: string; days?: number; as?: string; json?: boolean }) =>
        (await actions()).listSignals(globals(), options),
    );
  signals
    .command('detect')
    .description(
      'find the signals in each line of a text file, without the store: one JSON object per line with --json, {"text", "signals": [{"kind", "confidence", "evidence"}]}',
    )
    .requiredOption('--file <path>', 'one customer text per line (- for standard input)')
    .addOption(
      new Option(
        '--sensitivity <level>',
        "default: the team's setting (knowledge/signals/signals.json)",
      ).choices([...SENSITIVITIES]),
    )
    .option('--json', 'one JSON object per input line')
    // --json after the sub-command or before it: the parent takes it either way.
    .action(async (_options: unknown, cmd: Command) =>
      (await actions()).detectInFile(
        cmd.optsWithGlobals<{ file: string; sensitivity?: string; json?: boolean }>(),
      ),
    );
  signals
    .command('calibrate')
    .description(
      "the detector's precision and recall per signal at each sensitivity: as measured when it was trained, or on your own labelled file (labels<TAB>source<TAB>text, '-' for none)",
    )
    .option('--file <path>', 'measure on this labelled TSV instead')
    .option('--json', 'print the figures as JSON')
    .action(async (_options: unknown, cmd: Command) =>
      (await actions()).calibrate(cmd.optsWithGlobals<{ file?: string; json?: boolean }>()),
    );
  signals
    .command('scan')
    .description(
      'read every customer text not yet read (feedback, tickets, call notes, channel messages) for signals now; the daily run does this each day',
    )
    .option('--json', 'print the counts as JSON')
    .action(async (_options: unknown, cmd: Command) =>
      (await actions()).scan(globals(), cmd.optsWithGlobals<{ json?: boolean }>()),
    );
};
