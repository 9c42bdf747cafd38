import { slackAlertNotifier } from '../../bot/alert-notifier.ts';
import { type AlertRow, alertRow, renderAlert } from '../../commands/alert-rows.ts';
import { renderAnswer } from '../../commands/answer-text.ts';
import { run } from '../../commands/router.ts';
import { addDays } from '../../core/calendar.ts';
import { todayOn } from '../../core/clock.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { replayAlerts } from '../../jobs/alert-replay.ts';
import { type DayRun, deliver, replayDay, runDay } from '../../jobs/daily-run.ts';
import { alertLabel } from '../../knowledge/alert-rules.ts';
import { renderAlertBacktest } from '../../render/alert-backtest.ts';
import { alertsById } from '../../store/repositories/alerts.ts';
import {
  lastFinishedDay,
  latestRuns,
  latestSends,
  runUnderWay,
} from '../../store/repositories/scheduled-runs.ts';
import { note, print } from '../output.ts';
import { auditedWrite, commandContext, type GlobalOptions, type Runtime, withRuntime } from '../runtime.ts';

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

/** `cse tick`: one day's scheduled jobs by hand. */
export async function tick(
  globals: GlobalOptions,
  options: { asOf?: string; json?: boolean; replay?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const day = options.asOf ?? todayOn(rt.clock);
    const last = await lastFinishedDay(rt.db, 'alerts');
    if (options.replay) return replay(rt, day, options.json);
    if (last && day < last)
      throw new CseError(
        ErrorCode.BadInput,
        `${day} is before the last day run (${last}): ticking it would resolve and raise alerts out of order and DM them again`,
        {
          hint: `cse tick --as-of ${day} --replay shows what held that day without changing an alert or sending anything`,
        },
      );
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
            note(`  ${step}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} accounts…`);
          },
        });
        if (notifier && !out.held) await deliver(parts, notifier, day);
        return out;
      },
    );
    if (result.held) {
      const holder = (await runUnderWay(rt.db, 'alerts', day)) ?? (await runUnderWay(rt.db, 'snapshot', day));
      note(
        `Another process is running ${day}'s jobs${holder ? ` (${holder.worker}, since ${new Date(holder.started_at).toISOString()})` : ''}: this tick left them to it. cse schedule shows when they finish.`,
      );
      return;
    }
    await printTick(rt, day, result, notifier !== null, options.json);
  });
}

/** What one tick did: the counts, then each alert it raised, updated or resolved (JSON Lines with --json). */
async function printTick(
  rt: Runtime,
  day: string,
  result: DayRun,
  slack: boolean,
  json: boolean | undefined,
): Promise<void> {
  const changes = result.alerts?.changes ?? [];
  const byId = new Map(
    (
      await alertsById(
        rt.db,
        changes.map((c) => c.alert_id),
      )
    ).map((a) => [a.alert_id, alertRow(a)]),
  );
  if (json) {
    for (const c of changes) {
      const a = byId.get(c.alert_id);
      if (a) print(JSON.stringify(alertJson(a, CHANGE_WORD[c.change])));
    }
    return;
  }
  const a = result.alerts;
  print(
    `Tick ${day}: ${result.snapshot?.accounts.toLocaleString('en-US') ?? 0} accounts snapshotted; alerts ${a?.raised ?? 0} raised, ${a?.updated ?? 0} updated, ${a?.woken ?? 0} back from a snooze, ${a?.resolved ?? 0} resolved, ${a?.muted ?? 0} muted by an open save play; ${a?.dms ?? 0} DM(s) planned, ${a?.held ?? 0} held for digests (weekly budget)${slack ? '' : ' — Slack is not configured, so nothing was sent: cse alerts shows them'}.`,
  );
  for (const c of changes) {
    const row = byId.get(c.alert_id);
    if (row) print(`\n[${CHANGE_WORD[c.change]}] ${renderAlert(row)}`);
  }
}

/** `cse tick --as-of <day> --replay`: the day again, its snapshot retaken, no alert changed, nothing sent. */
async function replay(rt: Runtime, day: string, json: boolean | undefined): Promise<void> {
  const result = await auditedWrite(
    rt,
    { intent: 'tick_replay', text: 'cse tick --replay', args: { as_of: day } },
    () =>
      replayDay(rt, day, (step, done, total) => {
        if (!json)
          note(`  ${step}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} accounts…`);
      }),
  );
  if (json) {
    for (const c of result.conditions)
      print(
        JSON.stringify({
          rule: c.rule,
          account_id: c.account_id,
          account: c.account_name,
          severity: c.severity,
          reason: c.reason,
          evidence: c.evidence,
          since: c.since,
        }),
      );
    return;
  }
  print(
    `Replay of ${day}: ${result.accounts.toLocaleString('en-US')} accounts snapshotted again; ${result.conditions.length} alert condition(s) held that day. No alert was raised, changed or resolved, and nothing was sent.`,
  );
  for (const c of result.conditions)
    print(`  ${c.severity.padEnd(8)} ${c.account_name} — ${alertLabel(c.rule)}: ${c.reason}`);
}

/** `cse alerts`: the alerts through the router, as the user would see them. */
export async function listAlerts(
  globals: GlobalOptions,
  options: { as?: string; state: string; csm?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const ctx = await commandContext(rt, options.as, 'cli');
    const answer = await run(ctx, 'alerts', {
      state: options.state,
      ...(options.csm ? { csm: options.csm } : {}),
      limit: 500,
    });
    if (!options.json || answer.intent !== 'alerts') {
      print(renderAnswer(answer));
      return;
    }
    for (const a of answer.data.alerts) print(JSON.stringify(alertJson(a)));
  });
}

/** `cse alerts backtest`. */
export async function alertBacktest(
  globals: GlobalOptions,
  options: { from?: string; to?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
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
}

/** `cse alerts ack|snooze|not-useful <alert_id>`: through the router's update_alert. */
export async function updateAlert(
  globals: GlobalOptions,
  as: string | undefined,
  id: string,
  args: Record<string, unknown>,
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const ctx = await commandContext(rt, as, 'cli');
    print(renderAnswer(await run(ctx, 'update_alert', { alert_id: id, ...args })));
  });
}

/** `cse schedule`. */
export async function schedule(globals: GlobalOptions, options: { json?: boolean }): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const [runs, sends] = await Promise.all([latestRuns(rt.db), latestSends(rt.db)]);
    const jobs = scheduleRows(runs, sends, todayOn(rt.clock));
    if (options.json) {
      print(JSON.stringify(jobs, null, 2));
      return;
    }
    print('Scheduled jobs (cse serve and cse worker run them; cse tick runs a day by hand):\n');
    for (const j of jobs)
      print(`  ${j.job.padEnd(16)} ${j.when.padEnd(44)} last: ${j.last ?? 'never'}  next: ${j.next}`);
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
