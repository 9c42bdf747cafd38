import { Option } from 'commander';
import { isoDate } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

export const registerTick: RegisterCommand = (program, globals) => {
  program
    .command('tick')
    .description(
      "run one day's scheduled jobs now: health snapshot of every customer, alert evaluation and delivery planning, then (with Slack) DMs, escalations and digests",
    )
    .addOption(new Option('--as-of <date>', 'the day to run (default: today)').argParser(isoDate))
    .option('--json', 'one JSON object per alert raised, updated or resolved')
    .addHelpText(
      'after',
      '\nRunning a day twice changes nothing the first run made true: alerts fire on transitions only.\nThe scheduler in cse serve and cse worker runs the same jobs by itself every day (cse schedule).',
    )
    .action(async (options: { asOf?: string; json?: boolean }) =>
      (await import('../actions/alerts.ts')).tick(globals(), options),
    );
};
