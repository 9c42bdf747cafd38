import type { Queryable } from '../db.ts';

export interface Account {
  account_id: string;
  name: string;
  domain: string | null;
  segment: 'enterprise' | 'mid-market' | 'smb' | 'self-serve' | null;
  industry: string | null;
  csm: string | null;
  plan: string | null;
  arr_cents: number | null;
  seats_purchased: number | null;
  contract_start: string | null;
  renewal_date: string | null;
  contract_term: 'monthly' | 'annual' | 'multi-year' | null;
  status: 'active' | 'churned';
  churned_at: string | null;
  churn_reason: string | null;
  seasonal_months: number[];
  attributes: Record<string, unknown>;
  updated_at: string;
}

export interface AccountFilter {
  status?: Account['status'];
  segment?: string;
  /** The CSM's identifier as stored on accounts.csm (email or Slack id); any of several. */
  csm?: readonly string[];
  /** Only these accounts. */
  ids?: readonly string[];
}

export function filterSql(filter: AccountFilter, params: unknown[], alias = 'a'): string {
  const where: string[] = [];
  if (filter.status) {
    params.push(filter.status);
    where.push(`${alias}.status = $${params.length}`);
  }
  if (filter.segment) {
    params.push(filter.segment);
    where.push(`${alias}.segment = $${params.length}`);
  }
  if (filter.csm) {
    params.push(filter.csm.map((c) => c.toLowerCase()));
    where.push(`lower(${alias}.csm) = ANY($${params.length}::text[])`);
  }
  if (filter.ids) {
    params.push(filter.ids);
    where.push(`${alias}.account_id = ANY($${params.length}::text[])`);
  }
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}

export async function getAccount(db: Queryable, accountId: string): Promise<Account | null> {
  const [row] = await db.query<Account>('SELECT * FROM accounts WHERE account_id = $1', [accountId]);
  return row ?? null;
}

export async function listAccounts(db: Queryable, filter: AccountFilter = {}): Promise<Account[]> {
  const params: unknown[] = [];
  return db.query<Account>(
    `SELECT * FROM accounts a ${filterSql(filter, params)} ORDER BY a.name, a.account_id`,
    params,
  );
}

/** The ids of the accounts a filter selects, in id order: cheap enough to start other reads with. */
export async function accountIdsWhere(db: Queryable, filter: AccountFilter = {}): Promise<string[]> {
  const params: unknown[] = [];
  const rows = await db.query<{ account_id: string }>(
    `SELECT a.account_id FROM accounts a ${filterSql(filter, params)} ORDER BY a.account_id`,
    params,
  );
  return rows.map((r) => r.account_id);
}

export async function countAccounts(db: Queryable, filter: AccountFilter = {}): Promise<number> {
  const params: unknown[] = [];
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM accounts a ${filterSql(filter, params)}`,
    params,
  );
  return row?.n ?? 0;
}

/** Names and ids for matching what people type against ("acme" → Acme Corp). */
export async function accountNames(
  db: Queryable,
): Promise<Pick<Account, 'account_id' | 'name' | 'domain' | 'status'>[]> {
  return db.query('SELECT account_id, name, domain, status FROM accounts ORDER BY name');
}

/**
 * Accounts whose id, name or domain (whole, or its first label) is the mention, regardless of
 * case: what an exact mention can mean, read by index (migration 009).
 */
export async function accountsNamedExactly(
  db: Queryable,
  mention: string,
): Promise<Pick<Account, 'account_id' | 'name' | 'domain' | 'status'>[]> {
  return db.query(
    `SELECT account_id, name, domain, status FROM accounts
      WHERE lower(account_id) = lower($1) OR lower(name) = lower($1)
         OR lower(domain) = lower($1) OR split_part(lower(domain), '.', 1) = lower($1)
      ORDER BY name`,
    [mention],
  );
}

export interface PortfolioFact {
  account_id: string;
  name: string;
  segment: string | null;
  csm: string | null;
  renewal_date: string | null;
  contract_term: string | null;
  arr_cents: number | null;
  /** MRR in the reporting month; null when the account has no row for it. */
  mrr_cents: number | null;
  has_revenue: boolean;
  /** Latest health snapshot tier on or before as-of, else a tier imported as `health_tier`, else null. */
  health_tier: string | null;
  /** That snapshot's score; null when the tier is imported or there is none. */
  health_score: number | null;
  contract_start: string | null;
  domain: string | null;
}

/**
 * Active accounts with their MRR in the reporting month (the latest revenue month on or before
 * `asOf`), for ARR and renewal figures. One query, index-backed, fine at 10k+ accounts.
 */
export async function portfolioFacts(
  db: Queryable,
  asOf: string,
  filter: Omit<AccountFilter, 'status'> = {},
): Promise<{ revenueMonth: string | null; accounts: PortfolioFact[] }> {
  const [latest] = await db.query<{ month: string | null }>(
    'SELECT max(month) AS month FROM revenue WHERE month <= $1',
    [asOf],
  );
  const revenueMonth = latest?.month ?? null;
  const params: unknown[] = [revenueMonth, asOf];
  const where = filterSql({ ...filter, status: 'active' }, params);
  const accounts = await db.query<PortfolioFact>(
    `SELECT a.account_id, a.name, a.domain, a.segment, a.csm, a.renewal_date, a.contract_term, a.contract_start,
            a.arr_cents, cur.mrr_cents,
            (cur.mrr_cents IS NOT NULL OR EXISTS (SELECT 1 FROM revenue r WHERE r.account_id = a.account_id AND r.month <= $1)) AS has_revenue,
            COALESCE(hs.tier, NULLIF(a.attributes->>'health_tier', '')) AS health_tier,
            hs.score AS health_score
       FROM accounts a
       LEFT JOIN revenue cur ON cur.account_id = a.account_id AND cur.month = $1
       LEFT JOIN LATERAL (
         SELECT s.tier, s.score::int AS score FROM health_snapshots s
          WHERE s.account_id = a.account_id AND s.as_of <= $2 ORDER BY s.as_of DESC LIMIT 1
       ) hs ON true
       ${where}
      ORDER BY a.account_id`,
    params,
  );
  return { revenueMonth: revenueMonth?.slice(0, 7) ?? null, accounts };
}
