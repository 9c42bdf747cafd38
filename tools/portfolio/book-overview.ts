import { worstFirst } from './health-tiers.ts';
import type { PortfolioAccount, UpcomingRenewal } from './portfolio-summary.ts';

/** An account of the book with its ARR (from portfolioSummary). */
export type BookAccount = Pick<
  PortfolioAccount,
  'accountId' | 'name' | 'renewalDate' | 'contractTerm' | 'healthTier'
> & {
  arrCents: number;
};

export interface BookOverview {
  tiers: {
    tier: string;
    count: number;
    arrCents: number;
    accounts: { accountId: string; name: string; arrCents: number }[];
  }[];
  renewals: (Pick<UpcomingRenewal, 'accountId' | 'name' | 'renewalDate' | 'daysToRenewal' | 'arrCents'> & {
    tier: string | null;
  })[];
}

/**
 * A CSM's book at a glance (the Slack App Home): accounts by health tier (largest first), the
 * renewals of the next 90 days (from portfolioSummary). The open alerts come from the alert rules
 * (commands/book-home.ts). Pure.
 */
export function bookOverview(
  accounts: readonly BookAccount[],
  nextRenewals: readonly UpcomingRenewal[],
): BookOverview {
  const tierOf = new Map(accounts.map((a) => [a.accountId, a.healthTier ?? null]));
  const byTier = new Map<string, BookAccount[]>();
  for (const a of accounts) {
    const tier = a.healthTier ?? 'unscored';
    byTier.set(tier, [...(byTier.get(tier) ?? []), a]);
  }
  const byArr = (x: BookAccount, y: BookAccount) => y.arrCents - x.arrCents || x.name.localeCompare(y.name);
  const tiers = [...byTier.entries()]
    .sort(([a], [b]) => worstFirst(a, b))
    .map(([tier, list]) => ({
      tier,
      count: list.length,
      arrCents: list.reduce((n, a) => n + a.arrCents, 0),
      accounts: [...list]
        .sort(byArr)
        .map((a) => ({ accountId: a.accountId, name: a.name, arrCents: a.arrCents })),
    }));
  const renewals = nextRenewals.map((r) => ({
    accountId: r.accountId,
    name: r.name,
    renewalDate: r.renewalDate,
    daysToRenewal: r.daysToRenewal,
    arrCents: r.arrCents,
    tier: tierOf.get(r.accountId) ?? null,
  }));
  return { tiers, renewals };
}
