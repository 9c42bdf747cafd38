import {
  CHURN_CATEGORIES,
  type ChurnCategory,
  type ChurnRiskConfig,
} from '../../knowledge/churn-risk-config.ts';
import type { ReportedTier } from '../../knowledge/health-model.ts';
import { daysToTermRenewal } from '../renewal/term-renewal.ts';
import type { Indicator } from './leading-indicators.ts';

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface RiskAssessment {
  level: RiskLevel;
  points: number;
  /** Where the points came from, in words. */
  drivers: string[];
  likelyReason: { category: ChurnCategory; evidence: string[] } | null;
  savePlay: { category: ChurnCategory; title: string; steps: string[] } | null;
  daysToRenewal: number | null;
}

/**
 * Risk from the fired indicators, the health tier, the days to renewal and the ARR at stake,
 * with the likely churn-reason category (the one with the most indicator weight) and its save play.
 */
export function assessChurnRisk(
  indicators: readonly Indicator[],
  context: {
    tier: ReportedTier;
    renewalDate: string | null;
    contractTerm: string | null;
    arrCents: number;
    asOf: string;
  },
  config: ChurnRiskConfig,
): RiskAssessment {
  const fired = indicators.filter((i) => i.fired);
  const drivers: string[] = [];
  let points = 0;
  for (const i of fired) {
    points += i.weight;
    drivers.push(`${i.label} (+${i.weight})`);
  }
  // An unscored account adds no health points: too little data is not evidence of risk either way.
  const tierPoints = context.tier === 'unscored' ? 0 : config.tier_points[context.tier];
  if (tierPoints > 0) {
    points += tierPoints;
    drivers.push(`health tier ${context.tier} (+${tierPoints})`);
  }
  const daysToRenewal = daysToTermRenewal(context, context.asOf);
  if (daysToRenewal !== null && daysToRenewal >= 0) {
    const rule = [...config.renewal_points]
      .sort((a, b) => a.within_days - b.within_days)
      .find((r) => daysToRenewal <= r.within_days);
    if (rule) {
      points += rule.points;
      drivers.push(`renewal in ${daysToRenewal} days (+${rule.points})`);
    }
  }
  const arr = context.arrCents / 100;
  const arrRule = [...config.arr_points]
    .sort((a, b) => b.at_least - a.at_least)
    .find((r) => arr >= r.at_least);
  if (arrRule && fired.length > 0) {
    points += arrRule.points;
    drivers.push(`ARR at stake ≥ ${arrRule.at_least.toLocaleString('en-US')} (+${arrRule.points})`);
  }
  const level: RiskLevel =
    points >= config.levels.critical
      ? 'critical'
      : points >= config.levels.high
        ? 'high'
        : points >= config.levels.medium
          ? 'medium'
          : 'low';
  let likelyReason: RiskAssessment['likelyReason'] = null;
  if (fired.length > 0) {
    const weightOf = (c: ChurnCategory) =>
      fired.filter((i) => i.category === c).reduce((s, i) => s + i.weight, 0);
    const category = [...CHURN_CATEGORIES].sort((a, b) => weightOf(b) - weightOf(a))[0] as ChurnCategory;
    likelyReason = {
      category,
      evidence: fired.filter((i) => i.category === category).flatMap((i) => i.evidence),
    };
  }
  // The strongest fired indicator of the reason plays its own play when it has one (an
  // acquisition, a burnt-out champion); otherwise the category's.
  const strongest = likelyReason
    ? fired.filter((i) => i.category === likelyReason?.category).sort((a, b) => b.weight - a.weight)[0]
    : undefined;
  const play = likelyReason
    ? ((strongest ? config.indicators[strongest.id].play : undefined) ??
      config.save_plays[likelyReason.category])
    : null;
  return {
    level,
    points,
    drivers,
    likelyReason,
    savePlay:
      play && likelyReason ? { category: likelyReason.category, title: play.title, steps: play.steps } : null,
    daysToRenewal,
  };
}
