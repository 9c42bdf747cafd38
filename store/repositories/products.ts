import type { AccountHealthData } from '../../tools/health/account-health-data.ts';
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

/** An account's usage rows per product over [from, to], grouped by product, oldest first. */
export async function productUsageRows(
  db: Queryable,
  accountId: string,
  from: string,
  to: string,
): Promise<{ product: string; rows: UsageRow[] }[]> {
  const rows = await db.query<UsageRow & { product: string }>(
    `SELECT product, date, dau, wau, mau, core_actions, features_used, features_total FROM product_usage
      WHERE account_id = $1 AND date >= $2 AND date <= $3 ORDER BY product, date`,
    [accountId, from, to],
  );
  const byProduct = new Map<string, UsageRow[]>();
  for (const { product, ...row } of rows) byProduct.set(product, [...(byProduct.get(product) ?? []), row]);
  return [...byProduct.entries()].map(([product, r]) => ({ product, rows: r }));
}
