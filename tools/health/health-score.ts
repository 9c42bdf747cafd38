import {
  DIMENSIONS,
  type Dimension,
  type HealthModel,
  type HealthTier,
  type ReportedTier,
  weightsFor,
} from '../../knowledge/health-model.ts';
import { type ThreadingRule, threadingRule } from '../../knowledge/threading-rule.ts';
import type { AccountHealthData } from './account-health-data.ts';
import { engagement } from './engagement.ts';
import { financial } from './financial.ts';
import type { DimensionScore } from './health-types.ts';
import { outcomes } from './outcomes.ts';
import { productUsage } from './product-usage.ts';
import { relationship } from './relationship.ts';

export interface WeightedDimension extends DimensionScore {
  /** The dimension's weight as configured (before renormalising over present dimensions). */
  weight: number;
}

/** A dimension without data, and the import or connector that would supply it. */
export interface EvidenceNeeded {
  dimension: Dimension;
  weight_share: number;
  supply: string;
}

export interface HealthScore {
  /** 0–100, or null when too little of the weight has data (`tier` is then `unscored`). */
  score: number | null;
  tier: ReportedTier;
  /** The share of the segment's weight carried by dimensions with data (0–1). */
  coverage: number;
  /** What would make the score stronger (every dimension without data), largest weight first. */
  evidenceNeeded: EvidenceNeeded[];
  dimensions: Record<Dimension, WeightedDimension>;
  /** Inputs and dimensions without data, e.g. "outcomes" or "engagement.community_activity". */
  missing: string[];
  modelVersion: string;
  asOf: string;
}

export function tierFor(score: number, model: HealthModel): HealthTier {
  if (score >= model.tiers.thriving) return 'thriving';
  if (score >= model.tiers.healthy) return 'healthy';
  if (score >= model.tiers['at-risk']) return 'at-risk';
  return 'critical';
}

/**
 * The account's health: five dimensions 0–10, weighted (per segment) into 0–100. A dimension
 * without data is left out and the other weights renormalised; `missing` says what was absent.
 * When the dimensions with data carry less than the model's minimum share of the weight, there is
 * no score: the tier is `unscored` and `evidenceNeeded` says what would supply the rest.
 * Pure: the same data, model and threading rule always give the same score.
 */
export function healthScore(
  data: AccountHealthData,
  model: HealthModel,
  threading: ThreadingRule = threadingRule(),
): HealthScore {
  const weights = weightsFor(model, data.segment);
  const computed: Record<Dimension, DimensionScore> = {
    product_usage: productUsage(data, model),
    engagement: engagement(data, model),
    relationship: relationship(data, model, threading),
    outcomes: outcomes(data),
    financial: financial(data, model),
  };
  const dimensions = {} as Record<Dimension, WeightedDimension>;
  const missing: string[] = [];
  let weighted = 0;
  let totalWeight = 0;
  for (const d of DIMENSIONS) {
    const dim = computed[d];
    dimensions[d] = { ...dim, weight: weights[d] };
    if (dim.score === null) {
      missing.push(d);
      continue;
    }
    for (const input of dim.inputs) if (input.score === null) missing.push(`${d}.${input.name}`);
    weighted += weights[d] * dim.score;
    totalWeight += weights[d];
  }
  const allWeight = DIMENSIONS.reduce((s, d) => s + weights[d], 0);
  const coverage = allWeight === 0 ? 0 : totalWeight / allWeight;
  const evidenceNeeded = DIMENSIONS.filter((d) => dimensions[d].score === null)
    .map((d) => ({
      dimension: d,
      weight_share: allWeight === 0 ? 0 : weights[d] / allWeight,
      supply: model.evidence.sources[d],
    }))
    .sort((a, b) => b.weight_share - a.weight_share);
  // A tiny tolerance so 60 % written as weights 30 + 30 of 100 is not lost to floating point.
  const scored = totalWeight > 0 && coverage + 1e-9 >= model.evidence.min_weight_coverage;
  const score = scored ? Math.round((weighted / totalWeight) * 10) : null;
  return {
    score,
    tier: score === null ? 'unscored' : tierFor(score, model),
    coverage,
    evidenceNeeded,
    dimensions,
    missing,
    modelVersion: model.model_version,
    asOf: data.asOf,
  };
}
