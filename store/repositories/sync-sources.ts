import type { Queryable } from '../db.ts';

export interface SyncSource {
  source: string;
  cursor: string | null;
  started_at: string | null;
  finished_at: string | null;
  last_success_at: string | null;
  pages: number;
  counts: Record<string, number>;
  last_error: string | null;
  /** A long Retry-After deferred the sync: it runs again, as its own job, after this moment. */
  deferred_until: string | null;
}

/** Every source that has synced, with its cursor, counts and last error. */
export async function listSyncSources(db: Queryable): Promise<SyncSource[]> {
  return db.query<SyncSource>(
    'SELECT source, cursor, started_at, finished_at, last_success_at, pages, counts, last_error, deferred_until FROM sync_sources ORDER BY source',
  );
}

export async function syncSource(db: Queryable, source: string): Promise<SyncSource | null> {
  const [row] = await db.query<SyncSource>(
    'SELECT source, cursor, started_at, finished_at, last_success_at, pages, counts, last_error, deferred_until FROM sync_sources WHERE source = $1',
    [source],
  );
  return row ?? null;
}

/** A sync begins: the row exists, the start is stamped, the last error stays until it succeeds. */
export async function markSyncStarted(db: Queryable, source: string, at: string): Promise<void> {
  await db.query(
    `INSERT INTO sync_sources (source, started_at) VALUES ($1, $2)
     ON CONFLICT (source) DO UPDATE SET started_at = $2`,
    [source, at],
  );
}

/**
 * One page's cursor and counts, written in the transaction that wrote the page's rows: a sync
 * killed after it resumes from here, one killed before it redoes the page.
 */
export async function advanceCursor(
  tx: Queryable,
  source: string,
  cursor: string | null,
  counts: Record<string, number>,
): Promise<void> {
  const [row] = await tx.query<{ counts: Record<string, number> }>(
    'SELECT counts FROM sync_sources WHERE source = $1 FOR UPDATE',
    [source],
  );
  const total: Record<string, number> = { ...(row?.counts ?? {}) };
  for (const [k, n] of Object.entries(counts)) total[k] = Number(total[k] ?? 0) + n;
  await tx.query('UPDATE sync_sources SET cursor = $2, pages = pages + 1, counts = $3 WHERE source = $1', [
    source,
    cursor,
    JSON.stringify(total),
  ]);
}

/**
 * The sync reached the end, success stamped: the cursor is cleared for a full pass next time, or
 * kept (an incremental source's position) when one is given.
 */
export async function markSyncFinished(
  db: Queryable,
  source: string,
  at: string,
  cursor: string | null = null,
): Promise<void> {
  await db.query(
    'UPDATE sync_sources SET cursor = $3, finished_at = $2, last_success_at = $2, last_error = NULL WHERE source = $1',
    [source, at, cursor],
  );
}

/** The sync stopped on an error: kept (without secrets) for `cse sources`; the cursor stays. */
export async function markSyncFailed(
  db: Queryable,
  source: string,
  error: string,
  at: string,
): Promise<void> {
  await db.query('UPDATE sync_sources SET last_error = $2, finished_at = $3 WHERE source = $1', [
    source,
    error.slice(0, 500),
    at,
  ]);
}

/** A vendor asked to wait past `until`: the source's sync is to run again then, as its own job. */
export async function deferSync(db: Queryable, source: string, until: string): Promise<void> {
  await db.query(
    `INSERT INTO sync_sources (source, deferred_until) VALUES ($1, $2)
     ON CONFLICT (source) DO UPDATE SET deferred_until = $2`,
    [source, until],
  );
}

/**
 * Takes the deferred syncs that are due (deferred_until at or before `now`): each source is taken
 * by one caller only, whatever the number of workers.
 */
export async function takeDueDeferredSyncs(db: Queryable, now: string): Promise<string[]> {
  const rows = await db.query<{ source: string }>(
    `UPDATE sync_sources SET deferred_until = NULL WHERE deferred_until IS NOT NULL AND deferred_until <= $1
     RETURNING source`,
    [now],
  );
  return rows.map((r) => r.source).sort();
}
