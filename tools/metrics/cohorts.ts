import { type MrrGrid, mrrAt } from './mrr-grid.ts';
import { type Ratio, ratio } from './ratio.ts';

/**
 * Cohorts by first paid month (METRICS.md §5). Accounts already paying in the first data month
 * form a `left_censored` cohort. Reactivated accounts stay in their original cohort. Revenue
 * retention is net (expansion and reactivation count). Money in cents.
 */
export interface CohortCell {
  k: number;
  month: string;
  activeLogos: number;
  logoRetention: Ratio;
  mrrCents: number;
  revenueRetention: Ratio;
}

export interface Cohort {
  cohort: string;
  leftCensored: boolean;
  accounts: string[];
  size: number;
  baseCents: number;
  cells: CohortCell[];
}

export function cohortTable(grid: MrrGrid): Cohort[] {
  const byStart = new Map<number, string[]>();
  for (const [id, row] of grid.series) {
    const first = row.findIndex((v) => v > 0);
    if (first < 0) continue;
    const members = byStart.get(first);
    if (members) members.push(id);
    else byStart.set(first, [id]);
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, accounts]) => {
      const rows = accounts.map((id) => grid.series.get(id) as number[]);
      const base = rows.reduce((s, row) => s + mrrAt(row, start), 0);
      const cells: CohortCell[] = [];
      for (let i = start; i < grid.months.length; i++) {
        const active = rows.filter((row) => mrrAt(row, i) > 0).length;
        const mrr = rows.reduce((s, row) => s + mrrAt(row, i), 0);
        cells.push({
          k: i - start,
          month: grid.months[i] as string,
          activeLogos: active,
          logoRetention: ratio(active, accounts.length),
          mrrCents: mrr,
          revenueRetention: ratio(mrr, base),
        });
      }
      return {
        cohort: grid.months[start] as string,
        leftCensored: start === 0,
        accounts,
        size: accounts.length,
        baseCents: base,
        cells,
      };
    });
}
