import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/random.ts';
import { type RenewalChance, renewedArr } from '../../tools/forecast/renewal-distribution.ts';

/** Every one of the 2^n outcomes, with its probability: the exact distribution of renewed ARR. */
function exactQuantiles(renewals: readonly RenewalChance[]) {
  const outcomes: { total: number; p: number }[] = [];
  for (let mask = 0; mask < 1 << renewals.length; mask++) {
    let total = 0;
    let p = 1;
    renewals.forEach((r, i) => {
      const renews = (mask >> i) & 1;
      total += renews ? r.arrCents : 0;
      p *= renews ? r.probability : 1 - r.probability;
    });
    outcomes.push({ total, p });
  }
  outcomes.sort((a, b) => a.total - b.total);
  const at = (q: number) => {
    let c = 0;
    for (const o of outcomes) {
      c += o.p;
      if (c >= q - 1e-12) return o.total;
    }
    return outcomes.at(-1)?.total ?? 0;
  };
  const expected = outcomes.reduce((s, o) => s + o.total * o.p, 0);
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9), expected };
}

describe('the distribution of renewed ARR', () => {
  it('matches the exact enumeration of 12 renewals: expected value exact, P10/P50/P90 within one account ARR', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = new SeededRandom(seed);
      const renewals = Array.from({ length: 12 }, () => ({
        arrCents: Math.round(rng.between(300_000, 20_000_000)),
        probability: rng.between(0.2, 0.98),
      }));
      const exact = exactQuantiles(renewals);
      const got = renewedArr(renewals);
      const smallest = Math.min(...renewals.map((r) => r.arrCents));
      expect(got.expectedCents).toBe(Math.round(exact.expected));
      expect(Math.abs(got.p10Cents - exact.p10)).toBeLessThanOrEqual(smallest);
      expect(Math.abs(got.p50Cents - exact.p50)).toBeLessThanOrEqual(smallest);
      expect(Math.abs(got.p90Cents - exact.p90)).toBeLessThanOrEqual(smallest);
      expect(got.p10Cents).toBeLessThanOrEqual(got.p50Cents);
      expect(got.p50Cents).toBeLessThanOrEqual(got.p90Cents);
      expect(got.dueCents).toBe(renewals.reduce((s, r) => s + r.arrCents, 0));
    }
  });

  it('with certain outcomes is the sure total (within one grid step, a 10,000th of what is due); with none due it is zero', () => {
    const sure = renewedArr([
      { arrCents: 500_000, probability: 1 },
      { arrCents: 700_000, probability: 0 },
      { arrCents: 300_000, probability: 1 },
    ]);
    expect(sure.expectedCents).toBe(800_000);
    expect(sure.dueCents).toBe(1_500_000);
    for (const q of [sure.p10Cents, sure.p50Cents, sure.p90Cents])
      expect(Math.abs(q - 800_000)).toBeLessThanOrEqual(1_500_000 / 10_000);
    expect(renewedArr([])).toEqual({ expectedCents: 0, p10Cents: 0, p50Cents: 0, p90Cents: 0, dueCents: 0 });
  });

  it('keeps 2,000 small renewals beside one large one: the median of many independent coins lands near its mean', () => {
    const renewals = [
      { arrCents: 50_000_000, probability: 0.5 },
      ...Array.from({ length: 2000 }, () => ({ arrCents: 360_000, probability: 0.9 })),
    ];
    const got = renewedArr(renewals);
    // The small ones alone: mean 0.9 × 2000 × $3,600, sd √(2000 × 0.09) × $3,600 ≈ $48k. With the
    // large one lost half the time, P10 is the small ones' 20th percentile (mean − 0.8416 sd) and
    // P90 their 80th plus the large one.
    const small = 0.9 * 2000 * 360_000;
    const sd = Math.sqrt(180) * 360_000;
    expect(got.expectedCents).toBe(small + 25_000_000);
    expect(Math.abs(got.p10Cents - (small - 0.8416 * sd))).toBeLessThan(400_000);
    expect(Math.abs(got.p90Cents - (small + 50_000_000 + 0.8416 * sd))).toBeLessThan(400_000);
  });
});
