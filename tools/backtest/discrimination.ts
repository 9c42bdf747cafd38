/** One scored observation: how risky the score says it is (higher = riskier), and what happened. */
export interface RiskObservation {
  risk: number;
  churned: boolean;
}

/**
 * The AUC: the chance that a random account that churned was rated riskier than a random one that
 * did not, ties counting half (the Mann–Whitney U statistic over both counts). Null when either
 * group is empty. O(n log n). Pure.
 */
export function auc(observations: readonly RiskObservation[]): number | null {
  const sorted = [...observations].sort((a, b) => a.risk - b.risk);
  const positives = sorted.filter((o) => o.churned).length;
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return null;
  // Mid-ranks (1-based) for tied risks, then the rank sum of the churned accounts.
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]?.risk === sorted[i]?.risk) j++;
    const midRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (sorted[k]?.churned) rankSum += midRank;
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * A percentile bootstrap interval for the AUC: `samples` resamples with replacement, drawn with
 * `random` (uniform in [0, 1), seeded by the caller so the interval is reproducible). Null when the
 * AUC is undefined on the data. Pure given `random`.
 */
export function bootstrapAucInterval(
  observations: readonly RiskObservation[],
  options: { samples: number; random: () => number; level?: number },
): { low: number; high: number; samples: number } | null {
  if (auc(observations) === null) return null;
  const n = observations.length;
  const values: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const resample = Array.from(
      { length: n },
      () => observations[Math.floor(options.random() * n)] as RiskObservation,
    );
    const value = auc(resample);
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))] as number;
  return { low: at(alpha), high: at(1 - alpha), samples: values.length };
}

/** The Wilson score interval of a rate k / n (95 % by default): sound for small counts and rates near 0. Pure. */
export function wilsonInterval(k: number, n: number, z = 1.959964): { low: number; high: number } | null {
  if (n <= 0 || k < 0 || k > n) return null;
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // Clamped to [0, 1]: at k = 0 rounding would otherwise leave a "-0".
  return {
    low: Math.max(0, (centre - spread) / denominator),
    high: Math.min(1, (centre + spread) / denominator),
  };
}

/**
 * The AUC's 95 % interval by Hanley and McNeil's standard error, from the AUC and the counts of
 * churned and kept observations: cheap, with no resampling. Null without both kinds. Pure.
 */
export function aucInterval(
  aucValue: number | null,
  churned: number,
  kept: number,
  z = 1.959964,
): { low: number; high: number } | null {
  if (aucValue === null || churned === 0 || kept === 0) return null;
  const a = aucValue;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const variance =
    (a * (1 - a) + (churned - 1) * (q1 - a * a) + (kept - 1) * (q2 - a * a)) / (churned * kept);
  const se = Math.sqrt(Math.max(0, variance));
  return { low: Math.max(0, a - z * se), high: Math.min(1, a + z * se) };
}
