import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/random.ts';
import { type SignalObservation, signalBacktest } from '../../tools/backtest/signal-backtest.ts';

/**
 * 40 accounts over 6 monthly cutoffs. The score says nothing (every account 60, healthy); the
 * eight accounts that are lost said so at each cutoff before their loss. So the signal should
 * lift the AUC from 0.5 and flag every lost account ahead of time, and the tier alone none.
 */
function observations(): SignalObservation[] {
  const cutoffs = ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30'];
  return Array.from({ length: 40 }, (_, a) => a).flatMap((a) =>
    cutoffs.map((cutoff, c) => {
      const lost = a % 5 === 0 && c >= 2;
      return {
        account_id: `A${a}`,
        cutoff,
        score: 60,
        tier: 'healthy' as const,
        churned: lost,
        outcome: lost ? ('churned' as const) : ('retained' as const),
        mrr_cents: 100_000,
        dimensions: {},
        inputs: { 'usage.dau_mau': 5 },
        feature: lost ? 2 : a % 7 === 1 ? 1 : 0,
        lost_on: lost ? '2026-08-15' : null,
      };
    }),
  );
}

describe('does a customer signal add to the score?', () => {
  const rng = new SeededRandom(7);
  const report = signalBacktest(observations(), {
    flags: (v) => (v ?? 0) > 0,
    lambda: 1,
    trainShare: 0.5,
    samples: 200,
    random: () => rng.next(),
  });

  it('counts churn with and without the signal at the cutoff', () => {
    expect(report.observations).toBe(240);
    expect(report.churned).toBe(32);
    // Flagged: the 32 lost observations, and the 32 of six accounts that warn without being lost.
    expect([report.present.churned, report.present.observations]).toEqual([32, 64]);
    expect([report.absent.churned, report.absent.observations]).toEqual([0, 176]);
  });

  it('judges out of time: the score alone ranks nothing, with the signal it ranks the lost first', () => {
    expect(report.train_cutoffs).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(report.score.without.auc).toBe(0.5);
    expect(report.score.with.auc).toBeGreaterThan(0.9);
    expect(report.score.with.ci?.low).toBeGreaterThan(0.8);
  });

  it('measures how early the lost accounts were flagged, with and without the signal', () => {
    expect(report.lead_time.without).toEqual({ caught: 0, lost: 8, median_days: null });
    // First flagged at the 2026-03-31 cutoff, lost on 2026-08-15: 137 days ahead.
    expect(report.lead_time.with).toEqual({ caught: 8, lost: 8, median_days: 137 });
  });
});
