import type { Queryable } from '../db';

/** What an alert names about its account: name, CSM (as accounts.csm holds it, and as a user id) and ARR on a day. */
export interface AlertAccount {
  account_id: string;
  name: string;
  csm: string | null;
  owner: string | null;
  arr_cents: number | null;
  renewal_date: string | null;
}

/**
 * The accounts' names and owners, and their ARR on a day (month-end MRR × 12 of the latest month
 * on or before it; the declared ARR where no revenue rows exist).
 */
export async function alertAccounts(
  db: Queryable,
  ids: readonly string[],
  day: string,
): Promise<AlertAccount[]> {
  return db.query<AlertAccount>(
    `SELECT a.account_id, a.name, a.csm, u.user_id AS owner, a.renewal_date,
            COALESCE((SELECT r.mrr_cents * 12 FROM revenue r WHERE r.account_id = a.account_id AND r.month <= $2::date
                       ORDER BY r.month DESC LIMIT 1), a.arr_cents) AS arr_cents
       FROM accounts a
       LEFT JOIN LATERAL (SELECT user_id FROM users u WHERE u.user_id = a.csm OR lower(u.email) = lower(a.csm) OR u.slack_id = a.csm
                           ORDER BY u.user_id LIMIT 1) u ON true
      WHERE a.account_id = ANY($1::text[]) ORDER BY a.account_id`,
    [ids, day],
  );
}

/** Renewals in a book between two days (inclusive), soonest first: the digest's "renewals this week". */
export async function renewalsBetween(
  db: Queryable,
  keys: readonly string[],
  from: string,
  to: string,
): Promise<{ account_id: string; name: string; renewal_date: string }[]> {
  return db.query(
    `SELECT account_id, name, renewal_date FROM accounts
      WHERE status = 'active' AND csm = ANY($1::text[]) AND renewal_date >= $2 AND renewal_date <= $3
      ORDER BY renewal_date, name`,
    [keys, from, to],
  );
}
