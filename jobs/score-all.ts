import { addDays, addMonths, monthEnd, monthOf } from '../core/calendar.ts';
import { accountIdsActiveOn, activeAccountIds, healthData } from '../facts/health.ts';
import { healthModel } from '../knowledge/health-model.ts';
import { saveHealthSnapshots } from '../records/health.ts';
import type { Db } from '../store/db.ts';
import { healthScore } from '../tools/health/health-score.ts';

export interface ScoreAllSummary {
  as_of: string;
  accounts: number;
  tiers: Record<string, number>;
  model_version: string;
  duration_ms: number;
}

const BATCH = 2_000;

/**
 * Scores every active account as of a day and stores one health snapshot each (replacing a
 * snapshot of the same day): set-based reads, one COPY and one upsert per batch, all in one
 * transaction per batch.
 */
export async function scoreAll(
  db: Db,
  asOf: string,
  onProgress?: (done: number, total: number) => void,
  options: { pointInTime?: boolean } = {},
): Promise<ScoreAllSummary> {
  const started = performance.now();
  const model = healthModel();
  // A past day scores the accounts that were customers then, not the ones active today.
  const ids = options.pointInTime ? await accountIdsActiveOn(db, asOf) : await activeAccountIds(db);
  const tiers: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const scores = (await healthData(db, asOf, batch)).map((data) => ({
      accountId: data.accountId,
      health: healthScore(data, model),
    }));
    await saveHealthSnapshots(
      db,
      scores.map(({ accountId, health }) => ({
        account_id: accountId,
        as_of: asOf,
        score: health.score,
        tier: health.tier,
        dimensions: health.dimensions,
        missing: health.missing,
        model_version: health.modelVersion,
        coverage: health.coverage,
      })),
    );
    for (const { health } of scores) tiers[health.tier] = (tiers[health.tier] ?? 0) + 1;
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  return {
    as_of: asOf,
    accounts: ids.length,
    tiers,
    model_version: model.model_version,
    duration_ms: Math.round(performance.now() - started),
  };
}

export interface BackfillSummary {
  from: string;
  to: string;
  every: 'day' | 'week' | 'days';
  days: { as_of: string; accounts: number; tiers: Record<string, number> }[];
  snapshots: number;
  model_version: string;
  duration_ms: number;
}

/** At most this many days in one back-fill: two years of days, or forty years of weeks. */
export const MAX_BACKFILL_DAYS = 730;

/** The days a back-fill scores: `from`, then every step, up to and including `to`. Pure. */
export function backfillDays(from: string, to: string, every: 'day' | 'week'): string[] {
  const step = every === 'week' ? 7 : 1;
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, step)) days.push(day);
  return days;
}

/**
 * Point-in-time snapshots for a run of past days, from the dated history: each day scores the
 * accounts that were customers then, from the usage, tickets, touches and revenue dated on or
 * before it. Idempotent: a day scored again replaces its snapshots.
 */
export async function backfillSnapshots(
  db: Db,
  range: { from: string; to: string; every: 'day' | 'week' },
  onDay?: (asOf: string, done: number, total: number) => void,
): Promise<BackfillSummary> {
  return backfillOn(db, backfillDays(range.from, range.to, range.every), onDay, range.every);
}

/**
 * The demo's history: the month-ends of the `months` months before a weekly run of `weeks`
 * weeks that ends on as-of. Weekly where trends, movers and alerts look; monthly before that,
 * which is all a backtest's monthly cutoffs read. Pure.
 */
export function demoHistoryDays(asOf: string, weeks: number, months: number): string[] {
  const weekly = backfillDays(addDays(asOf, -7 * (weeks - 1)), asOf, 'week');
  const first = weekly[0] as string;
  const monthly = Array.from({ length: months }, (_, k) => monthEnd(addMonths(monthOf(first), k - months)));
  return [...monthly.filter((d) => d < first), ...weekly];
}

/** Point-in-time snapshots for the given past days, oldest first (see backfillSnapshots). */
export async function backfillOn(
  db: Db,
  days: readonly string[],
  onDay?: (asOf: string, done: number, total: number) => void,
  every: BackfillSummary['every'] = 'days',
): Promise<BackfillSummary> {
  const started = performance.now();
  const out: BackfillSummary['days'] = [];
  for (const [k, day] of days.entries()) {
    const summary = await scoreAll(db, day, undefined, { pointInTime: true });
    out.push({ as_of: day, accounts: summary.accounts, tiers: summary.tiers });
    onDay?.(day, k + 1, days.length);
  }
  return {
    from: days[0] ?? '',
    to: days.at(-1) ?? '',
    every,
    days: out,
    snapshots: out.reduce((n, d) => n + d.accounts, 0),
    model_version: healthModel().model_version,
    duration_ms: Math.round(performance.now() - started),
  };
}
