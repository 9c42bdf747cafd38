import type { ReportedTier } from '../../knowledge/health-model.ts';
import type { Queryable } from '../db.ts';
import { groupBy } from './health-data.ts';

/** The accounts a backtest covers: a book (CSM keys) and a segment, or every account. */
export interface BacktestScope {
  csmKeys: readonly string[] | null;
  segment: string | null;
}

const scopeWhere = (scope: BacktestScope, params: unknown[]): string => {
  const where: string[] = [];
  if (scope.csmKeys) {
    params.push(scope.csmKeys.map((k) => k.toLowerCase()));
    where.push(`lower(a.csm) = ANY($${params.length}::text[])`);
  }
  if (scope.segment) {
    params.push(scope.segment);
    where.push(`a.segment = $${params.length}`);
  }
  return where.length > 0 ? `AND ${where.join(' AND ')}` : '';
};

/** The days in a range that have stored snapshots, oldest first. */
export async function snapshotDays(db: Queryable, from: string, to: string): Promise<string[]> {
  const rows = await db.query<{ as_of: string }>(
    'SELECT DISTINCT as_of FROM health_snapshots WHERE as_of >= $1 AND as_of <= $2 ORDER BY as_of',
    [from, to],
  );
  return rows.map((r) => r.as_of);
}

export interface BacktestSnapshot {
  account_id: string;
  as_of: string;
  score: number | null;
  tier: ReportedTier;
  dimensions: Record<string, { score: number | null; inputs?: { name: string; score: number | null }[] }>;
  model_version: string;
}

/** Every stored snapshot of the accounts in scope on the given days. */
export async function snapshotsOn(
  db: Queryable,
  days: readonly string[],
  scope: BacktestScope,
): Promise<BacktestSnapshot[]> {
  const params: unknown[] = [days];
  return db.query<BacktestSnapshot>(
    `SELECT s.account_id, s.as_of, s.score, s.tier, s.dimensions, s.model_version
       FROM health_snapshots s JOIN accounts a ON a.account_id = s.account_id
      WHERE s.as_of = ANY($1::date[]) ${scopeWhere(scope, params)}
      ORDER BY s.as_of, s.account_id`,
    params,
  );
}

export interface OutcomeRow {
  account_id: string;
  churned_at: string | null;
  revenue: { month: string; mrr_cents: number }[];
}

/** What the outcome reads for a set of accounts: the churn date and the month-end MRR series (from `fromMonth` on, when given). */
export async function outcomeRows(
  db: Queryable,
  ids: readonly string[],
  fromMonth: string | null = null,
): Promise<OutcomeRow[]> {
  const [accounts, revenue] = await Promise.all([
    db.query<{ account_id: string; churned_at: string | null }>(
      'SELECT account_id, churned_at FROM accounts WHERE account_id = ANY($1::text[]) ORDER BY account_id',
      [ids],
    ),
    db.query<{ account_id: string; month: string; mrr_cents: number }>(
      `SELECT account_id, to_char(month, 'YYYY-MM') AS month, mrr_cents::float8 AS mrr_cents
         FROM revenue WHERE account_id = ANY($1::text[]) AND ($2::text IS NULL OR month >= ($2 || '-01')::date)
        ORDER BY account_id, month`,
      [ids, fromMonth],
    ),
  ]);
  const byAccount = groupBy(revenue);
  return accounts.map((a) => ({
    account_id: a.account_id,
    churned_at: a.churned_at,
    revenue: (byAccount.get(a.account_id) ?? []).map((r) => ({
      month: r.month,
      mrr_cents: Number(r.mrr_cents),
    })),
  }));
}

/** The last month with any revenue row, 'YYYY-MM', or null. */
export async function lastRevenueMonth(db: Queryable): Promise<string | null> {
  const [row] = await db.query<{ month: string | null }>(
    "SELECT to_char(max(month), 'YYYY-MM') AS month FROM revenue",
  );
  return row?.month ?? null;
}

export interface DataQualityCounts {
  usage_before_contract_start: { rows: number; accounts: number };
  events_before_contract_start: { rows: number; accounts: number };
  churned_without_date: number;
  customers_without_usage: number;
  customers: number;
  /** Contacts last engaged after the first cutoff: one date per contact, so what came before is unknown. */
  contacts_engaged_after_first_cutoff: { contacts: number; of: number };
}

/** The data-quality audit the backtest prints next to its figures. */
export async function dataQualityCounts(
  db: Queryable,
  scope: BacktestScope,
  firstCutoff: string,
): Promise<DataQualityCounts> {
  const params: unknown[] = [firstCutoff];
  const where = scopeWhere(scope, params);
  const [row] = await db.query<{
    usage_rows: number;
    usage_accounts: number;
    event_rows: number;
    event_accounts: number;
    churned_without_date: number;
    customers_without_usage: number;
    customers: number;
    contacts_after: number;
    contacts: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM usage u JOIN accounts a ON a.account_id = u.account_id
         WHERE a.contract_start IS NOT NULL AND u.date < a.contract_start ${where}) AS usage_rows,
       (SELECT count(DISTINCT u.account_id)::int FROM usage u JOIN accounts a ON a.account_id = u.account_id
         WHERE a.contract_start IS NOT NULL AND u.date < a.contract_start ${where}) AS usage_accounts,
       (SELECT count(*)::int FROM events e JOIN accounts a ON a.account_id = e.account_id
         WHERE a.contract_start IS NOT NULL AND e.at < a.contract_start ${where}) AS event_rows,
       (SELECT count(DISTINCT e.account_id)::int FROM events e JOIN accounts a ON a.account_id = e.account_id
         WHERE a.contract_start IS NOT NULL AND e.at < a.contract_start ${where}) AS event_accounts,
       (SELECT count(*)::int FROM accounts a WHERE a.status = 'churned' AND a.churned_at IS NULL ${where}) AS churned_without_date,
       (SELECT count(*)::int FROM accounts a
         WHERE NOT EXISTS (SELECT 1 FROM usage u WHERE u.account_id = a.account_id) ${where}) AS customers_without_usage,
       (SELECT count(*)::int FROM accounts a WHERE true ${where}) AS customers,
       (SELECT count(*)::int FROM contacts c JOIN accounts a ON a.account_id = c.account_id
         WHERE c.last_engaged_at > $1::date ${where}) AS contacts_after,
       (SELECT count(*)::int FROM contacts c JOIN accounts a ON a.account_id = c.account_id WHERE true ${where}) AS contacts`,
    params,
  );
  return {
    usage_before_contract_start: { rows: row?.usage_rows ?? 0, accounts: row?.usage_accounts ?? 0 },
    events_before_contract_start: { rows: row?.event_rows ?? 0, accounts: row?.event_accounts ?? 0 },
    churned_without_date: row?.churned_without_date ?? 0,
    customers_without_usage: row?.customers_without_usage ?? 0,
    customers: row?.customers ?? 0,
    contacts_engaged_after_first_cutoff: { contacts: row?.contacts_after ?? 0, of: row?.contacts ?? 0 },
  };
}

export interface AccountTermsRow {
  account_id: string;
  segment: string | null;
  contract_term: string | null;
  contract_start: string | null;
  renewal_date: string | null;
  seats_purchased: number | null;
}

/** The contract terms the churn model reads of each account (as stored today: they describe the contract, not a day). */
export async function accountTermsRows(db: Queryable, ids: readonly string[]): Promise<AccountTermsRow[]> {
  return db.query<AccountTermsRow>(
    `SELECT account_id, segment, contract_term, contract_start::text AS contract_start,
            renewal_date::text AS renewal_date, seats_purchased
       FROM accounts WHERE account_id = ANY($1::text[]) ORDER BY account_id`,
    [ids],
  );
}

/** Seats in use on the latest usage row on or before each day, by account and day (accounts without usage are absent). */
export async function seatsActiveOn(
  db: Queryable,
  ids: readonly string[],
  days: readonly string[],
): Promise<{ account_id: string; day: string; seats_active: number | null }[]> {
  return db.query(
    `SELECT a.id AS account_id, d.day::text AS day, u.seats_active
       FROM unnest($1::text[]) AS a(id) CROSS JOIN unnest($2::date[]) AS d(day)
       JOIN LATERAL (SELECT seats_active FROM usage
                      WHERE account_id = a.id AND date <= d.day ORDER BY date DESC LIMIT 1) u ON true
      ORDER BY 1, 2`,
    [ids, days],
  );
}

export interface ForecastHistoryAccount {
  account_id: string;
  name: string;
  contract_start: string | null;
  churned_at: string | null;
  renewal_date: string | null;
  contract_term: string | null;
  arr_cents: number | null;
}

/** Every account with what a past quarter's forecast reads of it (whether it was a customer, its term, its declared ARR). */
export async function forecastHistoryAccounts(db: Queryable): Promise<ForecastHistoryAccount[]> {
  return db.query<ForecastHistoryAccount>(
    `SELECT account_id, name, contract_start::text AS contract_start, churned_at::text AS churned_at,
            renewal_date::text AS renewal_date, contract_term, arr_cents::float8 AS arr_cents
       FROM accounts ORDER BY account_id`,
  );
}
