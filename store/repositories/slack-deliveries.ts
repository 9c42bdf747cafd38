import type { Queryable } from '../db';

/**
 * Claims a Slack delivery (an event id, or an action's trigger): true the first time, false for
 * every retry of it. Stored in the database, so a retry that reaches another process is caught too.
 */
export async function claimSlackDelivery(db: Queryable, deliveryId: string): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO slack_deliveries (delivery_id) VALUES ($1) ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id',
    [deliveryId],
  );
  return rows.length === 1;
}

/** Forgets deliveries older than Slack's retry window (three retries within about an hour). */
export async function pruneSlackDeliveries(db: Queryable, olderThanHours = 24): Promise<void> {
  await db.query(`DELETE FROM slack_deliveries WHERE received_at < now() - make_interval(hours => $1::int)`, [
    olderThanHours,
  ]);
}
