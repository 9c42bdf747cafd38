/**
 * The distribution of renewed ARR when each renewal renews on its own with its probability: the
 * exact expected value, and P10 / P50 / P90 from a dynamic programme over the ARR on a grid of
 * 10,000 steps of the total due (a Poisson-binomial over amounts), so the quantiles are within a
 * few steps, far under one account's ARR. Pure and deterministic: no sampling.
 */
export interface RenewalChance {
  arrCents: number;
  /** Probability it renews, 0–1. */
  probability: number;
}

export interface RenewedArr {
  expectedCents: number;
  p10Cents: number;
  p50Cents: number;
  p90Cents: number;
  /** Every renewal's ARR: what renews if all do. */
  dueCents: number;
}

/** Grid cells the total ARR is spread over: the quantiles' resolution is the total over this. */
const CELLS = 10_000;

/**
 * Each renewal's ARR in whole grid steps, rounded so that the running total never drifts by more
 * than half a step: no small account vanishes and the grid's total is the total due.
 */
function gridWidths(renewals: readonly RenewalChance[], step: number): number[] {
  let running = 0;
  return renewals.map((r) => {
    const before = Math.round(running / step);
    running += r.arrCents;
    return Math.round(running / step) - before;
  });
}

/** The probability of each renewed total on the grid (index × step cents). */
function renewedDistribution(renewals: readonly RenewalChance[], step: number): Float64Array {
  const widths = gridWidths(renewals, step);
  const cells = widths.reduce((n, w) => n + w, 0);
  let dist = new Float64Array(cells + 1);
  let next = new Float64Array(cells + 1);
  dist[0] = 1;
  let reach = 0;
  renewals.forEach((r, k) => {
    const width = widths[k] as number;
    const p = Math.min(1, Math.max(0, r.probability));
    next.fill(0, 0, reach + width + 1);
    for (let i = 0; i <= reach; i++) {
      const mass = dist[i] as number;
      if (mass === 0) continue;
      next[i] = (next[i] as number) + mass * (1 - p);
      next[i + width] = (next[i + width] as number) + mass * p;
    }
    reach += width;
    [dist, next] = [next, dist];
  });
  return dist;
}

/** The smallest total whose cumulative probability reaches q. */
function quantile(dist: Float64Array, q: number, step: number): number {
  let cumulative = 0;
  for (let i = 0; i < dist.length; i++) {
    cumulative += dist[i] as number;
    if (cumulative >= q - 1e-12) return Math.round(i * step);
  }
  return Math.round((dist.length - 1) * step);
}

/** `cells`: the grid's resolution (a coarser grid is quicker; the quantiles move by up to a step). */
export function renewedArr(renewals: readonly RenewalChance[], cells = CELLS): RenewedArr {
  const dueCents = renewals.reduce((s, r) => s + r.arrCents, 0);
  const expectedCents = Math.round(renewals.reduce((s, r) => s + r.arrCents * r.probability, 0));
  if (dueCents === 0) return { expectedCents: 0, p10Cents: 0, p50Cents: 0, p90Cents: 0, dueCents: 0 };
  const step = Math.max(1, dueCents / cells);
  const dist = renewedDistribution(renewals, step);
  return {
    expectedCents,
    p10Cents: quantile(dist, 0.1, step),
    p50Cents: quantile(dist, 0.5, step),
    p90Cents: quantile(dist, 0.9, step),
    dueCents,
  };
}
