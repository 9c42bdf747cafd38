import type { Queryable } from '../db.ts';

export interface SubscriptionMrrRow {
  subscription_id: string;
  month: string;
  source: string;
  account_id: string;
  customer_id: string;
  mrr_cents: number;
  native_amount: number;
  currency: string;
  flags: string[];
  policy_version: string;
  synced_at: string;
}

/**
 * Writes subscriptions' month-end MRR (again: a re-sync replaces a row, never adds one), then sets
 * each touched account's revenue row for the month to the sum of its subscriptions, naming them in
 * the row's attributes.
 */
export async function saveSubscriptionMrr(tx: Queryable, rows: readonly SubscriptionMrrRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO billing_subscription_mrr (subscription_id, month, source, account_id, customer_id, mrr_cents,
            native_amount, currency, flags, policy_version, synced_at)
     SELECT r.subscription_id, r.month::date, r.source, r.account_id, r.customer_id, r.mrr_cents, r.native_amount,
            r.currency, ARRAY(SELECT json_array_elements_text(r.flags)), r.policy_version, r.synced_at
       FROM json_to_recordset($1::json) AS r(subscription_id text, month text, source text, account_id text,
            customer_id text, mrr_cents bigint, native_amount bigint, currency text, flags json, policy_version text,
            synced_at timestamptz)
     ON CONFLICT (subscription_id, month) DO UPDATE SET account_id = EXCLUDED.account_id,
            customer_id = EXCLUDED.customer_id, mrr_cents = EXCLUDED.mrr_cents, native_amount = EXCLUDED.native_amount,
            currency = EXCLUDED.currency, flags = EXCLUDED.flags, policy_version = EXCLUDED.policy_version,
            synced_at = EXCLUDED.synced_at`,
    [JSON.stringify(rows)],
  );
  await tx.query(
    `WITH touched AS (SELECT DISTINCT r.account_id, r.month::date AS month
                        FROM json_to_recordset($1::json) AS r(account_id text, month text)),
          sums AS (SELECT t.account_id, t.month, sum(b.mrr_cents)::bigint AS mrr_cents,
                          jsonb_build_object('source', min(b.source), 'policy', min(b.policy_version),
                            'subscriptions', jsonb_agg(b.subscription_id ORDER BY b.subscription_id)) AS attributes
                     FROM touched t JOIN billing_subscription_mrr b USING (account_id, month)
                    GROUP BY t.account_id, t.month)
     INSERT INTO revenue (account_id, month, mrr_cents, attributes)
     SELECT account_id, month, mrr_cents, attributes FROM sums
     ON CONFLICT (account_id, month) DO UPDATE SET mrr_cents = EXCLUDED.mrr_cents, attributes = EXCLUDED.attributes`,
    [JSON.stringify(rows.map((r) => ({ account_id: r.account_id, month: r.month })))],
  );
}

/** Accounts by id, by lower-cased domain, for mapping billing customers. */
export async function accountKeys(
  db: Queryable,
): Promise<{ ids: Set<string>; byDomain: Map<string, string> }> {
  const rows = await db.query<{ account_id: string; domain: string | null }>(
    'SELECT account_id, domain FROM accounts',
  );
  return {
    ids: new Set(rows.map((r) => r.account_id)),
    byDomain: new Map(
      rows.filter((r) => r.domain).map((r) => [(r.domain as string).toLowerCase(), r.account_id]),
    ),
  };
}

/** A billing customer with no account yet becomes one (idempotent on the id). */
export async function createBillingAccount(
  tx: Queryable,
  account: { account_id: string; name: string; domain: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO accounts (account_id, name, domain, status) VALUES ($1, $2, $3, 'active')
     ON CONFLICT (account_id) DO NOTHING`,
    [account.account_id, account.name, account.domain],
  );
}
