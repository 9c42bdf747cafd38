import { describe, expect, it } from 'vitest';
import { monthNumber } from '../../core/calendar.ts';
import { SeededRandom } from '../../core/random.ts';
import { cohortTable } from '../../tools/metrics/cohorts.ts';
import { healthDistribution } from '../../tools/metrics/health-distribution.ts';
import { accountMovements, monthlyMovements } from '../../tools/metrics/movements.ts';
import {
  buildMrrGrid,
  buildMrrGridFromSeries,
  type MrrFact,
  monthRange,
} from '../../tools/metrics/mrr-grid.ts';
import { renewalPipeline } from '../../tools/metrics/renewal-pipeline.ts';
import { trailingRetention } from '../../tools/metrics/trailing-retention.ts';

const MONTHS = monthRange('2023-01', '2024-06');

/**
 * Facts from rows of MRR in whole dollars per month; undefined = no row. Shorter rows carry
 * their last value forward to the longest row's length, so each case reads on its own.
 */
function grid(rows: Record<string, (number | undefined)[]>) {
  const facts: MrrFact[] = [];
  const length = Math.max(...Object.values(rows).map((r) => r.length));
  for (const [accountId, given] of Object.entries(rows)) {
    const values = [...given, ...Array(length - given.length).fill(given.at(-1))];
    values.forEach((v, i) => {
      if (v !== undefined) facts.push({ accountId, month: MONTHS[i] as string, mrrCents: v * 100 });
    });
  }
  return buildMrrGrid(facts);
}
const types = (g: ReturnType<typeof grid>, id: string) =>
  accountMovements(g)
    .filter((m) => m.accountId === id)
    .map((m) => `${m.month}:${m.type}:${m.amountCents / 100}`);

function randomGrid(seed: number) {
  const rng = new SeededRandom(seed);
  const rows: Record<string, (number | undefined)[]> = {};
  for (let a = 0; a < 40; a++) {
    let mrr = rng.chance(0.5) ? rng.int(1, 50) * 10 : 0;
    rows[`R${a}`] = MONTHS.map(() => {
      const r = rng.next();
      if (r < 0.06) mrr = 0;
      else if (r < 0.14) mrr = rng.int(1, 50) * 10;
      else if (r < 0.22 && mrr > 0) mrr = Math.max(10, mrr + rng.int(-5, 8) * 10);
      return rng.chance(0.1) && mrr === 0 ? undefined : mrr;
    });
  }
  return grid(rows);
}

describe('metric properties over random portfolios', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: the roll-forward balances and NRR − GRR = expansion rate',
    (seed) => {
      const g = randomGrid(seed);
      const monthly = monthlyMovements(g);
      expect(monthly.length).toBe(MONTHS.length - 1);
      for (const m of monthly) {
        expect(m.endingCents).toBe(
          m.startingCents +
            m.newCents +
            m.reactivationCents +
            m.expansionCents -
            m.contractionCents -
            m.churnCents,
        );
        expect(m.nrr.num - m.grr.num).toBe(m.expansionRate.num);
        expect(m.nrr.den).toBe(m.startingCents);
      }
      for (const t of trailingRetention(g)) {
        expect(t.nrr.num - t.grr.num).toBe(t.expansionRate.num);
        expect(t.grr.num).toBeLessThanOrEqual(t.grr.den);
        expect(t.logoRetentionStrict.num).toBeLessThanOrEqual(t.logoRetention.num);
      }
      // The fast grid from per-account series equals the reference grid from facts.
      const bySeries = new Map<string, { accountId: string; months: number[]; cents: number[] }>();
      for (const [id, row] of g.series) {
        row.forEach((cents, i) => {
          if (cents === 0 && i % 3 !== 0) return; // sparse, like real rows
          const entry = bySeries.get(id) ?? { accountId: id, months: [], cents: [] };
          entry.months.push(monthNumber(g.months[i] as string));
          entry.cents.push(cents);
          bySeries.set(id, entry);
        });
      }
      const fast = buildMrrGridFromSeries([...bySeries.values()].reverse(), {
        last: g.months.at(-1) as string,
      });
      expect(fast.months).toEqual(g.months.slice(g.months.indexOf(fast.months[0] as string)));
      expect([...fast.series.keys()]).toEqual([...bySeries.keys()].sort());
      const offset = g.months.indexOf(fast.months[0] as string);
      for (const [id, row] of fast.series) expect(row).toEqual((g.series.get(id) as number[]).slice(offset));
      // Every paying account is in exactly one cohort.
      const inCohorts = cohortTable(g).flatMap((c) => c.accounts);
      expect(new Set(inCohorts).size).toBe(inCohorts.length);
      expect(inCohorts.length).toBe([...g.series.values()].filter((row) => row.some((v) => v > 0)).length);
    },
  );
});

describe('METRICS.md §8 edge cases', () => {
  it('reactivation after 1 and after 6 zero months; paused months; downgrade to zero is churn', () => {
    const g = grid({
      R1: [100, 0, 100],
      R6: [100, 0, 0, 0, 0, 0, 0, 120],
      DZ: [100, 50, 0],
    });
    expect(types(g, 'R1')).toEqual(['2023-02:churn:100', '2023-03:reactivation:100']);
    expect(types(g, 'R6')).toEqual(['2023-02:churn:100', '2023-08:reactivation:120']);
    expect(types(g, 'DZ')).toEqual(['2023-02:contraction:50', '2023-03:churn:50']);
  });

  it('reactivation_window_months turns a long gap into New', () => {
    const g = grid({ R6: [100, 0, 0, 0, 0, 0, 0, 120], R1: [100, 0, 100] });
    const moves = accountMovements(g, { reactivationWindowMonths: 3 }).map((m) => `${m.accountId}:${m.type}`);
    expect(moves).toEqual(['R1:churn', 'R6:churn', 'R1:reactivation', 'R6:new']);
  });

  it('sparse rows count as 0; trial rows at 0 before the first payment make the first paid month New', () => {
    const g = grid({ SP: [100, undefined, 100], TR: [0, 0, 300, 300] });
    expect(types(g, 'SP')).toEqual(['2023-02:churn:100', '2023-03:reactivation:100']);
    expect(types(g, 'TR')).toEqual(['2023-03:new:300']);
    expect(cohortTable(g).find((c) => c.accounts.includes('TR'))).toMatchObject({
      cohort: '2023-03',
      leftCensored: false,
      size: 1,
    });
    expect(cohortTable(g).find((c) => c.accounts.includes('SP'))).toMatchObject({
      cohort: '2023-01',
      leftCensored: true,
    });
  });

  it('a one-month customer is New then Churn', () => {
    expect(types(grid({ OM: [0, 200, 0] }), 'OM')).toEqual(['2023-02:new:200', '2023-03:churn:200']);
  });

  it('an annual contract renewed with uplift expands; one not renewed churns at the end of its term', () => {
    const up = Array.from({ length: 14 }, (_, i) => (i < 12 ? 1000 : 1100));
    const gone = Array.from({ length: 14 }, (_, i) => (i < 12 ? 1000 : 0));
    const g = grid({ UP: up, GO: gone });
    expect(types(g, 'UP')).toEqual(['2024-01:expansion:100']);
    expect(types(g, 'GO')).toEqual(['2024-01:churn:1000']);
  });

  it('a round trip up and down: snapshot GRR stays 100 % while the movement GRR is lower', () => {
    const rt = Array.from({ length: 13 }, (_, i) => (i >= 3 && i < 6 ? 150 : 100));
    const [t] = trailingRetention(grid({ RT: rt }));
    expect(t?.grr.value).toBe(1);
    expect(t?.alternatives.grrStartCohortMovements.value).toBeCloseTo(0.5, 6);
  });

  it('a member returning in the window’s last month counts at its MRR then', () => {
    const back = [100, ...Array(11).fill(0), 80];
    const [t] = trailingRetention(grid({ BK: back, ST: Array(13).fill(100) }));
    expect(t).toMatchObject({ cohortSize: 2, cohortNowCents: 18_000 });
    expect(t?.nrr.value).toBe(0.9);
    expect(t?.logoRetention.value).toBe(1);
    expect(t?.logoRetentionStrict.value).toBe(0.5);
  });

  it('new logos expanding inside the window inflate the lazy ARR-bridge NRR, not the true one', () => {
    const [t] = trailingRetention(grid({ OLD: Array(13).fill(100), NEW: [0, 50, ...Array(11).fill(100)] }));
    expect(t?.nrr.value).toBe(1);
    expect(t?.alternatives.nrrArrBridgeAllAccounts.value).toBe(1.5);
  });

  it('ratios with a zero denominator are null, never 0', () => {
    const [m] = monthlyMovements(grid({ N: [0, 100] }));
    expect(m?.nrr).toEqual({ num: 0, den: 0, value: null });
    expect(m?.quickRatio).toEqual({ num: 10_000, den: 0, value: null });
    expect(trailingRetention(grid({ N: [0, 100] }))).toEqual([]);
  });

  it('renewal pipeline: due today, 30/31/60/61/90/91 days, overdue, churned with a date, monthly', () => {
    const asOf = '2024-03-31';
    const acct = (
      accountId: string,
      renewalDate: string | null,
      mrrCents = 100,
      contractTerm = 'annual',
    ) => ({ accountId, renewalDate, mrrCents, contractTerm });
    const p = renewalPipeline(
      [
        acct('D00', '2024-03-31'),
        acct('D30', '2024-04-30'),
        acct('D31', '2024-05-01'),
        acct('D60', '2024-05-30'),
        acct('D61', '2024-05-31'),
        acct('D90', '2024-06-29'),
        acct('D91', '2024-06-30'),
        acct('OVD', '2024-03-30'),
        acct('CHN', '2024-04-10', 0),
        acct('MON', '2024-04-10', 100, 'monthly'),
        acct('NOD', null),
      ],
      asOf,
    );
    expect(p['0_30'].accounts).toEqual(['D00', 'D30']);
    expect(p['31_60'].accounts).toEqual(['D31', 'D60']);
    expect(p['61_90'].accounts).toEqual(['D61', 'D90']);
    expect(p.beyond_90.accounts).toEqual(['D91']);
    expect(p.overdue.accounts).toEqual(['OVD']);
    expect(p.next_90).toEqual({ count: 6, arrCents: 7_200 });
    const withMonthly = renewalPipeline([acct('MON', '2024-04-10', 100, 'monthly')], asOf, {
      includeMonthly: true,
    });
    expect(withMonthly['0_30'].accounts).toEqual(['MON']);
  });

  it('an empty health tier is "unknown"; churned accounts are left out', () => {
    const d = healthDistribution([
      { accountId: 'A', tier: 'green', mrrCents: 100 },
      { accountId: 'B', tier: '', mrrCents: 300 },
      { accountId: 'C', tier: 'red', mrrCents: 0 },
    ]);
    expect(Object.keys(d.tiers)).toEqual(['green', 'unknown']);
    expect(d.tiers.unknown).toMatchObject({
      accounts: ['B'],
      arrCents: 3_600,
      countShare: { num: 1, den: 2, value: 0.5 },
      arrShare: { num: 3_600, den: 4_800, value: 0.75 },
    });
  });
});
