import { describe, expect, it } from 'vitest';
import {
  expansionRate,
  expectedExpansionCents,
  signalledBefore,
} from '../../tools/forecast/expansion-at-renewal.ts';

describe('expansion expected at renewal', () => {
  // A grew after its signal (100 → 150), B did not (100 → 100), C's signal is too old to count, D has no MRR.
  const signals = new Map([
    ['A', ['2026-03-10']],
    ['B', ['2026-02-01']],
    ['C', ['2025-10-01']],
    ['D', ['2026-03-01']],
  ]);
  const mrr: Record<string, Record<string, number>> = {
    A: { '2026-03-31': 100, '2026-06-29': 150 },
    B: { '2026-03-31': 100, '2026-06-29': 100 },
    C: { '2026-03-31': 100, '2026-06-29': 400 },
    D: { '2026-03-31': 0, '2026-06-29': 50 },
  };
  const mrrOn = (id: string, day: string) => mrr[id]?.[day] ?? 0;

  it('measures how often a signalled account grew within 90 days, and by how much', () => {
    expect(expansionRate(['2026-03-31'], signals, mrrOn)).toEqual({
      observations: 2,
      expanded: 1,
      rate: 0.5,
      uplift: 0.5,
    });
  });

  it('counts a signal in the 90 days up to the day only', () => {
    expect(signalledBefore(['2026-03-10'], '2026-03-31')).toBe(true);
    expect(signalledBefore(['2025-12-31'], '2026-03-31')).toBe(false);
    expect(signalledBefore(['2026-04-01'], '2026-03-31')).toBe(false);
  });

  it('expects ARR × rate × uplift from the renewals that carry a signal, nothing without a measured rate', () => {
    const rate = { observations: 10, expanded: 4, rate: 0.4, uplift: 0.25 };
    expect(expectedExpansionCents([1_000_000, 2_000_000], rate)).toBe(300_000);
    expect(
      expectedExpansionCents([1_000_000], { observations: 0, expanded: 0, rate: null, uplift: null }),
    ).toBe(0);
  });
});
