import { wilsonInterval } from './discrimination.ts';

/** One observation with the probability of churn a model (or a tier) implies, and what happened. */
export interface ProbabilityObservation {
  probability: number;
  churned: boolean;
}

/** The Brier score: the mean squared gap between the probability and the outcome (0 is perfect). Null without data. Pure. */
export function brierScore(observations: readonly ProbabilityObservation[]): number | null {
  if (observations.length === 0) return null;
  return (
    observations.reduce((s, o) => s + (o.probability - (o.churned ? 1 : 0)) ** 2, 0) / observations.length
  );
}

export interface ReliabilityBin {
  /** The bin's probability range, [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  observations: number;
  /** Mean predicted probability in the bin, and the share that churned. */
  predicted: number | null;
  observed: number | null;
}

/** Reliability bins of equal width: does "20 %" mean one in five? Pure. */
export function reliabilityBins(
  observations: readonly ProbabilityObservation[],
  bins = 10,
): ReliabilityBin[] {
  return Array.from({ length: bins }, (_, b) => {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = observations.filter(
      (o) => o.probability >= from && (o.probability < to || (b === bins - 1 && o.probability <= 1)),
    );
    const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
    return {
      from,
      to,
      observations: inBin.length,
      predicted: mean(inBin.map((o) => o.probability)),
      observed: mean(inBin.map((o) => (o.churned ? 1 : 0))),
    };
  });
}

/** An observation for the decile table: its risk, its outcome, and the MRR at stake. */
export interface WeightedRiskObservation {
  risk: number;
  churned: boolean;
  mrrCents: number;
}

export interface DecileRow {
  /** 1 = the riskiest tenth. */
  decile: number;
  observations: number;
  churned: number;
  rate: number;
  /** rate / the overall rate. */
  lift: number | null;
}

/**
 * The decile table: observations ranked riskiest first and cut into tenths (ties kept in input
 * order), each tenth's churn rate and lift; and the share of churned MRR caught in the riskiest
 * tenth (MRR-weighted recall). Pure.
 */
export function decileTable(observations: readonly WeightedRiskObservation[]): {
  deciles: DecileRow[];
  top_decile_mrr_recall: number | null;
} {
  const ranked = observations
    .map((o, i) => ({ o, i }))
    .sort((a, b) => b.o.risk - a.o.risk || a.i - b.i)
    .map(({ o }) => o);
  const n = ranked.length;
  const overall = n === 0 ? 0 : ranked.filter((o) => o.churned).length / n;
  const deciles: DecileRow[] = [];
  for (let d = 0; d < 10; d++) {
    const slice = ranked.slice(Math.floor((d * n) / 10), Math.floor(((d + 1) * n) / 10));
    if (slice.length === 0) continue;
    const churned = slice.filter((o) => o.churned).length;
    const rate = churned / slice.length;
    deciles.push({
      decile: d + 1,
      observations: slice.length,
      churned,
      rate,
      lift: overall > 0 ? rate / overall : null,
    });
  }
  const churnedMrr = ranked.filter((o) => o.churned).reduce((s, o) => s + o.mrrCents, 0);
  const top = ranked.slice(0, Math.floor(n / 10));
  const caught = top.filter((o) => o.churned).reduce((s, o) => s + o.mrrCents, 0);
  return { deciles, top_decile_mrr_recall: churnedMrr > 0 ? caught / churnedMrr : null };
}

export interface DecileCalibration {
  /** 1 = the lowest predicted probabilities. */
  decile: number;
  observations: number;
  /** Mean predicted probability in the decile, and the observed rate with its 95 % Wilson interval. */
  predicted: number;
  observed: number;
  low: number;
  high: number;
  /** Whether the predicted mean lies inside the observed rate's interval. */
  inside: boolean;
}

/**
 * Calibration by deciles of equal count (lowest predictions first): in each, the mean prediction
 * against the observed rate's 95 % Wilson interval. A calibrated model has most deciles inside.
 * Pure.
 */
export function decileCalibration(
  observations: readonly ProbabilityObservation[],
  deciles = 10,
): DecileCalibration[] {
  const sorted = [...observations].sort((a, b) => a.probability - b.probability);
  const n = sorted.length;
  return Array.from({ length: deciles }, (_, d) =>
    sorted.slice(Math.floor((d * n) / deciles), Math.floor(((d + 1) * n) / deciles)),
  )
    .filter((bin) => bin.length > 0)
    .map((bin, d) => {
      const k = bin.filter((o) => o.churned).length;
      const m = bin.length;
      const predicted = bin.reduce((s, o) => s + o.probability, 0) / m;
      const { low, high } = wilsonInterval(k, m) as { low: number; high: number };
      return {
        decile: d + 1,
        observations: m,
        predicted,
        observed: k / m,
        low,
        high,
        inside: predicted >= low && predicted <= high,
      };
    });
}
