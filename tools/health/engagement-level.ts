import { addDays } from '../../core/calendar.ts';
import type { EngagementLevelId, EngagementLevels } from '../../knowledge/engagement-levels.ts';
import { roundRatio, stickinessOf, usageWindowStart } from '../usage/stickiness.ts';

/** What the level reads about an account's usage as of a day (store/repositories/engagement-facts). */
export interface EngagementFacts {
  /** Whether any usage row is on record up to the day. */
  hasUsage: boolean;
  /** Mean DAU and mean MAU over the window ending on the day (null without rows in it). */
  dauMean: number | null;
  mauMean: number | null;
  /** Features used ÷ available on the latest row in the window that has both (tools/usage/stickiness). */
  featureBreadth: number | null;
  /** The last day with any activity (DAU, WAU or core actions above 0). */
  lastActive: string | null;
}

export interface EngagementLevel {
  level: EngagementLevelId;
  label: string;
  behaviour: string;
  renewal_odds: string;
  action: string;
  /** Mean DAU ÷ mean MAU over the window; null for a ghost. */
  dau_mau: number | null;
  feature_breadth: number | null;
  last_active: string | null;
  /** The window the figures cover. */
  from: string;
  to: string;
  version: string;
}

/**
 * An account's engagement level as of a day (PLAYBOOK: engagement-to-retention mapping): a ghost
 * when nothing was active for `ghost_after_days`; else the first level whose minimum stickiness
 * (mean DAU ÷ mean MAU over the window) and feature breadth both hold. Null without usage data.
 * Pure.
 */
export function engagementLevel(
  facts: EngagementFacts,
  asOf: string,
  config: EngagementLevels,
): EngagementLevel | null {
  if (!facts.hasUsage) return null;
  const base = {
    from: usageWindowStart(asOf),
    to: asOf,
    version: config.version,
    last_active: facts.lastActive,
  };
  if (facts.lastActive === null || facts.lastActive < addDays(asOf, -config.ghost_after_days)) {
    const { level, label, behaviour, renewal_odds, action } = config.ghost;
    return { level, label, behaviour, renewal_odds, action, dau_mau: null, feature_breadth: null, ...base };
  }
  const stickiness = stickinessOf(facts.dauMean, facts.mauMean) ?? 0;
  const breadth = facts.featureBreadth;
  const fit =
    config.levels.find((l) => stickiness >= l.min_dau_mau && (breadth ?? 0) >= l.min_feature_breadth) ??
    (config.levels.at(-1) as EngagementLevels['levels'][number]);
  return {
    level: fit.level,
    label: fit.label,
    behaviour: fit.behaviour,
    renewal_odds: fit.renewal_odds,
    action: fit.action,
    dau_mau: roundRatio(stickiness),
    feature_breadth: breadth === null ? null : roundRatio(breadth),
    ...base,
  };
}
