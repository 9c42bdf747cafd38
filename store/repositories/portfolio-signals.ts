import type { Queryable } from '../db.ts';

/** Latest health snapshot per account on or before a day. */
export interface LatestSnapshot {
  account_id: string;
  as_of: string;
  /** Null when the account was unscored (tier `unscored`). */
  score: number | null;
  tier: string;
  dimensions: Record<string, unknown>;
}

/**
 * The latest snapshot of each account on or before a day. With `scoresOnly`, each dimension is
 * just its score ({name: score}), not its inputs and reasons: what comparing health over time
 * reads, a tenth of the bytes for a large book.
 */
export async function latestSnapshots(
  db: Queryable,
  onOrBefore: string,
  accountIds: readonly string[],
  scoresOnly = false,
): Promise<LatestSnapshot[]> {
  const dimensions = scoresOnly
    ? `(SELECT coalesce(jsonb_object_agg(d.key, d.value -> 'score'), '{}'::jsonb) FROM jsonb_each(dimensions) AS d) AS dimensions`
    : 'dimensions';
  return db.query<LatestSnapshot>(
    `SELECT account_id, as_of, score, tier, ${dimensions}
       FROM (SELECT DISTINCT ON (account_id) account_id, as_of, score, tier, dimensions
               FROM health_snapshots WHERE as_of <= $1 AND account_id = ANY($2::text[])
              ORDER BY account_id, as_of DESC) latest
      ORDER BY account_id`,
    [onOrBefore, accountIds],
  );
}

export interface ChurnedAccount {
  account_id: string;
  name: string;
  churned_at: string;
  churn_reason: string | null;
  arr_cents: number | null;
}

/** Accounts that churned in a period (by churned_at), within an optional set of CSM keys / segment. */
export async function churnedBetween(
  db: Queryable,
  from: string,
  to: string,
  filter: { segment?: string; csm?: readonly string[] } = {},
): Promise<ChurnedAccount[]> {
  const params: unknown[] = [from, to];
  const where = ["status = 'churned'", 'churned_at >= $1', 'churned_at <= $2'];
  if (filter.segment) {
    params.push(filter.segment);
    where.push(`segment = $${params.length}`);
  }
  if (filter.csm) {
    params.push(filter.csm.map((c) => c.toLowerCase()));
    where.push(`lower(csm) = ANY($${params.length}::text[])`);
  }
  return db.query<ChurnedAccount>(
    `SELECT account_id, name, churned_at, churn_reason, arr_cents FROM accounts WHERE ${where.join(' AND ')} ORDER BY churned_at, account_id`,
    params,
  );
}

export const EXPANSION_SIGNAL_TYPES = [
  'usage_limit_hit',
  'higher_tier_request',
  'api_access_request',
  'new_team_interest',
  'funding_round',
  'champion_promoted',
] as const;

export interface SignalCount {
  account_id: string;
  type: string;
  count: number;
  last_at: string;
}

/** Expansion signals per account and type in a period. */
export async function expansionSignals(
  db: Queryable,
  accountIds: readonly string[],
  from: string,
  to: string,
): Promise<SignalCount[]> {
  return db.query<SignalCount>(
    `SELECT account_id, type, count(*)::int AS count, max(at) AS last_at
       FROM events WHERE account_id = ANY($1::text[]) AND type = ANY($2::text[]) AND at >= $3 AND at < ($4::date + 1)
      GROUP BY account_id, type ORDER BY account_id, type`,
    [accountIds, [...EXPANSION_SIGNAL_TYPES], from, to],
  );
}

/**
 * Expansion-signal events from a day to a day (both UTC days, inclusive), by account and day (one
 * row per account and day); only the accounts given, when given.
 */
export async function expansionSignalDays(
  db: Queryable,
  from: string,
  to: string,
  accountIds: readonly string[] | null = null,
): Promise<{ account_id: string; day: string }[]> {
  return db.query(
    `SELECT DISTINCT account_id, (at AT TIME ZONE 'UTC')::date::text AS day
       FROM events WHERE type = ANY($1::text[]) AND at >= $2::date AND at < ($3::date + 1)
        AND ($4::text[] IS NULL OR account_id = ANY($4::text[]))
      ORDER BY account_id, day`,
    [[...EXPANSION_SIGNAL_TYPES], from, to, accountIds],
  );
}
