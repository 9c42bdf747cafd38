import { backtestSettings } from '../knowledge/backtest-settings.ts';
import { latestChurnModel } from '../records/churn-models.ts';
import type { Queryable } from '../store/db.ts';
import type { AccountFilter } from '../store/repositories/accounts.ts';
import type { StoredExpansionRate, StoredTrackRecord } from '../store/repositories/churn-models.ts';
import { churnDrivers, churnProbability, featureLabel } from '../tools/backtest/churn-model.ts';
import { modelWithheld, type ValidatedModel } from '../tools/backtest/churn-probability.ts';
import type { DueRenewal } from '../tools/forecast/renewal-forecast.ts';
import { hasTermRenewal, isMonthlyTerm } from '../tools/renewal/term-renewal.ts';
import { type ChurnInputs, churnInputsOn } from './account-facts.ts';
import { portfolioOn } from './portfolio.ts';

/** Accounts counted apart from the forecast: monthly terms renew every month; others have no date. */
export interface CountedApart {
  monthly: { accounts: number; arrCents: number };
  noRenewalDate: { accounts: number; arrCents: number };
}

export interface ForecastInputs {
  /** The churn model the probabilities come from, or why there is none to use. */
  model: { id: string; horizonDays: number } | { withheld: string };
  /** The expansion rate stored with the latest model, when one was measured. */
  expansionRate: StoredExpansionRate | null;
  /** The track record stored with the latest model, when one was computed, and that model's id. */
  trackRecord: (StoredTrackRecord & { modelId: string }) | null;
  /** Renewals due in the period, each with its probability (empty without a model). */
  due: DueRenewal[];
  /** How many renewals are due in the period and their ARR, priced or not. */
  dueTotal: { accounts: number; arrCents: number };
  apart: CountedApart;
}

/** Why one renewal's probability is what it is: the two features that move it most, in words. */
function reasonsOf(stored: ValidatedModel, inputs: ChurnInputs): string[] {
  const drivers = churnDrivers(stored.model, inputs.signals)
    .slice(0, 2)
    .map((d) => `${featureLabel(d.feature)} ${d.contribution > 0 ? 'lowers' : 'raises'} the chance`);
  return inputs.scored ? drivers : ['no health score yet: read from its account facts only', ...drivers];
}

/** A renewal's probability: one minus the model's probability of churn within its horizon. */
async function pricedRenewals(
  db: Queryable,
  asOf: string,
  due: readonly { accountId: string; name: string; arrCents: number; renewalDate: string }[],
  stored: ValidatedModel,
): Promise<DueRenewal[]> {
  const inputs = await churnInputsOn(
    db,
    due.map((d) => d.accountId),
    asOf,
  );
  return due.map((d) => {
    const read = inputs.get(d.accountId) as ChurnInputs;
    return {
      ...d,
      probability: 1 - churnProbability(stored.model, read.signals),
      reasons: reasonsOf(stored, read),
    };
  });
}

/**
 * What a renewal forecast reads on a day: the book's accounts whose term renewal falls in the
 * period (ARR by facts/arr's rule), each priced by the latest churn model that may be used, and
 * what is counted apart.
 */
export async function forecastInputs(
  db: Queryable,
  asOf: string,
  period: { from: string; to: string },
  filter: Omit<AccountFilter, 'status'>,
): Promise<ForecastInputs> {
  const { summary } = await portfolioOn(db, asOf, filter);
  const sum = (xs: readonly { arrCents: number }[]) => xs.reduce((s, x) => s + x.arrCents, 0);
  const monthly = summary.accounts.filter((a) => isMonthlyTerm(a.contractTerm));
  const noDate = summary.accounts.filter((a) => !isMonthlyTerm(a.contractTerm) && a.renewalDate === null);
  const due = summary.accounts
    .filter((a) => hasTermRenewal(a))
    .filter((a) => a.renewalDate >= period.from && a.renewalDate <= period.to)
    .map((a) => ({ accountId: a.accountId, name: a.name, arrCents: a.arrCents, renewalDate: a.renewalDate }))
    .sort((a, b) => a.renewalDate.localeCompare(b.renewalDate) || a.accountId.localeCompare(b.accountId));
  const apart = {
    monthly: { accounts: monthly.length, arrCents: sum(monthly) },
    noRenewalDate: { accounts: noDate.length, arrCents: sum(noDate) },
  };
  const stored = await latestChurnModel(db);
  const withheld = stored
    ? modelWithheld(stored, backtestSettings().churn_model.show_probability)
    : 'no churn model has been fitted yet (cse model fit, after a back-fill of snapshots)';
  const trackRecord = stored?.validation.track_record
    ? { ...stored.validation.track_record, modelId: stored.model_id }
    : null;
  const expansionRate = stored?.validation.expansion_rate ?? null;
  const read = { trackRecord, expansionRate, dueTotal: { accounts: due.length, arrCents: sum(due) }, apart };
  if (!stored || withheld) return { ...read, model: { withheld: withheld as string }, due: [] };
  return {
    ...read,
    model: { id: stored.model_id, horizonDays: stored.horizon_days },
    due: await pricedRenewals(db, asOf, due, stored),
  };
}
