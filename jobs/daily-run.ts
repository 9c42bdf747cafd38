import { hostname } from 'node:os';
import { addDays, daysBetween } from '../core/calendar.ts';
import type { Clock } from '../core/clock.ts';
import { clockFields } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { accountIdsActiveOn } from '../facts/health.ts';
import { alertDelivery } from '../knowledge/alert-rules.ts';
import { usageRollupRules } from '../knowledge/usage-rollup.ts';
import { accountsWithLiveAlert } from '../records/alerts.ts';
import { hasProductEvents, rollupUsageDay } from '../records/product-events.ts';
import { claimRun, finishRun, lastFinishedDay, runFinished } from '../records/runs.ts';
import type { Db } from '../store/db.ts';
import type { AlertCondition } from '../tools/alerts/alert-types.ts';
import { escalateDue, planAlertDeliveries, sendAlertDms } from './alert-delivery.ts';
import type { AlertNotifier } from './alert-notifier.ts';
import { backfillChannels, type ChannelHistoryReader } from './channel-backfill.ts';
import {
  type ChannelFeedback,
  dailySignals,
  localDetector,
  type SignalDetector,
} from './customer-signals.ts';
import { sendDigests } from './digests.ts';
import {
  type AlertRunSummary,
  batchConditions,
  checkResponseSla,
  evaluateAlerts,
  unansweredQuestions,
} from './evaluate-alerts.ts';
import { sendLeaderDigests } from './leader-digest.ts';
import { type RefitOutcome, scheduledRefit } from './refit-churn-model.ts';
import { announceRoadmapChanges } from './roadmap-announcements.ts';
import { type ScoreAllSummary, scoreAll } from './score-all.ts';
import { configuredSources, runDeferredSyncs, syncConfiguredSources } from './sync/scheduled-syncs.ts';

/** A run started this long ago and never finished belongs to a worker that died: it is taken over. */
const STALE_RUN_MS = 30 * 60_000;

export interface DailyParts {
  db: Db;
  /** For the leaders' digest, which runs the portfolio review through the router. */
  config?: Config;
  logger: Logger;
  clock: Clock;
  notifier: AlertNotifier | null;
  /** Who runs it, for `cse schedule` (host and pid by default). */
  worker?: string;
  /** Reads customer texts for signals (the shipped classifier at the team's sensitivity by default). */
  signalDetector?: SignalDetector;
  /** Reads linked channels' history from Slack (null or absent without Slack). */
  channelReader?: ChannelHistoryReader | null;
  /** Where the back-filled requests and bugs go (the feedback loop). */
  channelFeedback?: ChannelFeedback;
}

/** Channel messages are kept this long when no configuration says otherwise (CSE_MESSAGE_RETENTION_DAYS). */
const DEFAULT_MESSAGE_RETENTION_DAYS = 400;

/** The day's signal step: old channel messages go, then every customer text not yet read is read. */
const readCustomerTexts = (parts: DailyParts) =>
  dailySignals(
    parts.db,
    clockFields(parts.clock).now,
    parts.config?.CSE_MESSAGE_RETENTION_DAYS ?? DEFAULT_MESSAGE_RETENTION_DAYS,
    parts.signalDetector ?? localDetector(),
  );

export interface DayRun {
  day: string;
  /** Another worker holds this day's jobs and has not finished them: this pass stops here. */
  held: boolean;
  snapshot: ScoreAllSummary | null;
  alerts: (AlertRunSummary & { dms: number; held: number }) | null;
  /** Today's scheduled refit of the churn model, when this run took that step. */
  churnModel?: RefitOutcome | null;
}

const workerName = (parts: DailyParts) => parts.worker ?? `${hostname()}:${process.pid}`;

/**
 * One day's jobs, in order: today's sync of the configured sources, the previous day's usage
 * rollup from product calls, the signals in customer texts not yet read, the health snapshot of every account that was a customer that day,
 * then alert evaluation and delivery planning. Each is claimed by (job, day), so it runs once
 * whatever the number of workers; `force` (cse tick) runs them again, which changes nothing that
 * is already true (snapshots are replaced, alerts fire on transitions only).
 */
/**
 * The day's jobs as steps: each claimed for the day (skipped when another worker has it or it is
 * done), run, and recorded as finished with its summary or its error.
 */
function daySteps(parts: DailyParts, day: string, force: boolean) {
  const claim = async (job: string) => {
    const { now } = clockFields(parts.clock);
    return claimRun(parts.db, {
      job,
      day,
      worker: workerName(parts),
      now,
      staleBefore: new Date(Date.parse(now) - STALE_RUN_MS).toISOString(),
      force,
    });
  };
  const finish = async (job: string, summary: Record<string, unknown> | undefined, error?: string) =>
    finishRun(parts.db, {
      job,
      day,
      now: clockFields(parts.clock).now,
      ...(summary ? { summary } : {}),
      ...(error ? { error } : {}),
    });
  return async <T>(job: string, work: () => Promise<T>, summarise: (r: T) => Record<string, unknown>) => {
    if (!(await claim(job))) return null;
    try {
      const result = await work();
      await finish(job, summarise(result));
      return result;
    } catch (error) {
      await finish(job, undefined, (error as Error).message);
      throw error;
    }
  };
}

export async function runDay(
  parts: DailyParts,
  day: string,
  options: { force?: boolean; onProgress?: (step: string, done: number, total: number) => void } = {},
): Promise<DayRun> {
  const out: DayRun = { day, held: false, snapshot: null, alerts: null };
  const step = daySteps(parts, day, options.force ?? false);
  // Fresh data first: today's sync of each configured source, then yesterday's usage from the
  // product calls. Neither stops the day: a failed sync is recorded against its source.
  const { today } = clockFields(parts.clock);
  const config = parts.config;
  if (config && day === today && configuredSources(config).length > 0)
    await step(
      'syncs',
      () => syncConfiguredSources({ db: parts.db, config, clock: parts.clock, logger: parts.logger }),
      (s) => s,
    );
  if (await hasProductEvents(parts.db))
    await step(
      'usage_rollup',
      () => rollupUsageDay(parts.db, addDays(day, -1), usageRollupRules()),
      (r) => ({ ...r }),
    );
  // What customers said since yesterday, read before the snapshot so churn risk and alerts hear it.
  await step(
    'signals',
    () => readCustomerTexts(parts),
    (s) => s,
  );
  out.snapshot = await step(
    'snapshot',
    () => scoreAll(parts.db, day, (d, t) => options.onProgress?.('snapshot', d, t), { pointInTime: true }),
    (s) => ({ accounts: s.accounts, tiers: s.tiers, duration_ms: s.duration_ms }),
  );
  // Alerts read the day's snapshot: while another worker is still taking it, they wait for that worker.
  if (!out.snapshot && !(await runFinished(parts.db, 'snapshot', day))) return { ...out, held: true };
  out.alerts = await step(
    'alerts',
    async () => {
      const now = clockFields(parts.clock).now;
      const run = await evaluateAlerts(parts.db, day, now, (d, t) => options.onProgress?.('alerts', d, t));
      return { ...run, ...(await planAlertDeliveries(parts.db, day)) };
    },
    ({ changes: _changes, ...s }) => s,
  );
  // Another worker is evaluating this day's alerts: theirs to finish.
  if (!out.alerts && !(await runFinished(parts.db, 'alerts', day))) return { ...out, held: true };
  // Today's run refits the churn model when it is a week old and enough outcomes exist.
  if (day === today)
    out.churnModel = await step(
      'churn_model',
      () =>
        scheduledRefit(parts.db, day, {
          fittedAt: clockFields(parts.clock).now,
          fittedBy: 'scheduler',
          fiscalStart: config?.CSE_FISCAL_YEAR_START,
        }),
      (r) => ({ ...r }),
    );
  return out;
}

/** The days a scheduler start catches up: after the last finished day, at most `catch_up_days` back, up to today. Pure. */
export function catchUpDays(last: string | null, today: string, maxDays: number): string[] {
  const first = last === null ? today : addDays(last, 1);
  const from = daysBetween(first, today) > maxDays ? addDays(today, -maxDays) : first;
  const days: string[] = [];
  for (let d = from; d <= today; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * One scheduler pass: the days not yet run (caught up, bounded, with progress in the log), then
 * the deliveries that are due now — planned DMs, escalations, digests at each user's local hour.
 * Safe to run from any number of workers at once.
 */
export async function schedulerPass(parts: DailyParts): Promise<DayRun[]> {
  const { today } = clockFields(parts.clock);
  const days = catchUpDays(await lastFinishedDay(parts.db, 'alerts'), today, alertDelivery().catch_up_days);
  const runs: DayRun[] = [];
  for (const [k, day] of days.entries()) {
    if (days.length > 1)
      parts.logger.info({ day, of: `${k + 1}/${days.length}` }, 'catching up a missed day');
    const run = await runDay(parts, day);
    runs.push(run);
    // Days run in order: one held by another worker means the later ones are theirs to run too.
    if (run.held || (!run.alerts && !(await runFinished(parts.db, 'alerts', day)))) break;
  }
  // A sync a vendor asked to wait for runs as its own job once the wait is over.
  if (parts.config) {
    const deferred = await runDeferredSyncs({
      db: parts.db,
      config: parts.config,
      clock: parts.clock,
      logger: parts.logger,
    });
    if (Object.keys(deferred).length > 0) parts.logger.info({ deferred }, 'deferred syncs ran');
  }
  if (parts.channelReader) await readChannelHistories(parts, parts.channelReader);
  await holdToResponseSla(parts, today);
  if (parts.notifier) await deliver(parts, parts.notifier);
  return runs;
}

/**
 * Each pass judges the customers' questions in linked channels against the response SLA (once
 * the day's alerts have run), so a late answer is alerted within a pass, not the next morning.
 */
async function holdToResponseSla(parts: DailyParts, today: string): Promise<void> {
  if (!(await runFinished(parts.db, 'alerts', today))) return;
  const now = clockFields(parts.clock).now;
  const changes = await checkResponseSla(parts.db, await awaitingAnswer(parts.db, now), today, now);
  if (changes.some((c) => c.change === 'raise' || c.change === 'wake'))
    await planAlertDeliveries(parts.db, today);
}

/**
 * The accounts a pass judges against the response SLA: those with a customer question still
 * unanswered in the rule's window, and those whose response-time alert is still open (to resolve
 * it). A cheap read, so a pass over a large book stays light.
 */
async function awaitingAnswer(db: Db, now: string): Promise<string[]> {
  const [questions, alerted] = await Promise.all([
    unansweredQuestions(db, null, now),
    accountsWithLiveAlert(db, 'customer_unanswered'),
  ]);
  return [...new Set([...questions.map((q) => q.account_id), ...alerted])].sort();
}

/** Each pass reads the history of channels linked since the last one (or a back-fill a restart cut short). */
async function readChannelHistories(parts: DailyParts, reader: ChannelHistoryReader): Promise<void> {
  const done = await backfillChannels(
    {
      db: parts.db,
      logger: parts.logger,
      now: () => clockFields(parts.clock).now,
      detector: parts.signalDetector ?? localDetector(),
      ...(parts.channelFeedback ? { feedback: parts.channelFeedback } : {}),
    },
    reader,
  );
  if (done.channels + done.failed > 0) parts.logger.info(done, 'channel histories read');
}

/** DMs planned and not yet sent, escalations due, digests due: each claimed in the send log first. */
export async function deliver(
  parts: DailyParts,
  notifier: AlertNotifier,
  forceDigestDay?: string,
): Promise<void> {
  const { today, now } = clockFields(parts.clock);
  await sendAlertDms(parts.db, notifier, forceDigestDay ?? today, now, parts.logger);
  await escalateDue(parts.db, notifier, now, parts.logger);
  await announceRoadmapChanges(parts.db, notifier, now, parts.logger);
  await sendDigests(parts.db, notifier, now, parts.logger, forceDigestDay);
  if (parts.config)
    await sendLeaderDigests(
      { db: parts.db, config: parts.config, logger: parts.logger },
      notifier,
      now,
      forceDigestDay,
    );
}

/** A past day run again by hand: what held that day, with nothing stored but its snapshot and nothing sent. */
export interface DayReplay {
  day: string;
  accounts: number;
  conditions: (AlertCondition & { account_name: string })[];
}

/**
 * `cse tick --as-of <past day> --replay`: the day's point-in-time snapshot taken again, and the
 * alert conditions that held that day listed. No alert is raised, updated or resolved and nothing
 * is sent, so a later day's alerts keep their ids and states.
 */
export async function replayDay(
  parts: Pick<DailyParts, 'db'>,
  day: string,
  onProgress?: (step: string, done: number, total: number) => void,
): Promise<DayReplay> {
  const snapshot = await scoreAll(parts.db, day, (d, t) => onProgress?.('snapshot', d, t), {
    pointInTime: true,
  });
  const ids = await accountIdsActiveOn(parts.db, day);
  const conditions: DayReplay['conditions'] = [];
  for (let i = 0; i < ids.length; i += REPLAY_BATCH) {
    const { accounts, conditions: held } = await batchConditions(
      parts.db,
      day,
      ids.slice(i, i + REPLAY_BATCH),
      null,
    );
    const names = new Map(accounts.map((a) => [a.account_id, a.name]));
    conditions.push(...held.map((c) => ({ ...c, account_name: names.get(c.account_id) ?? c.account_id })));
    onProgress?.('alerts', Math.min(i + REPLAY_BATCH, ids.length), ids.length);
  }
  return { day, accounts: snapshot.accounts, conditions };
}

const REPLAY_BATCH = 2_000;
