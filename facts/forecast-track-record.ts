import { addDays, addMonths, monthOf } from '../core/calendar.ts';
import type { BacktestSettings } from '../knowledge/backtest-settings.ts';
import type { Queryable } from '../store/db.ts';
import { type ForecastHistoryAccount, forecastHistoryAccounts } from '../store/repositories/backtest-data.ts';
import type { StoredTrackRecord } from '../store/repositories/churn-models.ts';
import { renewalOnOrAfter } from '../tools/backtest/account-facts.ts';
import { type ChurnModel, churnProbability, fitChurnModel } from '../tools/backtest/churn-model.ts';
import { mrrMonthOn } from '../tools/backtest/churn-outcome.ts';
import type { BacktestObservation } from '../tools/backtest/score-backtest.ts';
import { quarterName, quarterStart, quarterWindow } from '../tools/dates/fiscal.ts';
import { renewedArr } from '../tools/forecast/renewal-distribution.ts';
import { accountArr } from '../tools/portfolio/account-arr.ts';
import { isMonthlyTerm } from '../tools/renewal/term-renewal.ts';
import { type ChurnInputs, churnInputsOn } from './account-facts.ts';
import {
  EVERY_ACCOUNT,
  monthlyCutoffs,
  type OutcomeJudge,
  outcomeJudge,
  storedObservations,
} from './backtest-observations.ts';
import { churnFitOptions } from './churn-model-fit.ts';

/** One past quarter: the forecast made with what was known at its start, and what renewed. */
export type TrackedQuarter = StoredTrackRecord['quarters'][number];

/** The replayed quarters, and why any are missing (too little history before them), or null. */
export type TrackRecord = Omit<StoredTrackRecord, 'computed_at'>;

/** ARR on a day as the portfolio would have reported it then (facts/arr's rule on that day's month). */
function arrThen(account: ForecastHistoryAccount, series: OutcomeJudge['series'], day: string): number {
  const month = mrrMonthOn(day);
  const mrrByMonth = series.get(account.account_id)?.mrrByMonth ?? new Map<string, number>();
  return accountArr({
    mrrCents: mrrByMonth.get(month) ?? null,
    hasRevenue: [...mrrByMonth.keys()].some((m) => m <= month),
    declaredArrCents: account.arr_cents === null ? null : Number(account.arr_cents),
  }).arrCents;
}

/** The renewals due in a quarter as known at its start: customers then, on a term, with an anniversary in it. */
function dueThen(accounts: readonly ForecastHistoryAccount[], from: string, to: string) {
  return accounts.filter((a) => {
    if (a.contract_start !== null && a.contract_start > from) return false;
    if (a.churned_at !== null && a.churned_at <= from) return false;
    if (a.renewal_date === null || isMonthlyTerm(a.contract_term)) return false;
    const renewal = renewalOnOrAfter(a.renewal_date, from);
    return renewal <= to;
  });
}

interface ReplayInputs {
  db: Queryable;
  accounts: readonly ForecastHistoryAccount[];
  /** Outcomes and MRR series of every account, due or not. */
  judge: OutcomeJudge;
}

/** One quarter replayed: the forecast with the model fitted on what was known at its start. */
async function replay(
  inputs: ReplayInputs,
  model: ChurnModel,
  from: string,
  to: string,
  name: string,
): Promise<TrackedQuarter> {
  const due = dueThen(inputs.accounts, from, to);
  const ids = due.map((a) => a.account_id);
  const read = await churnInputsOn(inputs.db, ids, from, inputs.judge.mrrOn);
  const chances = due.map((a) => ({
    accountId: a.account_id,
    arrCents: arrThen(a, inputs.judge.series, from),
    probability: 1 - churnProbability(model, (read.get(a.account_id) as ChurnInputs).signals),
  }));
  const distribution = renewedArr(chances);
  const actualCents = chances
    .filter((c) => inputs.judge.outcome(c.accountId, from).kind === 'retained')
    .reduce((s, c) => s + c.arrCents, 0);
  return {
    quarter: name,
    from,
    to,
    accounts: due.length,
    dueCents: distribution.dueCents,
    expectedCents: distribution.expectedCents,
    p10Cents: distribution.p10Cents,
    p50Cents: distribution.p50Cents,
    p90Cents: distribution.p90Cents,
    actualCents,
    inside: actualCents >= distribution.p10Cents && actualCents <= distribution.p90Cents,
  };
}

/**
 * The renewal forecast's track record: each of the last `maxQuarters` quarters before the current
 * one, forecast as it would have been at its start — the churn model fitted only on outcomes known
 * by then (cutoffs whose horizon ended before the start), the health snapshots and account facts of
 * that day — against the ARR that was kept through the quarter. Quarters with too little history
 * before them are left out and said so.
 */
export async function forecastTrackRecord(
  db: Queryable,
  today: string,
  settings: BacktestSettings,
  options: { fiscalStart?: number; maxQuarters?: number } = {},
): Promise<TrackRecord> {
  const fiscalStart = options.fiscalStart ?? 1;
  const horizon = settings.outcome.horizon_days;
  let cutoffs: string[];
  try {
    cutoffs = (await monthlyCutoffs(db, { from: '1900-01-01', to: today, today }, horizon)).judged;
  } catch {
    return {
      quarters: [],
      note: 'no judged history yet (back-fill snapshots: cse score --all --from … --every week)',
    };
  }
  // One judge over every account: a renewal due without a snapshot is judged on its own outcome too.
  const accounts = await forecastHistoryAccounts(db);
  const judge = await outcomeJudge(
    db,
    accounts.map((a) => a.account_id),
    settings,
    today,
  );
  const { observations } = await storedObservations(db, cutoffs, EVERY_ACCOUNT, settings, today, judge);
  const current = quarterStart(monthOf(today), fiscalStart);
  const quarters: TrackedQuarter[] = [];
  let skipped = 0;
  for (let k = options.maxQuarters ?? 8; k >= 1; k--) {
    const start = addMonths(current, -3 * k);
    const { from, to } = quarterWindow(start);
    const known = observations.filter((o: BacktestObservation) => addDays(o.cutoff, horizon) <= from);
    const fit = fitChurnModel(known, churnFitOptions(settings));
    if (!fit) {
      skipped++;
      continue;
    }
    quarters.push(
      await replay({ db, accounts, judge }, fit.model, from, to, quarterName(start, fiscalStart)),
    );
  }
  return {
    quarters,
    note:
      skipped > 0
        ? `${skipped} earlier quarter${skipped === 1 ? '' : 's'} left out: fewer than two monthly cutoffs judged before ${skipped === 1 ? 'its' : 'their'} start`
        : null,
  };
}
