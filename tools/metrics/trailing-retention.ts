import { accountMovements, type MovementOptions, monthlyMovements } from './movements';
import { type MrrGrid, mrrAt } from './mrr-grid';
import { type Ratio, ratio, roundRatio } from './ratio';

/**
 * Trailing-12 retention (METRICS.md §3): the year-ago cohort S = accounts paying at b = e − 12,
 * measured at e. Needs 13 months of data. Money in cents.
 */
export interface TrailingRetention {
  month: string;
  baseMonth: string;
  cohortSize: number;
  cohortAccounts: string[];
  baseCents: number;
  cohortNowCents: number;
  nrr: Ratio;
  grr: Ratio;
  expansionRate: Ratio;
  logoRetention: Ratio;
  logoRetentionStrict: Ratio;
  /** Other definitions, kept only to show how they differ from the headline. */
  alternatives: {
    nrrArrBridgeAllAccounts: Ratio;
    grrArrBridgeAllAccounts: Ratio;
    nrrStartCohortMovementsExclReactivation: Ratio;
    grrStartCohortMovements: Ratio;
    nrrCompoundedMonthly: number | null;
    grrCompoundedMonthly: number | null;
  };
}

const WINDOW = 12;

export function trailingRetention(grid: MrrGrid, options: MovementOptions = {}): TrailingRetention[] {
  const monthly = monthlyMovements(grid, options);
  const movements = accountMovements(grid, options);
  const result: TrailingRetention[] = [];
  for (let e = WINDOW; e < grid.months.length; e++) {
    const b = e - WINDOW;
    const baseMonth = grid.months[b] as string;
    const month = grid.months[e] as string;
    const cohort = [...grid.series].filter(([, row]) => mrrAt(row, b) > 0);
    const members = new Set(cohort.map(([id]) => id));
    let base = 0;
    let now = 0;
    let capped = 0;
    let expansion = 0;
    let retained = 0;
    let strict = 0;
    for (const [, row] of cohort) {
      const start = mrrAt(row, b);
      const end = mrrAt(row, e);
      base += start;
      now += end;
      capped += Math.min(start, end);
      expansion += Math.max(0, end - start);
      if (end > 0) retained++;
      if (row.slice(b, e + 1).every((v) => v > 0)) strict++;
    }
    const inWindow = movements.filter((mv) => mv.month > baseMonth && mv.month <= month);
    const total = (list: typeof inWindow, type: string) =>
      list.filter((mv) => mv.type === type).reduce((s, mv) => s + mv.amountCents, 0);
    const cohortMoves = inWindow.filter((mv) => members.has(mv.accountId));
    const startAll = [...grid.series.values()].reduce((s, row) => s + mrrAt(row, b), 0);
    const months = monthly.filter((mm) => mm.month > baseMonth && mm.month <= month);
    const compound = (pick: (mm: (typeof months)[number]) => number | null) => {
      let product = 1;
      for (const mm of months) {
        const v = pick(mm);
        if (v === null) return null;
        product *= v;
      }
      return roundRatio(product);
    };
    const exactNrr = (mm: (typeof months)[number]) => (mm.nrr.den === 0 ? null : mm.nrr.num / mm.nrr.den);
    const exactGrr = (mm: (typeof months)[number]) => (mm.grr.den === 0 ? null : mm.grr.num / mm.grr.den);
    result.push({
      month,
      baseMonth,
      cohortSize: cohort.length,
      cohortAccounts: cohort.map(([id]) => id),
      baseCents: base,
      cohortNowCents: now,
      nrr: ratio(now, base),
      grr: ratio(capped, base),
      expansionRate: ratio(expansion, base),
      logoRetention: ratio(retained, cohort.length),
      logoRetentionStrict: ratio(strict, cohort.length),
      alternatives: {
        nrrArrBridgeAllAccounts: ratio(
          startAll + total(inWindow, 'expansion') - total(inWindow, 'contraction') - total(inWindow, 'churn'),
          startAll,
        ),
        grrArrBridgeAllAccounts: ratio(
          startAll - total(inWindow, 'contraction') - total(inWindow, 'churn'),
          startAll,
        ),
        nrrStartCohortMovementsExclReactivation: ratio(
          base +
            total(cohortMoves, 'expansion') -
            total(cohortMoves, 'contraction') -
            total(cohortMoves, 'churn'),
          base,
        ),
        grrStartCohortMovements: ratio(
          base - total(cohortMoves, 'contraction') - total(cohortMoves, 'churn'),
          base,
        ),
        nrrCompoundedMonthly: compound(exactNrr),
        grrCompoundedMonthly: compound(exactGrr),
      },
    });
  }
  return result;
}
