import { addMonths, monthFromNumber, monthNumber } from '../../core/calendar.ts';
import { compareText } from '../compare-text.ts';

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
  const rows = new Map<string, number[]>();
  for (const fact of facts) {
    const i = index.get(fact.month);
    if (i === undefined) continue;
    let row = rows.get(fact.accountId);
    if (!row) {
      row = new Array<number>(months.length).fill(0);
      rows.set(fact.accountId, row);
    }
    row[i] = (row[i] ?? 0) + fact.mrrCents;
  }
  // Accounts in id order (code-unit order, the same on every machine and locale).
  const ids = [...rows.keys()].sort(compareText);
  return { months, series: new Map(ids.map((id) => [id, rows.get(id) as number[]])) };
}

/** MRR of one account in month index i (0 outside the grid). */
export const mrrAt = (row: readonly number[], i: number): number =>
  i >= 0 && i < row.length ? (row[i] ?? 0) : 0;

/**
 * The same grid as `buildMrrGrid`, straight from per-account series (month numbers and cents),
 * without one object per account-month: the fast path for large portfolios.
 */
export function buildMrrGridFromSeries(
  series: readonly { accountId: string; months: readonly number[]; cents: readonly number[] }[],
  bounds: { first?: string; last?: string } = {},
): MrrGrid {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (const m of s.months) {
      if (m < lo) lo = m;
      if (m > hi) hi = m;
    }
  }
  if (!Number.isFinite(lo)) return { months: [], series: new Map() };
  if (bounds.first) lo = monthNumber(bounds.first);
  if (bounds.last) hi = monthNumber(bounds.last);
  const months: string[] = [];
  for (let m = lo; m <= hi; m++) months.push(monthFromNumber(m));
  const rows = new Map<string, number[]>();
  for (const s of series) {
    let row = rows.get(s.accountId);
    if (!row) {
      row = new Array<number>(months.length).fill(0);
      rows.set(s.accountId, row);
    }
    for (let k = 0; k < s.months.length; k++) {
      const i = (s.months[k] as number) - lo;
      if (i >= 0 && i < row.length) row[i] = (row[i] ?? 0) + (s.cents[k] as number);
    }
  }
  const ids = [...rows.keys()].sort(compareText);
  return { months, series: new Map(ids.map((id) => [id, rows.get(id) as number[]])) };
}
