import type { Queryable } from '../db.ts';
import { type DuplicatePair, openSuggestions } from './duplicate-pairs.ts';

export interface FeedbackNotice {
  feedback_id: string;
  account_id: string;
  account_name: string;
  segment: string | null;
  csm: string | null;
  text: string;
  theme: string | null;
  owner: string | null;
  reassigned_to: string | null;
  status: string;
  canonical_id: string | null;
  similarity: number | null;
  merged_on: string[];
  /** The language model's reason when it judged the merge. */
  merge_reason: string | null;
  sla_due_at: string | null;
  score: number | null;
  nps_category: string | null;
  /** Where the owner's notification was posted: {channel, ts}. */
  slack: { channel: string; ts: string } | null;
  duplicates: number;
  accounts: number;
  /** The account's MRR in the portfolio's latest revenue month (null when it has no row that month). */
  mrr_cents: number | null;
  has_revenue: boolean;
  declared_arr_cents: number | null;
  /** Possible duplicates below the auto-merge threshold that nobody has decided on, best first. */
  suggestions: DuplicatePair[];
}

/** One item with what its Slack notification shows: account, request size, thread. */
export async function feedbackNotice(db: Queryable, feedbackId: string): Promise<FeedbackNotice | null> {
  const [row] = await db.query<Omit<FeedbackNotice, 'suggestions'>>(
    `SELECT f.feedback_id, f.account_id, a.name AS account_name, a.segment, a.csm, f.text, f.theme, f.owner,
            f.reassigned_to, f.status, f.canonical_id, f.similarity, f.merged_on, f.merge_reason, f.sla_due_at, f.score, f.nps_category,
            f.attributes->'slack' AS slack,
            (SELECT r.mrr_cents FROM revenue r
              WHERE r.account_id = f.account_id AND r.month = (SELECT max(month) FROM revenue)) AS mrr_cents,
            EXISTS (SELECT 1 FROM revenue r WHERE r.account_id = f.account_id) AS has_revenue,
            a.arr_cents AS declared_arr_cents,
            (SELECT count(*)::int FROM feedback d WHERE d.canonical_id = f.feedback_id) AS duplicates,
            (SELECT count(DISTINCT d.account_id)::int FROM feedback d
              WHERE d.canonical_id = f.feedback_id OR d.feedback_id = f.feedback_id) AS accounts
       FROM feedback f JOIN accounts a USING (account_id) WHERE f.feedback_id = $1`,
    [feedbackId],
  );
  return row ? { ...row, suggestions: await openSuggestions(db, feedbackId) } : null;
}

/** Remembers where the notification went (its thread carries escalations and duplicates). */
export async function recordNotified(
  db: Queryable,
  feedbackId: string,
  slack: { channel: string; ts: string },
): Promise<void> {
  await db.query(
    `UPDATE feedback SET notified_at = now(), attributes = jsonb_set(attributes, '{slack}', $2::jsonb) WHERE feedback_id = $1`,
    [feedbackId, JSON.stringify(slack)],
  );
}

/** Marks an SLA escalation once; false when it was escalated already or needs none any more. */
export async function claimEscalation(db: Queryable, feedbackId: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE feedback SET escalated_at = now()
      WHERE feedback_id = $1 AND status = 'open' AND escalated_at IS NULL RETURNING feedback_id`,
    [feedbackId],
  );
  return rows.length > 0;
}

/** Resolves a request: the canonical item and every item merged into it. Returns the items resolved. */
export async function resolveRequest(
  db: Queryable,
  canonicalId: string,
  at: string,
): Promise<{ feedback_id: string; account_id: string }[]> {
  return db.query(
    `UPDATE feedback SET status = 'resolved', resolved_at = $2
      WHERE (feedback_id = $1 OR canonical_id = $1) AND status IN ('open', 'acknowledged')
      RETURNING feedback_id, account_id`,
    [canonicalId, at],
  );
}

/** Open requests whose owner was notified and whose SLA has not been escalated: their timers to re-arm. */
export async function pendingSlaChecks(
  db: Queryable,
): Promise<{ feedback_id: string; sla_due_at: string }[]> {
  return db.query(
    `SELECT feedback_id, sla_due_at FROM feedback
      WHERE status = 'open' AND canonical_id IS NULL AND notified_at IS NOT NULL
        AND escalated_at IS NULL AND sla_due_at IS NOT NULL
      ORDER BY sla_due_at`,
  );
}
