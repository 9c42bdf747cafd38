import type { Queryable } from '../db';

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
