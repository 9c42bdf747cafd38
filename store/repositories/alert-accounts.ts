import type { Queryable } from '../db.ts';

/** What an alert names about its account: name, CSM (as accounts.csm holds it, and as a user id) and renewal date. */
export interface AlertAccountRow {
  account_id: string;
  name: string;
  csm: string | null;
  owner: string | null;
  renewal_date: string | null;
}

/** The accounts' names, owners and renewal dates (their ARR is a fact of its own: facts/arr). */
export async function alertAccountRows(db: Queryable, ids: readonly string[]): Promise<AlertAccountRow[]> {
  return db.query<AlertAccountRow>(
    `SELECT a.account_id, a.name, a.csm, u.user_id AS owner, a.renewal_date
       FROM accounts a
       LEFT JOIN LATERAL (SELECT user_id FROM users u WHERE u.user_id = a.csm OR lower(u.email) = lower(a.csm) OR u.slack_id = a.csm
                           ORDER BY u.user_id LIMIT 1) u ON true
      WHERE a.account_id = ANY($1::text[]) ORDER BY a.account_id`,
    [ids],
  );
}

/** Renewals in a book (null: every account) between two days (inclusive), soonest first: the digest's "renewals this week". */
export async function renewalsBetween(
  db: Queryable,
  keys: readonly string[] | null,
  from: string,
  to: string,
): Promise<{ account_id: string; name: string; renewal_date: string }[]> {
  return db.query(
    `SELECT account_id, name, renewal_date FROM accounts
      WHERE status = 'active' AND ($1::text[] IS NULL OR csm = ANY($1::text[])) AND renewal_date >= $2 AND renewal_date <= $3
      ORDER BY renewal_date, name`,
    [keys === null ? null : [...keys], from, to],
  );
}

/**
 * Which accounts churned, or contracted by more than `share` of their MRR, in the `horizon` days
 * after a day: the outcome the alert backtest compares alerts with.
 */
export async function outcomesAfter(
  db: Queryable,
  ids: readonly string[],
  day: string,
  horizonDays: number,
  share: number,
): Promise<Map<string, 'churned' | 'contracted'>> {
  const rows = await db.query<{
    account_id: string;
    churned: boolean;
    then_cents: number | null;
    later_cents: number | null;
  }>(
    `SELECT a.account_id,
            COALESCE(a.churned_at > $2::date AND a.churned_at <= $2::date + $3::int, false) AS churned,
            (SELECT r.mrr_cents FROM revenue r WHERE r.account_id = a.account_id AND r.month <= $2::date ORDER BY r.month DESC LIMIT 1) AS then_cents,
            (SELECT r.mrr_cents FROM revenue r WHERE r.account_id = a.account_id AND r.month <= $2::date + $3::int ORDER BY r.month DESC LIMIT 1) AS later_cents
       FROM accounts a WHERE a.account_id = ANY($1::text[])`,
    [ids, day, horizonDays],
  );
  const out = new Map<string, 'churned' | 'contracted'>();
  for (const r of rows) {
    if (r.churned) out.set(r.account_id, 'churned');
    else if (r.then_cents && r.later_cents !== null && r.later_cents < r.then_cents * (1 - share))
      out.set(r.account_id, 'contracted');
  }
  return out;
}

/** The distinct days with stored snapshots in a range, oldest first: what a replay steps through. */
export async function snapshotDays(db: Queryable, from: string, to: string): Promise<string[]> {
  const rows = await db.query<{ as_of: string }>(
    'SELECT DISTINCT as_of FROM health_snapshots WHERE as_of >= $1 AND as_of <= $2 ORDER BY as_of',
    [from, to],
  );
  return rows.map((r) => r.as_of);
}
