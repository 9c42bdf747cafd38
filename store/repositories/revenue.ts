import { monthNumber } from '../../core/calendar.ts';
import type { Queryable } from '../db.ts';

/** A month-end MRR fact (METRICS.md §0): month as 'YYYY-MM', MRR in cents. */
export interface MrrFact {
  account_id: string;
  month: string;
  mrr_cents: number;
}

const FACT_COLUMNS = "account_id, to_char(month, 'YYYY-MM') AS month, mrr_cents";

export async function revenueForAccount(db: Queryable, accountId: string): Promise<MrrFact[]> {
  return db.query<MrrFact>(`SELECT ${FACT_COLUMNS} FROM revenue WHERE account_id = $1 ORDER BY month`, [
    accountId,
  ]);
}

/** Every month-end fact up to a month (inclusive), ordered by account then month. */
export async function mrrFacts(db: Queryable, upToMonth?: string): Promise<MrrFact[]> {
  if (upToMonth === undefined)
    return db.query<MrrFact>(`SELECT ${FACT_COLUMNS} FROM revenue ORDER BY account_id, month`);
  return db.query<MrrFact>(
    `SELECT ${FACT_COLUMNS} FROM revenue WHERE month <= $1 ORDER BY account_id, month`,
    [`${upToMonth}-01`],
  );
}

/** The latest month with revenue on or before a date, as 'YYYY-MM', or null. */
export async function latestRevenueMonth(db: Queryable, onOrBefore: string): Promise<string | null> {
  const [row] = await db.query<{ month: string | null }>(
    "SELECT to_char(max(month), 'YYYY-MM') AS month FROM revenue WHERE month <= $1",
    [onOrBefore],
  );
  return row?.month ?? null;
}

export interface RevenueScope {
  segment?: string;
  /** accounts.csm identifiers (any of), case-insensitive. */
  csm?: readonly string[];
  /** 'YYYY-MM': the first and last months read (default: all stored). */
  fromMonth?: string;
  upToMonth?: string;
  /** One product line's revenue (product_revenue) instead of the accounts' totals. */
  product?: string;
}

/** One account's month-end MRR series: month numbers (year × 12 + month − 1) and cents, oldest first. */
export interface MrrSeries {
  account_id: string;
  months: number[];
  cents: number[];
}

/**
 * Month-end MRR of the accounts in a scope (segment, CSM book) within its months, one row per
 * account: the series ("monthNumber=cents,…") the revenue table's triggers keep (migration 010),
 * ~25× fewer rows to send and parse than one per account-month. Also the earliest month any
 * account in scope has stored (null when none), before `fromMonth` or not: where the full
 * history would begin.
 */
export async function mrrSeriesWindow(
  db: Queryable,
  scope: RevenueScope,
): Promise<{ series: MrrSeries[]; earliest: number | null }> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (scope.segment) {
    params.push(scope.segment);
    where.push(`a.segment = $${params.length}`);
  }
  if (scope.csm) {
    params.push(scope.csm.map((c) => c.toLowerCase()));
    where.push(`lower(a.csm) = ANY($${params.length}::text[])`);
  }
  const join = scope.segment || scope.csm ? 'JOIN accounts a USING (account_id)' : '';
  if (scope.product) {
    params.push(scope.product);
    where.push(`s.product = $${params.length}`);
  }
  // A product's series is built the way revenue_series is (migration 010), from its lines.
  const source = scope.product
    ? `(SELECT account_id, product,
               string_agg((extract(year FROM month)::int * 12 + extract(month FROM month)::int - 1) || '=' || mrr_cents,
                          ',' ORDER BY month) AS series
          FROM product_revenue GROUP BY account_id, product) s`
    : 'revenue_series s';
  const rows = await db.query<{ account_id: string; series: string }>(
    `SELECT s.account_id, s.series FROM ${source} ${join}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.account_id`,
    params,
  );
  const first = scope.fromMonth ? monthNumber(scope.fromMonth) : Number.NEGATIVE_INFINITY;
  const last = scope.upToMonth ? monthNumber(scope.upToMonth) : Number.POSITIVE_INFINITY;
  const series: MrrSeries[] = [];
  let earliest: number | null = null;
  for (const row of rows) {
    const months: number[] = [];
    const cents: number[] = [];
    for (const item of row.series.split(',')) {
      const eq = item.indexOf('=');
      const month = Number(item.slice(0, eq));
      if (month > last) break;
      if (earliest === null || month < earliest) earliest = month;
      if (month < first) continue;
      months.push(month);
      cents.push(Number(item.slice(eq + 1)));
    }
    if (months.length > 0) series.push({ account_id: row.account_id, months, cents });
  }
  return { series, earliest };
}

/** Every stored month of MRR, as the revenue import reads it (for re-importing, e.g. in cse bench). */
export async function revenueRowsForExport(
  db: Queryable,
): Promise<{ account_id: string; month: string; mrr_cents: number }[]> {
  return db.query(
    "SELECT account_id, to_char(month, 'YYYY-MM') AS month, mrr_cents FROM revenue ORDER BY account_id, month",
  );
}

/** Removes every revenue row (cse bench clears its scratch store's revenue before re-importing it). */
export async function clearRevenue(db: Queryable): Promise<void> {
  await db.exec('DELETE FROM revenue');
}

/** What an account's ARR on a day is made of: its MRR in the reporting month, whether it has revenue rows, its declared ARR. */
export interface AccountRevenueRow {
  account_id: string;
  /** MRR in the reporting month (the latest revenue month on or before the day); null without a row for it. */
  mrr_cents: number | null;
  has_revenue: boolean;
  declared_arr_cents: number | null;
}

/**
 * The inputs of each account's ARR on a day (null `ids`: every account), in one query: the
 * reporting month is the latest month of revenue data on or before the day, for every account.
 */
export async function accountRevenueOn(
  db: Queryable,
  day: string,
  ids: readonly string[] | null,
): Promise<AccountRevenueRow[]> {
  const rows = await db.query<AccountRevenueRow>(
    `WITH reporting AS (SELECT max(month) AS month FROM revenue WHERE month <= $1::date)
     SELECT a.account_id, cur.mrr_cents, a.arr_cents AS declared_arr_cents,
            (cur.mrr_cents IS NOT NULL OR EXISTS (
               SELECT 1 FROM revenue r WHERE r.account_id = a.account_id AND r.month <= reporting.month)) AS has_revenue
       FROM accounts a CROSS JOIN reporting
       LEFT JOIN revenue cur ON cur.account_id = a.account_id AND cur.month = reporting.month
      WHERE $2::text[] IS NULL OR a.account_id = ANY($2::text[])`,
    [day, ids === null ? null : [...ids]],
  );
  return rows.map((r) => ({
    ...r,
    mrr_cents: r.mrr_cents === null ? null : Number(r.mrr_cents),
    declared_arr_cents: r.declared_arr_cents === null ? null : Number(r.declared_arr_cents),
  }));
}
