import type { Queryable } from '../db.ts';

/**
 * Set-based reads for account lists: one query per fact for all the accounts asked about, so a
 * list over 10,000 accounts costs a handful of index scans, never one query per account.
 */

/** Each account's last touchpoint before a moment (ISO), by account; accounts without one are absent. */
export async function lastTouchBefore(
  db: Queryable,
  accountIds: readonly string[],
  before: string,
): Promise<Map<string, string>> {
  // One backward index probe per account (touchpoints_account_at), not a scan of every touchpoint.
  const rows = await db.query<{ account_id: string; at: string }>(
    `SELECT a.id AS account_id, t.at FROM unnest($1::text[]) AS a(id)
      CROSS JOIN LATERAL (
        SELECT at FROM touchpoints WHERE account_id = a.id AND at < $2 ORDER BY at DESC LIMIT 1
      ) t`,
    [[...accountIds], before],
  );
  return new Map(rows.map((r) => [r.account_id, new Date(r.at).toISOString()]));
}

/** The products each account paid for in its latest product month on or before a day, by account. */
export async function productsHeld(
  db: Queryable,
  accountIds: readonly string[],
  onOrBefore: string,
): Promise<Map<string, string[]>> {
  const rows = await db.query<{ account_id: string; products: string[] }>(
    `SELECT p.account_id, array_agg(p.product ORDER BY p.product) AS products
       FROM product_revenue p
       JOIN (SELECT account_id, max(month) AS month FROM product_revenue
              WHERE account_id = ANY($1::text[]) AND month <= $2 GROUP BY account_id) latest
         ON latest.account_id = p.account_id AND latest.month = p.month
      WHERE p.mrr_cents > 0
      GROUP BY p.account_id`,
    [[...accountIds], onOrBefore],
  );
  return new Map(rows.map((r) => [r.account_id, r.products]));
}
