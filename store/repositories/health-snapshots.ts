import type { ReportedTier } from '../../knowledge/health-model.ts';
import type { Db, Queryable } from '../db.ts';
import { groupBy } from './health-data.ts';

export interface HealthSnapshot {
  account_id: string;
  as_of: string;
  /** Null when the account was unscored that day (tier `unscored`). */
  score: number | null;
  tier: ReportedTier;
  dimensions: Record<string, unknown>;
  missing: string[];
  /** The share of the model's weight that had data (null on snapshots stored before it was kept). */
  coverage: number | null;
  model_version: string;
  computed_at: string;
}

export type NewHealthSnapshot = Omit<HealthSnapshot, 'computed_at'>;

/** Writes (or rewrites) the snapshot of one account for one day. */
export async function saveHealthSnapshot(db: Queryable, s: NewHealthSnapshot): Promise<void> {
  await db.query(
    `INSERT INTO health_snapshots (account_id, as_of, score, tier, dimensions, missing, model_version, coverage)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (account_id, as_of) DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier,
       dimensions = EXCLUDED.dimensions, missing = EXCLUDED.missing, model_version = EXCLUDED.model_version,
       coverage = EXCLUDED.coverage, computed_at = now()`,
    [s.account_id, s.as_of, s.score, s.tier, s.dimensions, s.missing, s.model_version, s.coverage],
  );
}

/** The snapshot closest to a target day, on or before it, or null. */
export async function snapshotOnOrBefore(
  db: Queryable,
  accountId: string,
  day: string,
): Promise<HealthSnapshot | null> {
  const [row] = await db.query<HealthSnapshot>(
    'SELECT * FROM health_snapshots WHERE account_id = $1 AND as_of <= $2 ORDER BY as_of DESC LIMIT 1',
    [accountId, day],
  );
  return row ?? null;
}

/**
 * Ids of the accounts that were customers on a day, in order: their contract had started (or has
 * no start date) and they had not churned yet. What a point-in-time snapshot scores.
 */
export async function accountIdsActiveOn(db: Queryable, day: string): Promise<string[]> {
  const rows = await db.query<{ account_id: string }>(
    `SELECT account_id FROM accounts
      WHERE (contract_start IS NULL OR contract_start <= $1)
        AND (status = 'active' OR (churned_at IS NOT NULL AND churned_at > $1))
      ORDER BY account_id`,
    [day],
  );
  return rows.map((r) => r.account_id);
}

/** Ids of every active account, in order: what `cse score --all` scores. */
export async function activeAccountIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ account_id: string }>(
    "SELECT account_id FROM accounts WHERE status = 'active' ORDER BY account_id",
  );
  return rows.map((r) => r.account_id);
}

/** Writes (or rewrites) many snapshots of one day in one transaction: one COPY and one upsert. */
export async function saveHealthSnapshots(db: Db, snapshots: readonly NewHealthSnapshot[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('CREATE TEMP TABLE _snapshots (LIKE health_snapshots INCLUDING DEFAULTS) ON COMMIT DROP');
    await tx.copyRows(
      '_snapshots',
      ['account_id', 'as_of', 'score', 'tier', 'dimensions', 'missing', 'model_version', 'coverage'],
      snapshots.map((s) => [
        s.account_id,
        s.as_of,
        s.score,
        s.tier,
        s.dimensions,
        s.missing,
        s.model_version,
        s.coverage,
      ]),
    );
    await tx.query(
      `INSERT INTO health_snapshots (account_id, as_of, score, tier, dimensions, missing, model_version, coverage)
       SELECT account_id, as_of, score, tier, dimensions, missing, model_version, coverage FROM _snapshots
       ON CONFLICT (account_id, as_of) DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier, dimensions = EXCLUDED.dimensions,
         missing = EXCLUDED.missing, model_version = EXCLUDED.model_version, coverage = EXCLUDED.coverage, computed_at = now()`,
    );
  });
}

/** Each account's snapshots from `from` to `to` (inclusive), oldest first: what the alert rules compare. */
export async function snapshotHistory(
  db: Queryable,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, { as_of: string; score: number | null; tier: HealthSnapshot['tier'] }[]>> {
  const rows = await db.query<{
    account_id: string;
    as_of: string;
    score: number | null;
    tier: HealthSnapshot['tier'];
  }>(
    `SELECT account_id, as_of, score, tier FROM health_snapshots
      WHERE account_id = ANY($1::text[]) AND as_of >= $2 AND as_of <= $3 ORDER BY account_id, as_of`,
    [ids, from, to],
  );
  return groupBy(rows);
}
