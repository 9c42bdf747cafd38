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
    .option(
      '--replay',
      'a day before the last one run: take its snapshot again and list the alert conditions that held, changing no alert and sending nothing',
    )
    .option('--json', 'one JSON object per alert raised, updated or resolved (with --replay: per condition)')
    .addHelpText(
      'after',
      '\nRunning a day twice changes nothing the first run made true: alerts fire on transitions only.\nA day another process is running is left to it (exit 0); a day before the last one run is refused unless --replay.\nThe scheduler in cse serve and cse worker runs the same jobs by itself every day (cse schedule).',
    )
    .action(async (options: { asOf?: string; json?: boolean; replay?: boolean }) =>
      (await import('../actions/alerts.ts')).tick(globals(), options),
    );
};
