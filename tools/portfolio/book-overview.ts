import { daysBetween } from '../dates/calendar';

export interface BookAccount {
  accountId: string;
  name: string;
  tier: string | null;
  renewalDate: string | null;
  arrCents: number;
}

export interface BookAlert {
  accountId: string;
  name: string;
  kind: 'critical' | 'renewal_at_risk' | 'renewal_overdue';
  detail: string;
}

export interface BookOverview {
  tiers: {
    tier: string;
    count: number;
    arrCents: number;
    accounts: { accountId: string; name: string; arrCents: number }[];
  }[];
  renewals: {
    accountId: string;
    name: string;
    renewalDate: string;
    daysToRenewal: number;
    arrCents: number;
    tier: string | null;
  }[];
  alerts: BookAlert[];
}

/** Worst first: the order a CSM works a book in. */
const TIER_ORDER = ['critical', 'at-risk', 'healthy', 'thriving', 'unscored'];
const RENEWAL_WINDOW_DAYS = 90;
const RENEWAL_RISK_DAYS = 30;
const AT_RISK = new Set(['critical', 'at-risk']);

/**
 * A CSM's book at a glance (the Slack App Home): accounts by health tier (largest first),
 * renewals in the next 90 days, and the alerts that need someone now — critical health,
 * a renewal within 30 days on an at-risk account, a renewal date already past. Pure.
 */
export function bookOverview(accounts: readonly BookAccount[], asOf: string): BookOverview {
  const byTier = new Map<string, BookAccount[]>();
  for (const a of accounts) {
    const tier = a.tier ?? 'unscored';
    byTier.set(tier, [...(byTier.get(tier) ?? []), a]);
  }
  const rank = (tier: string) => (TIER_ORDER.includes(tier) ? TIER_ORDER.indexOf(tier) : TIER_ORDER.length);
  const byArr = (x: BookAccount, y: BookAccount) => y.arrCents - x.arrCents || x.name.localeCompare(y.name);
  const tiers = [...byTier.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([tier, list]) => ({
      tier,
      count: list.length,
      arrCents: list.reduce((n, a) => n + a.arrCents, 0),
      accounts: [...list]
        .sort(byArr)
        .map((a) => ({ accountId: a.accountId, name: a.name, arrCents: a.arrCents })),
    }));
  const renewals = accounts
    .filter((a) => a.renewalDate !== null)
    .map((a) => ({ a, days: daysBetween(asOf, a.renewalDate as string) }))
    .filter(({ days }) => days >= 0 && days <= RENEWAL_WINDOW_DAYS)
    .sort((x, y) => x.days - y.days || byArr(x.a, y.a))
    .map(({ a, days }) => ({
      accountId: a.accountId,
      name: a.name,
      renewalDate: a.renewalDate as string,
      daysToRenewal: days,
      arrCents: a.arrCents,
      tier: a.tier,
    }));
  const alerts: BookAlert[] = [];
  for (const a of [...accounts].sort(byArr)) {
    const days = a.renewalDate ? daysBetween(asOf, a.renewalDate) : null;
    if (days !== null && days < 0)
      alerts.push({
        accountId: a.accountId,
        name: a.name,
        kind: 'renewal_overdue',
        detail: `renewal date ${a.renewalDate} passed ${-days} days ago with no new term recorded`,
      });
    else if (days !== null && days <= RENEWAL_RISK_DAYS && AT_RISK.has(a.tier ?? ''))
      alerts.push({
        accountId: a.accountId,
        name: a.name,
        kind: 'renewal_at_risk',
        detail: `renews in ${days} days and is ${a.tier}`,
      });
    else if (a.tier === 'critical')
      alerts.push({ accountId: a.accountId, name: a.name, kind: 'critical', detail: 'health is critical' });
  }
  return { tiers, renewals, alerts };
}
