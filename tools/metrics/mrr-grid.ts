import { addMonths } from '../dates/calendar';

/** A month-end MRR fact (METRICS.md §0): one value per account and month, in cents. */
export interface MrrFact {
  accountId: string;
  month: string;
  mrrCents: number;
}

/**
 * The account × month grid of METRICS.md §0: months are the continuous range from the first to
 * the last month in the facts; a missing row is 0.
 */
export interface MrrGrid {
  months: string[];
  /** account id → MRR in cents per month, aligned with `months`; accounts sorted by id. */
  series: Map<string, number[]>;
}

export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function buildMrrGrid(
  facts: readonly MrrFact[],
  bounds: { first?: string; last?: string } = {},
): MrrGrid {
  if (facts.length === 0) return { months: [], series: new Map() };
  let first = bounds.first;
  let last = bounds.last;
  if (!first || !last) {
    let lo = facts[0]?.month as string;
    let hi = lo;
    for (const f of facts) {
      if (f.month < lo) lo = f.month;
      if (f.month > hi) hi = f.month;
    }
    first ??= lo;
    last ??= hi;
  }
  const months = monthRange(first, last);
  const index = new Map(months.map((m, i) => [m, i]));
  const series = new Map<string, number[]>();
  for (const fact of [...facts].sort((a, b) => a.accountId.localeCompare(b.accountId))) {
    const i = index.get(fact.month);
    if (i === undefined) continue;
    let row = series.get(fact.accountId);
    if (!row) {
      row = new Array<number>(months.length).fill(0);
      series.set(fact.accountId, row);
    }
    row[i] = (row[i] ?? 0) + fact.mrrCents;
  }
  return { months, series };
}

/** MRR of one account in month index i (0 outside the grid). */
export const mrrAt = (row: readonly number[], i: number): number =>
  i >= 0 && i < row.length ? (row[i] ?? 0) : 0;
