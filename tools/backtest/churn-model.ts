import { DIMENSIONS } from '../../knowledge/health-model.ts';
import {
  brierScore,
  type DecileCalibration,
  decileCalibration,
  decileTable,
  type ReliabilityBin,
  reliabilityBins,
} from './calibration.ts';
import { auc, aucInterval } from './discrimination.ts';
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
    /** The learned model's out-of-time AUC with its 95 % interval (Hanley–McNeil). */
    auc_interval: { low: number; high: number } | null;
    /** Whether the interval lies above 0.5: out of time it ranks lost accounts better than the base rate does. */
    beats_base_rate: boolean;
    /** Calibration by deciles of equal count: each decile's mean prediction against its observed rate's 95 % interval. */
    deciles: DecileCalibration[];
  };
  /** Coefficients per feature, largest effect first: negative lowers churn as the input rises. */
  weights: { feature: string; coefficient: number }[];
  converged: boolean;
}

/** The features the model reads: every dimension and input score and every account fact the observations carry. */
export function featureNames(observations: readonly BacktestObservation[]): string[] {
  const inputs = new Set(observations.flatMap((o) => Object.keys(o.inputs)));
  const facts = new Set(observations.flatMap((o) => Object.keys(o.facts ?? {})));
  return [...DIMENSIONS, ...[...inputs].sort(), ...[...facts].filter((f) => !inputs.has(f)).sort()];
}

/** One observation's raw feature values (null where it had no data). */
export function featureValues(features: readonly string[], signals: HealthSignals): (number | null)[] {
  return features.map((f) =>
    f.includes('.') ? (signals.inputs[f] ?? signals.facts?.[f] ?? null) : (signals.dimensions[f] ?? null),
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

type Scored = BacktestObservation & { score: number };

/** The learned model judged on the later cutoffs beside the rules (each tier's churn rate in training). */
function outOfTime(
  model: ChurnModel,
  train: readonly Scored[],
  test: readonly Scored[],
  bins: number,
): Omit<ChurnModelFit['validation'], 'cutoffs'> {
  const learned = test.map((o) => churnProbability(model, o));
  const tierRate = new Map<string, number>();
  for (const tier of new Set(train.map((o) => o.tier))) {
    const members = train.filter((o) => o.tier === tier);
    tierRate.set(tier, members.filter((o) => o.churned).length / members.length);
  }
  const learnedMetrics = metrics(
    test.map((o, i) => ({
      risk: learned[i] as number,
      probability: learned[i] as number,
      churned: o.churned,
    })),
  );
  const churned = test.filter((o) => o.churned).length;
  const interval = aucInterval(learnedMetrics.auc, churned, test.length - churned);
  const reliability = reliabilityBins(
    test.map((o, i) => ({ probability: learned[i] as number, churned: o.churned })),
    bins,
  ).filter((b) => b.observations > 0);
  return {
    observations: test.length,
    churned,
    learned: learnedMetrics,
    rules: metrics(
      test.map((o) => ({
        risk: 100 - o.score,
        probability: tierRate.get(o.tier) ?? null,
        churned: o.churned,
      })),
    ),
    reliability,
    calibration_error: calibrationError(reliability),
    auc_interval: interval,
    beats_base_rate: interval !== null && interval.low > 0.5,
    deciles: decileCalibration(
      test.map((o, i) => ({ probability: learned[i] as number, churned: o.churned })),
    ),
  };
}

/** A logistic regression on standardised features (missing values at the training mean). */
function fitOn(train: readonly Scored[], lambda: number): ChurnModel & { converged: boolean } {
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
    { lambda },
  );
  return {
    features,
    means,
    scales,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    lambda,
    converged: fit.converged,
  };
}

/** The penalties tried when the model chooses its own. */
const LAMBDAS = [1, 3, 10, 30, 100, 300] as const;

/**
 * The penalty, chosen within the training cutoffs only: a model fitted on their first two thirds
 * with each penalty in LAMBDAS scores the last third, and the one with the lowest log-loss there
 * wins (ties: the stronger). Few lost accounts and many signals make a weakly penalised
 * regression over-sure; this lets the history say how much to hold it back. `floor` is the
 * smallest allowed (the settings' λ); with a single training cutoff, the floor.
 */
function chosenLambda(train: readonly Scored[], floor: number): number {
  const cutoffs = [...new Set(train.map((o) => o.cutoff))].sort();
  const candidates = LAMBDAS.filter((l) => l >= floor);
  if (cutoffs.length < 2 || candidates.length === 0) return floor;
  const last = cutoffs[Math.max(0, Math.ceil((cutoffs.length * 2) / 3) - 1)] as string;
  const early = train.filter((o) => o.cutoff <= last);
  const late = train.filter((o) => o.cutoff > last);
  if (late.length === 0) return floor;
  const loss = (lambda: number) => {
    const { converged: _converged, ...model } = fitOn(early, lambda);
    return late.reduce((s, o) => {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, churnProbability(model, o)));
      return s - Math.log(o.churned ? p : 1 - p);
    }, 0);
  };
  const losses = candidates.map((lambda) => ({ lambda, loss: loss(lambda) }));
  return losses.reduce((best, x) => (x.loss <= best.loss ? x : best)).lambda;
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
  const scored = observations.filter((o): o is Scored => o.score !== null);
  const cutoffs = [...new Set(scored.map((o) => o.cutoff))].sort();
  if (cutoffs.length < 2) return null;
  const split = Math.min(cutoffs.length - 1, Math.max(1, Math.round(cutoffs.length * options.trainShare)));
  const trainCutoffs = cutoffs.slice(0, split);
  const testCutoffs = cutoffs.slice(split);
  const train = scored.filter((o) => o.cutoff <= (trainCutoffs.at(-1) as string));
  const test = scored.filter((o) => o.cutoff > (trainCutoffs.at(-1) as string));
  const { converged, ...model } = fitOn(train, chosenLambda(train, options.lambda));
  return {
    model,
    train: {
      cutoffs: trainCutoffs,
      observations: train.length,
      churned: train.filter((o) => o.churned).length,
    },
    validation: { cutoffs: testCutoffs, ...outOfTime(model, train, test, options.bins) },
    weights: model.features
      .map((feature, j) => ({ feature, coefficient: model.coefficients[j] as number }))
      .sort(
        (a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || a.feature.localeCompare(b.feature),
      ),
    converged,
  };
}

/**
 * What moves one account's churn probability most: each feature's coefficient times its
 * standardised value (missing values sit at the mean and move nothing), largest effect first;
 * positive raises churn. Pure.
 */
export function churnDrivers(
  model: ChurnModel,
  signals: HealthSignals,
): { feature: string; contribution: number }[] {
  return featureValues(model.features, signals)
    .map((v, j) => ({
      feature: model.features[j] as string,
      contribution:
        v === null
          ? 0
          : ((v - (model.means[j] as number)) / (model.scales[j] as number)) *
            (model.coefficients[j] as number),
    }))
    .filter((d) => d.contribution !== 0)
    .sort(
      (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature),
    );
}

const FACT_WORDS: Record<string, string> = {
  'account.log_arr': 'size (ARR)',
  'account.mrr_change_90d': 'MRR change over 90 days',
  'account.tenure_months': 'tenure',
  'account.log_seats': 'seats bought',
  'account.seat_use': 'share of seats in use',
  'account.years_to_renewal': 'time to renewal',
  'term.monthly': 'monthly term',
  'term.multi_year': 'multi-year term',
};

/** A feature in words: "engagement: login trend", "tenure", "segment: smb". */
export const featureLabel = (feature: string): string =>
  FACT_WORDS[feature] ?? feature.replaceAll('_', ' ').replace('.', ': ');
