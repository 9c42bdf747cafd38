import { compareText } from '../compare-text.ts';
import { annualised } from '../portfolio/account-arr.ts';
import { type Ratio, ratio } from './ratio.ts';

/**
 * Health-tier distribution (METRICS.md §7): active accounts at as_of (MRR > 0) grouped by tier
 * (blank ⇒ `unknown`), with count, ARR (MRR × 12) and shares of each. Money in cents.
 */
export interface TieredAccount {
  accountId: string;
  tier: string | null;
  mrrCents: number;
}

export interface TierShare {
  accounts: string[];
  count: number;
  arrCents: number;
  countShare: Ratio;
  arrShare: Ratio;
}

export interface HealthDistribution {
  activeAccounts: number;
  totalArrCents: number;
  tiers: Record<string, TierShare>;
}

export function healthDistribution(accounts: readonly TieredAccount[]): HealthDistribution {
  const active = [...accounts]
    .filter((a) => a.mrrCents > 0)
    .sort((a, b) => compareText(a.accountId, b.accountId));
  const totalArr = active.reduce((s, a) => s + annualised(a.mrrCents), 0);
  const groups = new Map<string, TieredAccount[]>();
  for (const a of active) {
    const tier = a.tier?.trim() ? a.tier.trim() : 'unknown';
    const members = groups.get(tier);
    if (members) members.push(a);
    else groups.set(tier, [a]);
  }
  const tiers: Record<string, TierShare> = {};
  for (const tier of [...groups.keys()].sort()) {
    const members = groups.get(tier) as TieredAccount[];
    const arr = members.reduce((s, a) => s + annualised(a.mrrCents), 0);
    tiers[tier] = {
      accounts: members.map((a) => a.accountId),
      count: members.length,
      arrCents: arr,
      countShare: ratio(members.length, active.length),
      arrShare: ratio(arr, totalArr),
    };
  }
  return { activeAccounts: active.length, totalArrCents: totalArr, tiers };
}
