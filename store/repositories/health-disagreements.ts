import type { Queryable } from '../db';

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
