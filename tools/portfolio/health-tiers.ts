/**
 * Health tiers, best first. The model's own tiers, plus the traffic-light tiers some teams import
 * (`health_tier` = green / yellow / red), so both sort and count the same way.
 */
const TIER_RANK: Record<string, number> = {
  thriving: 4,
  healthy: 3,
  'at-risk': 2,
  critical: 1,
  green: 3,
  yellow: 2,
  red: 1,
};

/** Tiers that count as "at risk" in the portfolio view. */
export const AT_RISK_TIERS: ReadonlySet<string> = new Set(['at-risk', 'critical', 'red']);

/** A tier's rank, higher is better (null for no tier or one the model does not know). */
export function tierRank(tier: string | null): number | null {
  return tier === null ? null : (TIER_RANK[tier] ?? null);
}

/** Whether tier `a` is worse than tier `b` (an unknown tier is worse than none and better than none). */
export const worseTier = (a: string, b: string): boolean => (tierRank(a) ?? 0) < (tierRank(b) ?? 0);

/** Worst first, `unscored` (and any unknown tier) last: the order a CSM works a book in. */
export const worstFirst = (a: string, b: string): number =>
  (tierRank(a) ?? Number.POSITIVE_INFINITY) - (tierRank(b) ?? Number.POSITIVE_INFINITY) || a.localeCompare(b);

export function isAtRisk(tier: string | null): boolean {
  return tier !== null && AT_RISK_TIERS.has(tier);
}
