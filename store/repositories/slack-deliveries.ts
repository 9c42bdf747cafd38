import type { Queryable } from '../db.ts';

/** What a claimed delivery asked: enough to answer it again in the same place. */
export interface SlackQuestion {
  slackUserId: string;
  channel: string;
  text: string;
  /** The thread to answer in (a mention's ts), or none (a DM). */
  threadTs?: string;
}

/** A claim left unanswered this long is stale: a Slack retry may take it over, and the re-drive answers it. */
export const STALE_CLAIM_SECONDS = 120;

/**
 * Claims a Slack delivery (an event id): true the first time, false for every retry of it while
 * the first is answered or still being answered. Stored in the database, so a retry that reaches
 * another process is caught too. A claim left unanswered past STALE_CLAIM_SECONDS is taken over.
 */
export async function claimSlackDelivery(
  db: Queryable,
  deliveryId: string,
  question: SlackQuestion | null = null,
): Promise<boolean> {
  // Delivery timing is about real elapsed time between Slack and us: the database's clock.
  const rows = await db.query(
    `INSERT INTO slack_deliveries (delivery_id, question) VALUES ($1, $2)
     ON CONFLICT (delivery_id) DO UPDATE SET received_at = now()
       WHERE slack_deliveries.done_at IS NULL
         AND slack_deliveries.received_at < now() - make_interval(secs => $3)
     RETURNING delivery_id`,
    [deliveryId, question, STALE_CLAIM_SECONDS],
  );
  return rows.length === 1;
}

/** The answer was posted: the delivery is done. */
export async function markSlackDeliveryDone(db: Queryable, deliveryId: string): Promise<void> {
  await db.query('UPDATE slack_deliveries SET done_at = now() WHERE delivery_id = $1', [deliveryId]);
}

/**
 * Claims left unanswered for `staleSeconds`, taken for answering again: each is re-stamped so
 * that two processes never take the same one at once.
 */
export async function takeStaleSlackDeliveries(
  db: Queryable,
  staleSeconds = STALE_CLAIM_SECONDS,
  limit = 20,
): Promise<{ delivery_id: string; question: SlackQuestion }[]> {
  return db.query(
    `UPDATE slack_deliveries SET received_at = now()
      WHERE delivery_id IN (
        SELECT delivery_id FROM slack_deliveries
         WHERE done_at IS NULL AND question IS NOT NULL
           AND received_at <= now() - make_interval(secs => $1)
         ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING delivery_id, question`,
    [staleSeconds, limit],
  );
}

/** Forgets answered deliveries older than Slack's retry window (three retries within about an hour). */
export async function pruneSlackDeliveries(db: Queryable, olderThanHours = 24): Promise<void> {
  await db.query(
    `DELETE FROM slack_deliveries WHERE done_at IS NOT NULL AND received_at < now() - make_interval(hours => $1::int)`,
    [olderThanHours],
  );
}
