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

export interface RevenueScope {
  segment?: string;
  /** accounts.csm identifiers (any of), case-insensitive. */
  csm?: readonly string[];
  upToMonth?: string;
}

/** Month-end facts of the accounts in a scope (segment, CSM book), up to a month. */
export async function mrrFactsInScope(db: Queryable, scope: RevenueScope): Promise<MrrFact[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (scope.upToMonth) {
    params.push(`${scope.upToMonth}-01`);
    where.push(`r.month <= $${params.length}`);
  }
  if (scope.segment) {
    params.push(scope.segment);
    where.push(`a.segment = $${params.length}`);
  }
  if (scope.csm) {
    params.push(scope.csm.map((c) => c.toLowerCase()));
    where.push(`lower(a.csm) = ANY($${params.length}::text[])`);
  }
  return db.query<MrrFact>(
    `SELECT r.account_id, to_char(r.month, 'YYYY-MM') AS month, r.mrr_cents
       FROM revenue r JOIN accounts a USING (account_id)
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.account_id, r.month`,
    params,
  );
}
