import type { Queryable } from '../db.ts';

export const DISAGREEMENT_REASONS = {
  score_too_high: 'Score is too high: the account is worse than this',
  score_too_low: 'Score is too low: the account is better than this',
  data_stale: 'The data behind it is out of date',
  missing_context: 'It misses context I have (a call, an email, a plan)',
  wrong_account_data: 'Some data belongs to another account',
} as const;
export type DisagreementReason = keyof typeof DISAGREEMENT_REASONS;

export interface HealthDisagreement {
  account_id: string;
  actor: string;
  as_of: string;
  score: number | null;
  tier: string | null;
  reason: DisagreementReason;
  note?: string | null;
}

/** Stores one "Disagree" on a health score; the calibration report reads these later. */
export async function recordDisagreement(db: Queryable, d: HealthDisagreement): Promise<void> {
  await db.query(
    `INSERT INTO health_disagreements (account_id, actor, as_of, score, tier, reason, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [d.account_id, d.actor, d.as_of, d.score, d.tier, d.reason, d.note ?? null],
  );
}

export async function disagreementsForAccount(
  db: Queryable,
  accountId: string,
): Promise<(HealthDisagreement & { at: string })[]> {
  return db.query(
    'SELECT account_id, actor, as_of, score, tier, reason, note, at FROM health_disagreements WHERE account_id = $1 ORDER BY id',
    [accountId],
  );
}

export interface DisagreementFact {
  account_id: string;
  actor: string;
  as_of: string;
  reason: DisagreementReason;
  segment: string | null;
  /** The dimensions of the latest snapshot on or before the day, when there is one. */
  dimensions: Record<string, { score: number | null }> | null;
}

/** Every disagreement on the accounts in scope (a book's CSM keys and a segment, or all), oldest first. */
export async function disagreementFacts(
  db: Queryable,
  scope: { csmKeys: readonly string[] | null; segment: string | null },
): Promise<DisagreementFact[]> {
  return db.query<DisagreementFact>(
    `SELECT d.account_id, d.actor, d.as_of, d.reason, a.segment,
            (SELECT s.dimensions FROM health_snapshots s
              WHERE s.account_id = d.account_id AND s.as_of <= d.as_of ORDER BY s.as_of DESC LIMIT 1) AS dimensions
       FROM health_disagreements d JOIN accounts a ON a.account_id = d.account_id
      WHERE ($1::text[] IS NULL OR lower(a.csm) = ANY($1::text[])) AND ($2::text IS NULL OR a.segment = $2)
      ORDER BY d.id`,
    [scope.csmKeys ? scope.csmKeys.map((k) => k.toLowerCase()) : null, scope.segment],
  );
}
