import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/random.ts';
import { auc, bootstrapAucInterval, wilsonInterval } from '../../tools/backtest/discrimination.ts';

const obs = (pairs: [number, boolean][]) => pairs.map(([risk, churned]) => ({ risk, churned }));

/** The AUC by its definition: every (churned, retained) pair, ties half. Independent of the rank method. */
function pairwiseAuc(o: { risk: number; churned: boolean }[]): number {
  const pos = o.filter((x) => x.churned);
  const neg = o.filter((x) => !x.churned);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.risk > n.risk ? 1 : p.risk === n.risk ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe('AUC', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when all tie', () => {
    expect(
      auc(
        obs([
          [0.9, true],
          [0.8, true],
          [0.2, false],
          [0.1, false],
        ]),
      ),
    ).toBe(1);
    expect(
      auc(
        obs([
          [0.1, true],
          [0.9, false],
        ]),
      ),
    ).toBe(0);
    expect(
      auc(
        obs([
          [0.5, true],
          [0.5, false],
          [0.5, false],
        ]),
      ),
    ).toBe(0.5);
  });

  it('counts ties as half, as worked by hand', () => {
    // Churned: 0.8, 0.4. Retained: 0.4, 0.3, 0.1. Pairs: 0.8 beats 3; 0.4 ties 1, beats 2 → (3 + 2.5) / 6.
    expect(
      auc(
        obs([
          [0.8, true],
          [0.4, true],
          [0.4, false],
          [0.3, false],
          [0.1, false],
        ]),
      ),
    ).toBeCloseTo(5.5 / 6, 12);
  });

  it('equals the pairwise definition on random data with many ties', () => {
    const rng = new SeededRandom(7);
    const data = Array.from({ length: 400 }, () => ({ risk: rng.int(0, 20), churned: rng.chance(0.2) }));
    expect(auc(data)).toBeCloseTo(pairwiseAuc(data), 12);
  });

  it('is undefined without both outcomes', () => {
    expect(auc(obs([[0.5, true]]))).toBeNull();
    expect(auc([])).toBeNull();
  });
});

describe('bootstrap interval', () => {
  it('brackets the AUC, is reproducible for a seed, and narrows with more data', () => {
    const rng = new SeededRandom(11);
    const make = (n: number) =>
      Array.from({ length: n }, () => {
        const churned = rng.chance(0.3);
        return { risk: (churned ? 0.6 : 0.4) + rng.between(-0.3, 0.3), churned };
      });
    const small = make(60);
    const large = make(1200);
    const seeded = (data: typeof small) => {
      const r = new SeededRandom(3);
      return bootstrapAucInterval(data, { samples: 300, random: () => r.next() });
    };
    const once = seeded(small);
    expect(seeded(small)).toEqual(once);
    const value = auc(small) as number;
    expect(once?.low).toBeLessThanOrEqual(value);
    expect(once?.high).toBeGreaterThanOrEqual(value);
    const wide = (once?.high ?? 0) - (once?.low ?? 0);
    const big = seeded(large);
    expect((big?.high ?? 1) - (big?.low ?? 0)).toBeLessThan(wide);
  });
});

describe('Wilson interval', () => {
  it('matches published values', () => {
    // 5 of 20 at 95 %: 0.1119 to 0.4687 (Wilson 1927; Newcombe 1998, method 3).
    const w = wilsonInterval(5, 20);
    expect(w?.low).toBeCloseTo(0.1119, 4);
    expect(w?.high).toBeCloseTo(0.4687, 4);
    // 0 of 10: the lower bound is 0, the upper 0.2775.
    expect(wilsonInterval(0, 10)?.low).toBeCloseTo(0, 10);
    expect(wilsonInterval(0, 10)?.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(1, 0)).toBeNull();
  });
});
