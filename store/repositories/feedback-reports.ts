import type { Queryable } from '../db.ts';

export interface FeedbackRow {
  feedback_id: string;
  account_id: string;
  account_name: string;
  segment: string | null;
  source: string;
  created_at: string;
  received_at: string;
  score: number | null;
  text: string;
  status: string;
  canonical_id: string | null;
  similarity: number | null;
  /** The duplicate pair model's probability when it made the merge. */
  merge_probability: number | null;
  merged_on: string[];
  theme: string | null;
  themes: string[];
  sentiment: string | null;
  nps_category: string | null;
  owner: string | null;
  reassigned_to: string | null;
  sla_due_at: string | null;
  processed_at: string | null;
  resolved_at: string | null;
  last_error: string | null;
  effort: number | null;
}

const SELECT = `SELECT f.feedback_id, f.account_id, a.name AS account_name, a.segment, f.source, f.created_at,
       f.received_at, f.score, f.text, f.status, f.canonical_id, f.similarity, f.merge_probability, f.merged_on, f.theme, f.themes, f.sentiment,
       f.nps_category, f.owner, f.reassigned_to, f.sla_due_at, f.processed_at, f.resolved_at, f.last_error,
       NULLIF(f.attributes->>'effort', '')::numeric AS effort
  FROM feedback f JOIN accounts a USING (account_id)`;

/** Every item received on or before `until` (ISO), oldest first: the input of the feedback reports. */
export async function feedbackRows(db: Queryable, until: string): Promise<FeedbackRow[]> {
  return db.query<FeedbackRow>(`${SELECT} WHERE f.received_at <= $1 ORDER BY f.received_at, f.feedback_id`, [
    until,
  ]);
}

export async function feedbackRowsForAccount(db: Queryable, accountId: string): Promise<FeedbackRow[]> {
  return db.query<FeedbackRow>(
    `${SELECT} WHERE f.account_id = $1 ORDER BY f.created_at DESC, f.feedback_id`,
    [accountId],
  );
}

/** Every item with its loop state, for `cse feedback export`. */
export async function allFeedbackRows(db: Queryable): Promise<FeedbackRow[]> {
  return db.query<FeedbackRow>(`${SELECT} ORDER BY f.received_at, f.feedback_id`);
}

/**
 * Separates an item from its canonical item and remembers it is not a duplicate of it, so a
 * re-process never merges them again. Items merged into the item itself stay with it.
 */
export async function unmergeFeedback(
  db: Queryable,
  feedbackId: string,
): Promise<{ from: string; similarity: number | null } | null> {
  const rows = await db.query<{ canonical: string; similarity: number | null }>(
    `WITH old AS (SELECT canonical_id, similarity FROM feedback WHERE feedback_id = $1 AND canonical_id IS NOT NULL)
     UPDATE feedback f SET canonical_id = NULL, similarity = NULL, merge_probability = NULL, merged_on = '{}',
            not_duplicate_of = array_append(f.not_duplicate_of, old.canonical_id)
       FROM old WHERE f.feedback_id = $1
     RETURNING old.canonical_id AS canonical, old.similarity`,
    [feedbackId],
  );
  const row = rows[0];
  return row
    ? { from: row.canonical, similarity: row.similarity === null ? null : Number(row.similarity) }
    : null;
}

/** Owner actions from Slack or the CLI: acknowledge, resolve, reassign. */
export async function setFeedbackState(
  db: Queryable,
  feedbackId: string,
  change: { status?: 'acknowledged' | 'resolved'; reassignTo?: string },
  at: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE feedback SET
        status = COALESCE($2, status),
        acknowledged_at = CASE WHEN $2 = 'acknowledged' THEN $4::timestamptz ELSE acknowledged_at END,
        resolved_at = CASE WHEN $2 = 'resolved' THEN $4::timestamptz ELSE resolved_at END,
        reassigned_to = COALESCE($3, reassigned_to)
      WHERE feedback_id = $1 AND status IN ('open', 'acknowledged') RETURNING feedback_id`,
    [feedbackId, change.status ?? null, change.reassignTo ?? null, at],
  );
  return rows.length > 0;
}
