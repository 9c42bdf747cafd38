import { DIMENSIONS } from '../../knowledge/health-model.ts';
import { brierScore, decileTable, type ReliabilityBin, reliabilityBins } from './calibration.ts';
import { auc } from './discrimination.ts';
import type { HealthSignals } from './health-signals.ts';
import { columnScales, fitLogistic, predictLogistic } from './logistic-regression.ts';
import type { BacktestObservation } from './score-backtest.ts';

/** A fitted churn model as stored: features, their standardisation and the coefficients. */
export interface ChurnModel {
  features: string[];
  /** Training means: a missing value is imputed with its feature's mean. */
  means: number[];
  scales: number[];
  intercept: number;
  coefficients: number[];
  lambda: number;
}

export interface ModelMetrics {
  auc: number | null;
  brier: number | null;
  /** Churn rate of the riskiest tenth over the overall rate. */
  top_decile_lift: number | null;
}

export interface ChurnModelFit {
  model: ChurnModel;
  train: { cutoffs: string[]; observations: number; churned: number };
  validation: {
    cutoffs: string[];
    observations: number;
    churned: number;
    learned: ModelMetrics;
    rules: ModelMetrics;
    reliability: ReliabilityBin[];
    /** Expected calibration error of the learned model: Σ (bin share) × |predicted − observed|. */
    calibration_error: number | null;
  };
  /** Coefficients per feature, largest effect first: negative lowers churn as the input rises. */
  weights: { feature: string; coefficient: number }[];
  converged: boolean;
}

/** The features the model reads: every dimension and input score the observations carry. */
export function featureNames(observations: readonly BacktestObservation[]): string[] {
  const inputs = new Set(observations.flatMap((o) => Object.keys(o.inputs)));
  return [...DIMENSIONS, ...[...inputs].sort()];
}

/** One observation's raw feature values (null where it had no data). */
export function featureValues(features: readonly string[], signals: HealthSignals): (number | null)[] {
  return features.map((f) =>
    f.includes('.') ? (signals.inputs[f] ?? null) : (signals.dimensions[f] ?? null),
  );
}

/** The model's probability of churn for one set of signals. Pure. */
export function churnProbability(model: ChurnModel, signals: HealthSignals): number {
  const x = featureValues(model.features, signals).map(
    (v, j) => ((v ?? (model.means[j] as number)) - (model.means[j] as number)) / (model.scales[j] as number),
  );
  return predictLogistic(model, x);
}

function metrics(
  rows: readonly { risk: number; probability: number | null; churned: boolean }[],
): ModelMetrics {
  const withProbability = rows.flatMap((r) =>
    r.probability === null ? [] : [{ probability: r.probability, churned: r.churned }],
  );
  const top = decileTable(rows.map((r) => ({ risk: r.risk, churned: r.churned, mrrCents: 0 }))).deciles[0];
  return { auc: auc(rows), brier: brierScore(withProbability), top_decile_lift: top?.lift ?? null };
}

/** Expected calibration error over reliability bins. Pure. */
export function calibrationError(bins: readonly ReliabilityBin[]): number | null {
  const n = bins.reduce((s, b) => s + b.observations, 0);
  if (n === 0) return null;
  return bins.reduce(
    (s, b) => s + (b.observations / n) * Math.abs((b.predicted ?? 0) - (b.observed ?? 0)),
    0,
  );
}

/**
 * A regularised logistic regression on the point-in-time dimension and input scores, validated
 * out of time: fitted on the earliest cutoffs (`trainShare` of them), then judged on the later
 * ones side by side with the rule-based score (its AUC, the Brier score of the tier rates seen
 * in training, and the top-decile lift). Scored observations only. Pure.
 */
export function fitChurnModel(
  observations: readonly BacktestObservation[],
  options: { lambda: number; trainShare: number; bins: number },
): ChurnModelFit | null {
  const scored = observations.filter((o): o is BacktestObservation & { score: number } => o.score !== null);
  const cutoffs = [...new Set(scored.map((o) => o.cutoff))].sort();
  if (cutoffs.length < 2) return null;
  const split = Math.min(cutoffs.length - 1, Math.max(1, Math.round(cutoffs.length * options.trainShare)));
  const trainCutoffs = cutoffs.slice(0, split);
  const testCutoffs = cutoffs.slice(split);
  const train = scored.filter((o) => o.cutoff <= (trainCutoffs.at(-1) as string));
  const test = scored.filter((o) => o.cutoff > (trainCutoffs.at(-1) as string));
  const features = featureNames(train);
  const raw = train.map((o) => featureValues(features, o));
  const means = features.map((_, j) => {
    const present = raw.flatMap((r) => (r[j] === null || r[j] === undefined ? [] : [r[j] as number]));
    return present.length > 0 ? present.reduce((s, v) => s + v, 0) / present.length : 0;
  });
  const imputed = raw.map((r) => r.map((v, j) => v ?? (means[j] as number)));
  const { scales } = columnScales(imputed);
  const x = imputed.map((r) => r.map((v, j) => (v - (means[j] as number)) / (scales[j] as number)));
  const fit = fitLogistic(
    x,
    train.map((o) => o.churned),
    { lambda: options.lambda },
  );
  const model: ChurnModel = {
    features,
    means,
    scales,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    lambda: options.lambda,
  };
  const learned = test.map((o) => churnProbability(model, o));
  // The rules' probability: each tier's churn rate over the training cutoffs.
  const tierRate = new Map<string, number>();
  for (const tier of new Set(train.map((o) => o.tier))) {
    const members = train.filter((o) => o.tier === tier);
    tierRate.set(tier, members.filter((o) => o.churned).length / members.length);
  }
  const reliability = reliabilityBins(
    test.map((o, i) => ({ probability: learned[i] as number, churned: o.churned })),
    options.bins,
  ).filter((b) => b.observations > 0);
  return {
    model,
    train: {
      cutoffs: trainCutoffs,
      observations: train.length,
      churned: train.filter((o) => o.churned).length,
    },
    validation: {
      cutoffs: testCutoffs,
      observations: test.length,
      churned: test.filter((o) => o.churned).length,
      learned: metrics(
        test.map((o, i) => ({
          risk: learned[i] as number,
          probability: learned[i] as number,
          churned: o.churned,
        })),
      ),
      rules: metrics(
        test.map((o) => ({
          risk: 100 - o.score,
          probability: tierRate.get(o.tier) ?? null,
          churned: o.churned,
        })),
      ),
      reliability,
      calibration_error: calibrationError(reliability),
    },
    weights: features
      .map((feature, j) => ({ feature, coefficient: fit.coefficients[j] as number }))
      .sort(
        (a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || a.feature.localeCompare(b.feature),
      ),
    converged: fit.converged,
  };
}
