import { type Command, Option } from 'commander';
import { slackAlertNotifier } from '../bot/alert-notifier';
import { type AlertRow, alertRow } from '../commands/alerts';
import { run } from '../commands/router';
import { todayOn } from '../core/clock';
import { CseError, ErrorCode } from '../core/errors';
import { replayAlerts } from '../jobs/alert-replay';
import { deliver, runDay } from '../jobs/daily-run';
import { alertsById } from '../store/repositories/alerts';
import { latestRuns, latestSends } from '../store/repositories/scheduled-runs';
import { addDays } from '../tools/dates/calendar';
import { isoDate } from './option-parsers';
import { renderAlert, renderAlertBacktest } from './render/alerts';
import { renderAnswer } from './render/answer';
import { auditedWrite, commandContext, type GlobalOptions, withRuntime } from './runtime';

const print = (text: string) => process.stdout.write(`${text}\n`);
const note = (text: string) => process.stderr.write(`${text}\n`);

/** The DESIGN §11 JSON of one alert (one object per line). */
const alertJson = (a: AlertRow, change?: string) => ({
  alert_id: a.alert_id,
  rule: a.rule,
  account_id: a.account_id,
  account: a.account,
  owner: a.owner,
  severity: a.severity,
  state: a.state,
  reason: a.reason,
  evidence: a.evidence,
  since: a.since,
  ...(change ? { change } : {}),
});

const CHANGE_WORD: Record<string, string> = {
  raise: 'raised',
  update: 'updated',
  wake: 'back',
  resolve: 'resolved',
};

/** `cse tick`, `cse alerts` and `cse schedule`: the scheduler's day by hand, and what it left. */
export function registerAlertCommands(program: Command, globals: () => GlobalOptions): void {
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
    .action(async (options: { asOf?: string; json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        const day = options.asOf ?? todayOn(rt.clock);
        const notifier = slackAlertNotifier(rt);
        const parts = { db: rt.db, config: rt.config, logger: rt.logger, clock: rt.clock, notifier };
        const result = await auditedWrite(
          rt,
          { intent: 'tick', text: 'cse tick', args: { as_of: day } },
          async () => {
            const out = await runDay(parts, day, {
              force: true,
              onProgress: (step, done, total) => {
                if (options.json) return;
                note(
                  `  ${step}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} accounts…`,
                );
              },
            });
            if (notifier) await deliver(parts, notifier, day);
            return out;
          },
        );
        const changes = result.alerts?.changes ?? [];
        const byId = new Map(
          (
            await alertsById(
              rt.db,
              changes.map((c) => c.alert_id),
            )
          ).map((a) => [a.alert_id, alertRow(a)]),
        );
        if (options.json) {
          for (const c of changes) {
            const a = byId.get(c.alert_id);
            if (a) print(JSON.stringify(alertJson(a, CHANGE_WORD[c.change])));
          }
          return;
        }
        const a = result.alerts;
        print(
          `Tick ${day}: ${result.snapshot?.accounts.toLocaleString('en-US') ?? 0} accounts snapshotted; alerts ${a?.raised ?? 0} raised, ${a?.updated ?? 0} updated, ${a?.woken ?? 0} back from a snooze, ${a?.resolved ?? 0} resolved, ${a?.muted ?? 0} muted by an open save play; ${a?.dms ?? 0} DM(s) planned, ${a?.held ?? 0} held for digests (weekly budget)${notifier ? '' : ' — Slack is not configured, so nothing was sent: cse alerts shows them'}.`,
        );
        for (const c of changes) {
          const row = byId.get(c.alert_id);
          if (row) print(`\n[${CHANGE_WORD[c.change]}] ${renderAlert(row)}`);
        }
      });
    });

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
    .action(async (options: { as?: string; state: string; csm?: string; json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        const ctx = await commandContext(rt, options.as, 'cli');
        const answer = await run(ctx, 'alerts', {
          state: options.state,
          ...(options.csm ? { csm: options.csm } : {}),
          limit: 500,
        });
        if (!options.json) {
          print(renderAnswer(answer));
          return;
        }
        for (const a of (answer.data as { alerts: AlertRow[] }).alerts) print(JSON.stringify(alertJson(a)));
      });
    });

  alerts
    .command('backtest')
    .description(
      'replay the stored snapshots with the alert rules: per rule, alerts per CSM-week, and how many alerted accounts churned or contracted within 90 days against the base rate (precision, lift), with the "Not useful" rate',
    )
    .addOption(new Option('--from <date>', 'first day (default: 26 weeks before --to)').argParser(isoDate))
    .addOption(new Option('--to <date>', 'last day (default: today)').argParser(isoDate))
    .option('--json', 'print the figures as JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        const today = todayOn(rt.clock);
        const to = options.to ?? today;
        const from = options.from ?? addDays(to, -7 * 26);
        if (from > to)
          throw new CseError(ErrorCode.BadInput, `--from ${from} is after --to ${to}`, {
            hint: 'Give the earlier day first',
          });
        const result = await replayAlerts(rt.db, { from, to, today }, (day, done, total) => {
          if (!options.json) note(`  replayed ${day} (${done} of ${total} snapshot days)…`);
        });
        if (result.days.length === 0)
          throw new CseError(ErrorCode.BadInput, `No stored snapshots between ${from} and ${to}`, {
            hint: `Back-fill them first: cse score --all --from ${from} --to ${to} --every week`,
          });
        print(options.json ? JSON.stringify(result, null, 2) : renderAlertBacktest(result));
      });
    });

  alerts
    .command('ack <alert_id>')
    .description('acknowledge an alert (it stops escalating)')
    .option('--as <user>', 'who acknowledges')
    .action(async (id: string, _options: unknown, cmd: Command) =>
      updateFromCli(id, { action: 'acknowledge' }, cmd),
    );
  alerts
    .command('snooze <alert_id>')
    .description(
      'snooze an alert: --until DATE, --until DAYS, or --until inputs (quiet until what it fired on changes)',
    )
    .requiredOption('--until <when>', 'a date, a number of days, or inputs')
    .option('--as <user>', 'who snoozes')
    .action(async (id: string, options: { until: string }, cmd: Command) =>
      updateFromCli(id, { action: 'snooze', until: options.until }, cmd),
    );
  alerts
    .command('not-useful <alert_id>')
    .description(
      'mark an alert not useful, with a reason code (knowledge/alerts/delivery.json); counted by cse alerts backtest',
    )
    .requiredOption('--reason <code>', 'already_known, not_actionable, wrong_signal, too_early, wrong_owner')
    .option('--as <user>', 'who says so')
    .action(async (id: string, options: { reason: string }, cmd: Command) =>
      updateFromCli(id, { action: 'not_useful', reason: options.reason }, cmd),
    );

  /** `--as` may be given before or after the sub-command (`cse alerts --as x ack …` or `cse alerts ack … --as x`). */
  async function updateFromCli(id: string, args: Record<string, unknown>, cmd: Command) {
    const as = cmd.optsWithGlobals<{ as?: string }>().as;
    await withRuntime(globals(), async (rt) => {
      const ctx = await commandContext(rt, as, 'cli');
      print(renderAnswer(await run(ctx, 'update_alert', { alert_id: id, ...args })));
    });
  }

  program
    .command('schedule')
    .description('the scheduled jobs: what runs when, and their last and next run')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        const [runs, sends] = await Promise.all([latestRuns(rt.db), latestSends(rt.db)]);
        const today = todayOn(rt.clock);
        const jobs = scheduleRows(runs, sends, today);
        if (options.json) {
          print(JSON.stringify(jobs, null, 2));
          return;
        }
        print('Scheduled jobs (cse serve and cse worker run them; cse tick runs a day by hand):\n');
        for (const j of jobs)
          print(`  ${j.job.padEnd(16)} ${j.when.padEnd(44)} last: ${j.last ?? 'never'}  next: ${j.next}`);
      });
    });
}

/** The schedule table: each job, when it runs, its last run and its next. */
function scheduleRows(
  runs: Awaited<ReturnType<typeof latestRuns>>,
  sends: Awaited<ReturnType<typeof latestSends>>,
  today: string,
) {
  const run = (job: string) => runs.find((r) => r.job === job);
  const last = (job: string) => {
    const r = run(job);
    if (!r) return null;
    return `${r.day}${r.error ? ` (failed: ${r.error})` : r.finished_at ? ` (finished ${r.finished_at.slice(0, 16).replace('T', ' ')} UTC)` : ' (running)'}`;
  };
  const sent = (kind: string) => {
    const s = sends.find((x) => x.kind === kind);
    return s ? `${s.day} (${s.sent} sent in all)` : null;
  };
  const nextDay = (job: string) => {
    const r = run(job);
    return r && r.day >= today && r.finished_at ? 'tomorrow 00:00 UTC' : 'on the next pass';
  };
  return [
    {
      job: 'snapshot',
      when: 'daily, 00:00 UTC (missed days caught up)',
      last: last('snapshot'),
      next: nextDay('snapshot'),
    },
    { job: 'alerts', when: 'daily, after the snapshot', last: last('alerts'), next: nextDay('alerts') },
    { job: 'alert DMs', when: 'each pass (every 15 minutes)', last: sent('dm'), next: 'on the next pass' },
    {
      job: 'escalations',
      when: "each pass, after the rule's window",
      last: sent('escalation'),
      next: 'on the next pass',
    },
    {
      job: 'digests',
      when: "daily, 08:00 in each CSM's Slack time zone",
      last: sent('digest'),
      next: 'tomorrow 08:00 local',
    },
    { job: 'feedback SLA', when: 'timers per item (cse worker)', last: null, next: 'when an SLA comes due' },
  ];
}
