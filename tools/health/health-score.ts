import {
  DIMENSIONS,
  type Dimension,
  type HealthModel,
  type HealthTier,
  weightsFor,
} from '../../knowledge/health-model';
import type { AccountHealthData } from './account-health-data';
import { engagement } from './engagement';
import { financial } from './financial';
import type { DimensionScore } from './health-types';
import { outcomes } from './outcomes';
import { productUsage } from './product-usage';
import { relationship } from './relationship';

export interface WeightedDimension extends DimensionScore {
  /** The dimension's weight as configured (before renormalising over present dimensions). */
  weight: number;
}

export interface HealthScore {
  score: number;
  tier: HealthTier;
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
 * Pure: the same data and model always give the same score.
 */
export function healthScore(data: AccountHealthData, model: HealthModel): HealthScore {
  const weights = weightsFor(model, data.segment);
  const computed: Record<Dimension, DimensionScore> = {
    product_usage: productUsage(data, model),
    engagement: engagement(data, model),
    relationship: relationship(data, model),
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
  const score = totalWeight === 0 ? 0 : Math.round((weighted / totalWeight) * 10);
  return {
    score,
    tier: tierFor(score, model),
    dimensions,
    missing,
    modelVersion: model.model_version,
    asOf: data.asOf,
  };
}
