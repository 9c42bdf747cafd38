import { type Command, Option } from 'commander';
import { isoDate } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

const actions = () => import('../actions/alerts.ts');

export const registerAlerts: RegisterCommand = (program, globals) => {
  const alerts = program
    .command('alerts')
    .description('the alerts as a user sees them (their book; leaders and admins the whole team)')
    .option('--as <user>', 'whose view (user id, email or Slack id); default: the operator, every account')
    .addOption(
      new Option('--state <state>', 'which alerts')
        .choices(['open', 'all', 'new', 'acknowledged', 'snoozed', 'escalated', 'resolved'])
        .default('open'),
    )
    .option('--csm <user>', "one CSM's book")
    .option('--json', 'one JSON object per alert')
    .action(async (options: { as?: string; state: string; csm?: string; json?: boolean }) =>
      (await actions()).listAlerts(globals(), options),
    );

  alerts
    .command('backtest')
    .description(
      'replay the stored snapshots with the alert rules: per rule, alerts per CSM-week, and how many alerted accounts churned or contracted within 90 days against the base rate (precision, lift), with the "Not useful" rate',
    )
    .addOption(new Option('--from <date>', 'first day (default: 26 weeks before --to)').argParser(isoDate))
    .addOption(new Option('--to <date>', 'last day (default: today)').argParser(isoDate))
    .option('--json', 'print the figures as JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }) =>
      (await actions()).alertBacktest(globals(), options),
    );

  /** `--as` may be given before or after the sub-command (`cse alerts --as x ack …` or `cse alerts ack … --as x`). */
  const update = async (id: string, args: Record<string, unknown>, cmd: Command) =>
    (await actions()).updateAlert(globals(), cmd.optsWithGlobals<{ as?: string }>().as, id, args);

  alerts
    .command('ack <alert_id>')
    .description('acknowledge an alert (it stops escalating)')
    .option('--as <user>', 'who acknowledges')
    .action(async (id: string, _options: unknown, cmd: Command) =>
      update(id, { action: 'acknowledge' }, cmd),
    );
  alerts
    .command('snooze <alert_id>')
    .description(
      'snooze an alert: --until DATE, --until DAYS, or --until inputs (quiet until what it fired on changes)',
    )
    .requiredOption('--until <when>', 'a date, a number of days, or inputs')
    .option('--as <user>', 'who snoozes')
    .action(async (id: string, options: { until: string }, cmd: Command) =>
      update(id, { action: 'snooze', until: options.until }, cmd),
    );
  alerts
    .command('not-useful <alert_id>')
    .description(
      'mark an alert not useful, with a reason code (knowledge/alerts/delivery.json); counted by cse alerts backtest',
    )
    .requiredOption('--reason <code>', 'already_known, not_actionable, wrong_signal, too_early, wrong_owner')
    .option('--as <user>', 'who says so')
    .action(async (id: string, options: { reason: string }, cmd: Command) =>
      update(id, { action: 'not_useful', reason: options.reason }, cmd),
    );
};
