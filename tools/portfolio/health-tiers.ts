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

export function tierRank(tier: string | null): number | null {
  return tier === null ? null : (TIER_RANK[tier] ?? null);
}

export function isAtRisk(tier: string | null): boolean {
  return tier !== null && AT_RISK_TIERS.has(tier);
}
