import { Option } from 'commander';
import { isoDate } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

export interface ScoreAllOptions {
  all?: boolean;
  asOf?: string;
  from?: string;
  to?: string;
  every: 'day' | 'week';
  json?: boolean;
}

export const registerScore: RegisterCommand = (program, globals) => {
  program
    .command('score')
    .description(
      'health scores: --all scores every active account and stores a snapshot each (for trends and movers)',
    )
    .option('--all', 'score every active account')
    .addOption(
      new Option('--as-of <date>', 'the day to score, YYYY-MM-DD (default: today)').argParser(isoDate),
    )
    .addOption(
      new Option('--from <date>', 'back-fill point-in-time snapshots from this day (with --to)').argParser(
        isoDate,
      ),
    )
    .addOption(new Option('--to <date>', 'the last day of the back-fill (default: today)').argParser(isoDate))
    .addOption(new Option('--every <step>', 'back-fill step').choices(['day', 'week']).default('week'))
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nBack-fill: cse score --all --from 2026-06-01 --to 2026-11-24 --every week scores, for each day, the accounts that were customers then, from the history dated on or before it.\nOne account: cse ask "score Acme" or cse run score --account Acme',
    )
    .action(async (options: ScoreAllOptions) =>
      (await import('../actions/score-all.ts')).scoreAll(globals(), options),
    );
};
