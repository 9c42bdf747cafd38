import { describe, expect, it } from 'vitest';
import { brierScore, decileTable, reliabilityBins } from '../../tools/backtest/calibration.ts';

describe('Brier score and reliability', () => {
  it('is the mean squared gap between probability and outcome', () => {
    // (0.9−1)² + (0.2−0)² + (0.6−0)² + (0.5−1)² = 0.01 + 0.04 + 0.36 + 0.25 = 0.66 → 0.165
    const b = brierScore([
      { probability: 0.9, churned: true },
      { probability: 0.2, churned: false },
      { probability: 0.6, churned: false },
      { probability: 0.5, churned: true },
    ]);
    expect(b).toBeCloseTo(0.165, 12);
    expect(brierScore([])).toBeNull();
  });

  it('bins probabilities and compares the mean prediction with the observed rate', () => {
    const bins = reliabilityBins(
      [
        { probability: 0.05, churned: false },
        { probability: 0.15, churned: false },
        { probability: 0.12, churned: true },
        { probability: 1, churned: true },
      ],
      5,
    );
    expect(bins.map((b) => [b.from, b.observations, b.predicted, b.observed])).toEqual([
      [0, 3, (0.05 + 0.15 + 0.12) / 3, 1 / 3],
      [0.2, 0, null, null],
      [0.4, 0, null, null],
      [0.6, 0, null, null],
      [0.8, 1, 1, 1],
    ]);
  });
});

describe('decile table', () => {
  it('ranks riskiest first, gives each tenth its rate and lift, and the MRR caught in the top tenth', () => {
    // 20 observations: risk 20…1; the riskiest two churned (one large, one small), and one mid-pack.
    const obs = Array.from({ length: 20 }, (_, i) => ({
      risk: 20 - i,
      churned: i === 0 || i === 1 || i === 10,
      mrrCents: i === 0 ? 50_000 : 25_000,
    }));
    const { deciles, top_decile_mrr_recall } = decileTable(obs);
    expect(deciles).toHaveLength(10);
    expect(deciles[0]).toEqual({ decile: 1, observations: 2, churned: 2, rate: 1, lift: 1 / 0.15 });
    expect(deciles[5]).toEqual({ decile: 6, observations: 2, churned: 1, rate: 0.5, lift: 0.5 / 0.15 });
    expect(deciles[9]?.churned).toBe(0);
    // Churned MRR 100k; the top tenth (2 accounts) holds 75k of it.
    expect(top_decile_mrr_recall).toBe(0.75);
  });
});
