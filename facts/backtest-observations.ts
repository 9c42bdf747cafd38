import { addDays, monthOf } from '../core/calendar.ts';
import { CseError, ErrorCode } from '../core/errors.ts';
import { SeededRandom } from '../core/random.ts';
import type { BacktestSettings } from '../knowledge/backtest-settings.ts';
import type { HealthModel } from '../knowledge/health-model.ts';
import type { Queryable } from '../store/db.ts';
import { churnOutcome, type Outcome, type OutcomeFacts } from '../tools/backtest/churn-outcome.ts';
import { healthSignals } from '../tools/backtest/health-signals.ts';
import {
  type BacktestObservation,
  type ScoreBacktestReport,
  scoreBacktest,
} from '../tools/backtest/score-backtest.ts';
import { healthScore } from '../tools/health/health-score.ts';
import { accountFactsOn } from './account-facts.ts';
import {
  type BacktestScope,
  type BacktestSnapshot,
  lastRevenueMonth,
  snapshotDays,
  snapshotsOn,
} from './backtest.ts';
import { accountIdsActiveOn, healthData } from './health.ts';
import { mrrReader, outcomeFactsOf } from './mrr-series.ts';

/** Every account, whoever's book: the scope of the churn model and its track record. */
export const EVERY_ACCOUNT: BacktestScope = { csmKeys: null, segment: null };

export interface BacktestRange {
  /** First and last day whose snapshots may be cutoffs. */
  from: string;
  to: string;
  /** The day the outcomes are read as of: a cutoff is judged once its horizon has ended by then. */
  today: string;
}

export interface Cutoffs {
  /** One snapshot day per month (its last), whose horizon has ended. */
  judged: string[];
  /** Monthly snapshot days whose horizon has not ended yet. */
  pending: string[];
}

const backfillHint = (today: string) =>
  `Back-fill point-in-time snapshots from your dated history first: cse score --all --from ${addDays(today, -365)} --to ${today} --every week`;

/** The monthly cutoffs in a range: the last snapshot day of each month, judged or still pending. */
export async function monthlyCutoffs(
  db: Queryable,
  range: BacktestRange,
  horizonDays: number,
): Promise<Cutoffs> {
  const days = await snapshotDays(db, range.from, range.to);
  if (days.length === 0)
    throw new CseError(ErrorCode.NotFound, `No health snapshots between ${range.from} and ${range.to}`, {
      hint: backfillHint(range.today),
    });
  const lastOfMonth = new Map<string, string>();
  for (const day of days) lastOfMonth.set(monthOf(day), day);
  const monthly = [...lastOfMonth.values()];
  const judged = monthly.filter((d) => addDays(d, horizonDays) <= range.today);
  if (judged.length === 0)
    throw new CseError(
      ErrorCode.NotFound,
      `No snapshot between ${range.from} and ${range.to} is ${horizonDays} days old yet, so no outcome can be judged (first snapshot ${days[0]})`,
      { hint: backfillHint(range.today) },
    );
  return { judged, pending: monthly.filter((d) => !judged.includes(d)) };
}

export interface OutcomeJudge {
  /** What happened to an account within the horizon after a day. */
  outcome(accountId: string, cutoff: string): Outcome;
  /** Its MRR on a day (cents), 0 without revenue. */
  mrrOn(accountId: string, day: string): number;
  /** What it read: each account's churn date and month-end MRR series. */
  series: ReadonlyMap<string, OutcomeFacts>;
}

const NO_FACTS: OutcomeFacts = { churnedAt: null, mrrByMonth: new Map() };

/** Reads, once, what decides the outcomes of a set of accounts: churn dates, MRR series and the rule. */
export async function outcomeJudge(
  db: Queryable,
  ids: readonly string[],
  settings: BacktestSettings,
  today: string,
): Promise<OutcomeJudge> {
  const facts = await outcomeFactsOf(db, ids);
  const rule = {
    horizonDays: settings.outcome.horizon_days,
    contractionShare: settings.outcome.contraction_share,
    dataEnd: today,
    lastRevenueMonth: await lastRevenueMonth(db),
  };
  return {
    outcome: (id, cutoff) => churnOutcome(facts.get(id) ?? NO_FACTS, cutoff, rule),
    mrrOn: mrrReader(facts),
    series: facts,
  };
}

type Scored = Pick<BacktestSnapshot, 'account_id' | 'as_of' | 'score' | 'tier' | 'dimensions'>;

type FactsByDay = ReadonlyMap<string, Record<string, number | null>>;

/** Joins scores to outcomes and account facts: one observation per scored account and judged cutoff. */
function observe(scored: readonly Scored[], judge: OutcomeJudge, facts: FactsByDay): BacktestObservation[] {
  return scored.flatMap((s) => {
    const outcome = judge.outcome(s.account_id, s.as_of);
    if (outcome.kind === 'pending') return [];
    return [
      {
        account_id: s.account_id,
        cutoff: s.as_of,
        score: s.score,
        tier: s.tier,
        churned: outcome.kind !== 'retained',
        outcome: outcome.kind,
        mrr_cents: judge.mrrOn(s.account_id, s.as_of),
        ...healthSignals(s.dimensions),
        facts: facts.get(`${s.account_id}|${s.as_of}`) ?? {},
      },
    ];
  });
}

const accountsOf = (rows: readonly { account_id: string }[]) => [...new Set(rows.map((r) => r.account_id))];

/** Observations from the snapshots stored on the cutoffs: what the team saw at the time. */
export async function storedObservations(
  db: Queryable,
  cutoffs: readonly string[],
  scope: BacktestScope,
  settings: BacktestSettings,
  today: string,
  /** A judge already read for these accounts (or more), so their outcomes are not read again. */
  judged?: OutcomeJudge,
): Promise<{ observations: BacktestObservation[]; modelVersions: string[]; judge: OutcomeJudge }> {
  const snapshots = await snapshotsOn(db, cutoffs, scope);
  const ids = accountsOf(snapshots);
  const judge = judged ?? (await outcomeJudge(db, ids, settings, today));
  const facts = await accountFactsOn(db, ids, cutoffs, judge.mrrOn);
  return {
    observations: observe(snapshots, judge, facts),
    modelVersions: [...new Set(snapshots.map((s) => s.model_version))].sort(),
    judge,
  };
}

/**
 * Observations with every cutoff scored afresh by each of the given models from the history dated
 * on or before it (read once for all of them): how each model would have ranked the same accounts
 * on the same days. One list per model, in their order.
 */
export async function rescoredObservations(
  db: Queryable,
  cutoffs: readonly string[],
  scope: BacktestScope,
  settings: BacktestSettings,
  today: string,
  models: readonly HealthModel[],
): Promise<BacktestObservation[][]> {
  const scored: Scored[][] = models.map(() => []);
  const stored = await snapshotsOn(db, cutoffs, scope);
  const inScope = new Set(stored.map((s) => `${s.account_id}|${s.as_of}`));
  for (const cutoff of cutoffs) {
    const ids = (await accountIdsActiveOn(db, cutoff)).filter((id) => inScope.has(`${id}|${cutoff}`));
    for (const data of await healthData(db, cutoff, ids)) {
      models.forEach((model, m) => {
        const health = healthScore(data, model);
        scored[m]?.push({
          account_id: data.accountId,
          as_of: cutoff,
          score: health.score,
          tier: health.tier,
          dimensions: health.dimensions,
        });
      });
    }
  }
  const ids = accountsOf(stored);
  const judge = await outcomeJudge(db, ids, settings, today);
  const facts = await accountFactsOn(db, ids, cutoffs, judge.mrrOn);
  return scored.map((rows) => observe(rows, judge, facts));
}

/** The score backtest of a set of observations, with the bootstrap seeded as the settings say. */
export function seededBacktest(
  observations: readonly BacktestObservation[],
  settings: BacktestSettings,
): ScoreBacktestReport {
  const rng = new SeededRandom(settings.bootstrap.seed);
  return scoreBacktest(observations, {
    random: () => rng.next(),
    bootstrapSamples: settings.bootstrap.samples,
  });
}
