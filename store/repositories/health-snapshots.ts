import type { Queryable } from '../db';

export interface HealthSnapshot {
  account_id: string;
  as_of: string;
  score: number;
  tier: 'thriving' | 'healthy' | 'at-risk' | 'critical';
  dimensions: Record<string, unknown>;
  missing: string[];
  model_version: string;
  computed_at: string;
}

export type NewHealthSnapshot = Omit<HealthSnapshot, 'computed_at'>;

/** Writes (or rewrites) the snapshot of one account for one day. */
export async function saveHealthSnapshot(db: Queryable, s: NewHealthSnapshot): Promise<void> {
  await db.query(
    `INSERT INTO health_snapshots (account_id, as_of, score, tier, dimensions, missing, model_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (account_id, as_of) DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier,
       dimensions = EXCLUDED.dimensions, missing = EXCLUDED.missing, model_version = EXCLUDED.model_version, computed_at = now()`,
    [s.account_id, s.as_of, s.score, s.tier, s.dimensions, s.missing, s.model_version],
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
