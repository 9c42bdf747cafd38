import { addDays } from '../../core/calendar.ts';
import type { AccountHealthData } from '../../tools/health/account-health-data.ts';
import type { ProductUsage } from '../../tools/risk/account-risk-data.ts';
import type { Queryable } from '../db.ts';

/** One product line's month-end MRR ('YYYY-MM', cents). */
export interface ProductMrr {
  product: string;
  month: string;
  mrr_cents: number;
}

/** The latest month with revenue for a product on or before a date, as 'YYYY-MM', or null. */
export async function latestProductMonth(
  db: Queryable,
  product: string,
  onOrBefore: string,
): Promise<string | null> {
  const [row] = await db.query<{ month: string | null }>(
    "SELECT to_char(max(month), 'YYYY-MM') AS month FROM product_revenue WHERE product = $1 AND month <= $2",
    [product, onOrBefore],
  );
  return row?.month ?? null;
}

/** An account's revenue per product line up to a month (inclusive), oldest first. */
export async function productRevenue(
  db: Queryable,
  accountId: string,
  upToMonth: string,
): Promise<ProductMrr[]> {
  return db.query<ProductMrr>(
    `SELECT product, to_char(month, 'YYYY-MM') AS month, mrr_cents FROM product_revenue
      WHERE account_id = $1 AND month <= $2::date ORDER BY month, product`,
    [accountId, `${upToMonth}-01`],
  );
}

type UsageRow = AccountHealthData['usage'][number];

/**
 * Each account's usage per product over the 56 days up to a day, oldest first, in one query: what
 * the churn-risk data and a single account's product view read.
 */
export async function productUsageByAccount(
  db: Queryable,
  ids: readonly string[],
  asOf: string,
): Promise<Map<string, ProductUsage[]>> {
  const rows = await db.query<UsageRow & { account_id: string; product: string }>(
    `SELECT account_id, product, date, dau, wau, mau, core_actions, features_used, features_total FROM product_usage
      WHERE account_id = ANY($1::text[]) AND date <= $2 AND date >= $3 ORDER BY account_id, product, date`,
    [ids, asOf, addDays(asOf, -55)],
  );
  const byAccount = new Map<string, ProductUsage[]>();
  for (const { account_id, product, ...row } of rows) {
    const products = byAccount.get(account_id) ?? [];
    const line = products.find((p) => p.product === product);
    if (line) line.rows.push(row);
    else products.push({ product, rows: [row] });
    byAccount.set(account_id, products);
  }
  return byAccount;
}
