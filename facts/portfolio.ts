import type { Queryable } from '../store/db.ts';
import { type AccountFilter, type PortfolioFact, portfolioFacts } from '../store/repositories/accounts.ts';
import { latestSnapshots } from '../store/repositories/portfolio-signals.ts';
import {
  type PortfolioAccount,
  type PortfolioSummary,
  portfolioSummary,
} from '../tools/portfolio/portfolio-summary.ts';
import { type TierPoint, tierPoint } from '../tools/portfolio/tier-movers.ts';

/** A stored account as the portfolio tools read it. */
export function portfolioAccount(a: PortfolioFact): PortfolioAccount {
  return {
    accountId: a.account_id,
    name: a.name,
    segment: a.segment,
    csm: a.csm,
    renewalDate: a.renewal_date,
    contractTerm: a.contract_term,
    mrrCents: a.mrr_cents,
    hasRevenue: a.has_revenue,
    declaredArrCents: a.arr_cents,
    healthTier: a.health_tier,
  };
}

/**
 * The active accounts of a book (every one by default) on a day: the stored rows, the reporting
 * month, and the portfolio summary (each account's ARR by facts/arr's rule, tiers, renewals).
 */
export async function portfolioOn(
  db: Queryable,
  asOf: string,
  filter: Omit<AccountFilter, 'status'> = {},
): Promise<{ revenueMonth: string | null; rows: PortfolioFact[]; summary: PortfolioSummary }> {
  const facts = await portfolioFacts(db, asOf, filter);
  return {
    revenueMonth: facts.revenueMonth,
    rows: facts.accounts,
    summary: portfolioSummary(facts.accounts.map(portfolioAccount), asOf),
  };
}

/**
 * Each account's health on a day, as the movers compare it: the latest snapshot on or before the
 * day (tier, score, dimensions), by account; accounts never scored are absent.
 */
export async function healthPointsOn(
  db: Queryable,
  day: string,
  ids: readonly string[],
): Promise<Map<string, TierPoint>> {
  return new Map((await latestSnapshots(db, day, [...ids], true)).map((s) => [s.account_id, tierPoint(s)]));
}

/** Stored as is: read by answers, jobs and Slack surfaces through this module. */
export { churnedBetween, expansionSignals } from '../store/repositories/portfolio-signals.ts';
