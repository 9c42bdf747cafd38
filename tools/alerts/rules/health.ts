import { z } from 'zod';
import { addDays, daysBetween } from '../../../core/calendar.ts';
import type { EngagementLevels } from '../../../knowledge/engagement-levels.ts';
import type { EngagementLevel } from '../../health/engagement-level.ts';
import { worseTier } from '../../portfolio/health-tiers.ts';
import { featureBreadthRow } from '../../usage/stickiness.ts';
import { defineAlertRule, ev } from '../alert-rule.ts';
import { isScored } from '../alert-types.ts';

// Tier and score comparisons read scored days only: a day without enough data is no tier.

export const tierDropped = defineAlertRule({
  id: 'tier_dropped',
  needs: ['snapshots'],
  params: z.object({ lookback_days: z.number().int().positive().default(30) }).strict(),
  check(inputs, params) {
    const now = inputs.snapshot;
    if (!isScored(now)) return [];
    const from = addDays(inputs.day, -params.lookback_days);
    const window = inputs.history.filter(isScored).filter((s) => s.as_of >= from && s.as_of < inputs.day);
    const best = window.reduce<(typeof window)[number] | null>(
      (b, s) => (b === null || worseTier(b.tier, s.tier) ? s : b),
      null,
    );
    if (!best || !worseTier(now.tier, best.tier)) return [];
    return [
      {
        reason_key: now.tier,
        reason: `Health dropped from ${best.tier} (${best.score}, ${best.as_of}) to ${now.tier} (${now.score}).`,
        evidence: [
          ev('health tier', `${best.tier} ${best.score}`, best.as_of),
          ev('health tier', `${now.tier} ${now.score}`, now.as_of),
        ],
        inputs_key: `${best.tier}>${now.tier}`,
        since: now.as_of,
      },
    ];
  },
});

export const scoreDrop = defineAlertRule({
  id: 'score_drop',
  needs: ['snapshots'],
  params: z
    .object({ points: z.number().int().positive().default(15), days: z.number().int().positive().default(7) })
    .strict(),
  check(inputs, { points, days }) {
    const now = inputs.snapshot;
    if (!isScored(now)) return [];
    const base = inputs.history
      .filter(isScored)
      .reverse()
      .find((s) => s.as_of <= addDays(inputs.day, -days));
    // The base must be recent: a snapshot months old says nothing about "in 7 days".
    if (!base || base.as_of < addDays(inputs.day, -2 * days)) return [];
    const fall = base.score - now.score;
    if (fall < points) return [];
    return [
      {
        reason_key: '',
        reason: `Score fell ${fall} points in ${daysBetween(base.as_of, now.as_of)} days: ${base.score} on ${base.as_of}, ${now.score} now.`,
        evidence: [
          ev('health score', String(base.score), base.as_of),
          ev('health score', String(now.score), now.as_of),
        ],
        inputs_key: `${base.score}>${Math.floor(now.score / 5) * 5}`,
        since: now.as_of,
      },
    ];
  },
});

/** Feature breadth as every answer reads it (tools/usage/stickiness), under a share. */
export const lowFeatureAdoption = defineAlertRule({
  id: 'low_feature_adoption',
  needs: [],
  params: z.object({ share_below: z.number().positive().max(1).default(0.5) }).strict(),
  check(inputs, params) {
    const latest = featureBreadthRow(inputs.risk.usage, inputs.day);
    if (!latest) return [];
    const share = (latest.features_used ?? 0) / (latest.features_total ?? 1);
    if (share >= params.share_below) return [];
    return [
      {
        reason_key: '',
        reason: `${latest.features_used} of ${latest.features_total} features in use (${Math.round(share * 100)}%): start the adoption-nudge sequence.`,
        evidence: [ev('features used', `${latest.features_used} of ${latest.features_total}`, latest.date)],
        inputs_key: `${Math.floor(share * 10)}`,
        since: latest.date,
      },
    ];
  },
});

/** A ghost as the engagement level calls one (knowledge/health/engagement-levels.json ghost_after_days). */
export const ghostAccount = defineAlertRule({
  id: 'ghost_account',
  needs: ['engagement'],
  params: z.object({}).strict(),
  check(inputs, _params, _rule, { engagement }) {
    const now = inputs.engagement.now;
    if (now?.level !== engagement.ghost.level) return [];
    const last = now.last_active;
    return [
      {
        reason_key: '',
        reason: last
          ? `No product activity for ${daysBetween(last, inputs.day)} days (last on ${last}): win-back or churn prep.`
          : 'No product activity in any usage row on record: win-back or churn prep.',
        evidence: [ev('last active day', last ?? 'none', last)],
        inputs_key: last ?? 'none',
        since: last ? addDays(last, engagement.ghost_after_days + 1) : inputs.day,
      },
    ];
  },
});

/** Levels from most to least engaged: power user … dormant, then ghost. */
const levelRank = (level: string, config: EngagementLevels) => {
  const order = [...config.levels.map((l) => l.level), config.ghost.level];
  return order.indexOf(level as (typeof order)[number]);
};

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

/** Whether a window misses one of the level's minimums by more than `margin` (else a near miss). */
const clearlyBelow = (l: EngagementLevel, level: EngagementLevels['levels'][number], margin: number) =>
  (l.dau_mau ?? 0) < level.min_dau_mau - margin ||
  (l.feature_breadth ?? 0) < level.min_feature_breadth - margin;

const figures = (l: EngagementLevel) => `DAU/MAU ${pct(l.dau_mau)}, features ${pct(l.feature_breadth)}`;

/**
 * A level or more down between two windows. Hysteresis: the new window must miss the old level's
 * minimum by more than `margin`, so an account hovering at a boundary (30 % → 29 %) is not news.
 */
export const engagementDropped = defineAlertRule({
  id: 'engagement_dropped',
  needs: ['engagement'],
  params: z
    .object({ levels: z.number().int().positive().default(1), margin: z.number().min(0).max(1).default(0) })
    .strict(),
  check(inputs, params, _rule, { engagement }) {
    const { now, before } = inputs.engagement;
    // A ghost is the ghost-account rule's; without both levels there is nothing to compare.
    if (!now || !before || now.level === engagement.ghost.level || before.level === engagement.ghost.level)
      return [];
    const fell = levelRank(now.level, engagement) - levelRank(before.level, engagement);
    if (fell < params.levels) return [];
    const was = engagement.levels.find((l) => l.level === before.level);
    if (!was || !clearlyBelow(now, was, params.margin)) return [];
    return [
      {
        reason_key: '',
        reason: `Engagement fell from ${before.label} to ${now.label} (DAU/MAU ${pct(before.dau_mau)} → ${pct(now.dau_mau)}, features ${pct(before.feature_breadth)} → ${pct(now.feature_breadth)}): renewal odds ${before.renewal_odds} → ${now.renewal_odds}. Next: ${now.action}.`,
        evidence: [
          ev(`engagement ${before.from} to ${before.to}`, `${before.label}, ${figures(before)}`, before.to),
          ev(`engagement ${now.from} to ${now.to}`, `${now.label}, ${figures(now)}`, now.to),
        ],
        inputs_key: `${before.level}>${now.level}`,
        since: now.to,
      },
    ];
  },
});

export const HEALTH_RULES = [tierDropped, scoreDrop, lowFeatureAdoption, ghostAccount, engagementDropped];
