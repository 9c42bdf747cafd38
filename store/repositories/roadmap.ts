import type { RequestingItem, RoadmapStatus } from '../../tools/feedback/roadmap.ts';
import type { Queryable } from '../db.ts';

export interface RoadmapItem {
  roadmap_key: string;
  title: string;
  status: RoadmapStatus;
  owner: string | null;
  created_at: string;
  updated_at: string;
  shipped_at: string | null;
}

export interface RoadmapChange {
  change_id: number;
  roadmap_key: string;
  from_status: RoadmapStatus | null;
  to_status: RoadmapStatus;
  changed_at: string;
  changed_by: string | null;
}

const itemColumns = (t = 'roadmap_items') =>
  `${t}.roadmap_key, ${t}.title, ${t}.status, ${t}.owner, ${t}.created_at, ${t}.updated_at, ${t}.shipped_at`;

export async function findRoadmapItem(db: Queryable, key: string): Promise<RoadmapItem | null> {
  const [row] = await db.query<RoadmapItem>(
    `SELECT ${itemColumns()} FROM roadmap_items WHERE lower(roadmap_key) = lower($1)`,
    [key],
  );
  return row ?? null;
}

export async function listRoadmapKeys(db: Queryable): Promise<string[]> {
  return (
    await db.query<{ roadmap_key: string }>('SELECT roadmap_key FROM roadmap_items ORDER BY roadmap_key')
  ).map((r) => r.roadmap_key);
}

/** Creates the item when it is new (with its title and owner). Returns it as stored. */
export async function ensureRoadmapItem(
  db: Queryable,
  item: { roadmap_key: string; title: string; owner: string | null; status: RoadmapStatus; at: string },
): Promise<{ item: RoadmapItem; created: boolean }> {
  const existing = await findRoadmapItem(db, item.roadmap_key);
  if (existing) return { item: existing, created: false };
  await db.query(
    `INSERT INTO roadmap_items (roadmap_key, title, status, owner, created_at, updated_at, shipped_at)
     VALUES ($1, $2, $3, $4, $5, $5, CASE WHEN $3 = 'shipped' THEN $5::timestamptz END)`,
    [item.roadmap_key, item.title, item.status, item.owner, item.at],
  );
  return { item: (await findRoadmapItem(db, item.roadmap_key)) as RoadmapItem, created: true };
}

/**
 * Sets an item's status and records the change for its owner channel; shipping stamps shipped_at.
 * Returns the change, or null when the status was already that.
 */
export async function setRoadmapStatus(
  db: Queryable,
  key: string,
  status: RoadmapStatus,
  at: string,
  by: string | null,
): Promise<RoadmapChange | null> {
  const [before] = await db.query<{ status: RoadmapStatus }>(
    'SELECT status FROM roadmap_items WHERE roadmap_key = $1 FOR UPDATE',
    [key],
  );
  if (!before || before.status === status) return null;
  await db.query(
    `UPDATE roadmap_items SET status = $2, updated_at = $3,
            shipped_at = CASE WHEN $2 = 'shipped' THEN $3::timestamptz ELSE NULL END
      WHERE roadmap_key = $1`,
    [key, status, at],
  );
  return recordRoadmapChange(db, key, before.status, status, at, by);
}

/** A status change waiting to be posted to the item's owner channel. */
export async function recordRoadmapChange(
  db: Queryable,
  key: string,
  from: RoadmapStatus | null,
  to: RoadmapStatus,
  at: string,
  by: string | null,
): Promise<RoadmapChange> {
  const [row] = await db.query<RoadmapChange>(
    `INSERT INTO roadmap_changes (roadmap_key, from_status, to_status, changed_at, changed_by)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING change_id::int AS change_id, roadmap_key, from_status, to_status, changed_at, changed_by`,
    [key, from, to, at, by],
  );
  return row as RoadmapChange;
}

/** Links a request to an item (a request sits on one item: linking it again moves it). */
export async function linkRequest(
  db: Queryable,
  feedbackId: string,
  key: string,
  at: string,
  by: string | null,
): Promise<{ moved_from: string | null }> {
  const [before] = await db.query<{ roadmap_key: string }>(
    'SELECT roadmap_key FROM roadmap_links WHERE feedback_id = $1',
    [feedbackId],
  );
  await db.query(
    `INSERT INTO roadmap_links (feedback_id, roadmap_key, linked_at, linked_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (feedback_id) DO UPDATE SET roadmap_key = EXCLUDED.roadmap_key, linked_at = EXCLUDED.linked_at,
       linked_by = EXCLUDED.linked_by`,
    [feedbackId, key, at, by],
  );
  return { moved_from: before && before.roadmap_key !== key ? before.roadmap_key : null };
}

/** The team a request is routed to (its reassignment, else its owner). */
export async function requestOwner(db: Queryable, feedbackId: string): Promise<string | null> {
  const [row] = await db.query<{ owner: string | null }>(
    'SELECT COALESCE(reassigned_to, owner) AS owner FROM feedback WHERE feedback_id = $1',
    [feedbackId],
  );
  return row?.owner ?? null;
}

/**
 * An account's latest feedback item (or the one named) behind a roadmap item shipped by `upTo`:
 * each item is behind the item it is linked to itself, else the one its request is linked to.
 * Null when none.
 */
export async function shippedRequestOf(
  db: Queryable,
  accountId: string,
  upTo: string,
  feedbackId: string | null,
): Promise<{ item: { feedback_id: string; created_at: string; text: string }; roadmap: RoadmapItem } | null> {
  const [row] = await db.query<RoadmapItem & { feedback_id: string; asked_at: string; text: string }>(
    `SELECT f.feedback_id, f.created_at AS asked_at, f.text, ${itemColumns('i')}
       FROM feedback f
       JOIN LATERAL (SELECT l.roadmap_key FROM roadmap_links l
                      WHERE l.feedback_id = f.feedback_id OR l.feedback_id = f.canonical_id
                      ORDER BY l.feedback_id = f.feedback_id DESC LIMIT 1) l ON true
       JOIN roadmap_items i ON i.roadmap_key = l.roadmap_key
      WHERE f.account_id = $1 AND f.created_at <= $2 AND ($3::text IS NULL OR f.feedback_id = $3)
        AND i.status = 'shipped' AND i.shipped_at <= $2
      ORDER BY f.created_at DESC, f.feedback_id DESC LIMIT 1`,
    [accountId, upTo, feedbackId],
  );
  if (!row) return null;
  const { feedback_id, asked_at, text, ...roadmap } = row;
  return { item: { feedback_id, created_at: asked_at, text }, roadmap };
}

/**
 * Every customer item behind roadmap items: the linked requests and the items merged into them
 * (their merge lists), dead items left out.
 */
export async function requestingItems(
  db: Queryable,
  keys: readonly string[],
): Promise<(RequestingItem & { roadmap_key: string })[]> {
  return db.query(
    `SELECT l.roadmap_key, f.feedback_id, f.account_id, a.name AS account_name, a.csm,
            f.created_at
       FROM roadmap_links l
       JOIN feedback f ON f.feedback_id = l.feedback_id OR f.canonical_id = l.feedback_id
       JOIN accounts a ON a.account_id = f.account_id
      WHERE l.roadmap_key = ANY($1::text[]) AND f.status <> 'dead'
      ORDER BY l.roadmap_key, f.created_at, f.feedback_id`,
    [keys],
  );
}

/** Items shipped in a window [from, to], newest first. */
export async function shippedRoadmapItems(db: Queryable, from: string, to: string): Promise<RoadmapItem[]> {
  return db.query(
    `SELECT ${itemColumns()} FROM roadmap_items
      WHERE status = 'shipped' AND shipped_at >= $1::timestamptz AND shipped_at <= $2::timestamptz
      ORDER BY shipped_at DESC, roadmap_key`,
    [from, to],
  );
}

/** Status changes not yet posted, oldest first. */
export async function unannouncedRoadmapChanges(
  db: Queryable,
): Promise<(RoadmapChange & { title: string; owner: string | null })[]> {
  return db.query(
    `SELECT c.change_id::int AS change_id, c.roadmap_key, c.from_status, c.to_status, c.changed_at,
            c.changed_by, i.title, i.owner
       FROM roadmap_changes c JOIN roadmap_items i USING (roadmap_key)
      WHERE c.announced_at IS NULL ORDER BY c.change_id`,
  );
}

/** Claims a change for posting: true once, whichever worker asks. */
export async function claimRoadmapChange(db: Queryable, changeId: number, at: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE roadmap_changes SET announced_at = $2 WHERE change_id = $1 AND announced_at IS NULL RETURNING change_id',
    [changeId, at],
  );
  return rows.length === 1;
}

/** A post that failed: the change waits for the next pass. */
export async function releaseRoadmapChange(db: Queryable, changeId: number): Promise<void> {
  await db.query('UPDATE roadmap_changes SET announced_at = NULL WHERE change_id = $1', [changeId]);
}
