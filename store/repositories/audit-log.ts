import type { Queryable } from '../db.ts';

export type AuditSurface = 'cli' | 'chat' | 'slack' | 'http' | 'worker' | 'scheduler';

export interface AuditEntry {
  actor: string;
  /** The role the actor acted with (admin for the local operator, api for the feedback token). */
  role?: string | null;
  surface: AuditSurface;
  channel?: string | null;
  text?: string | null;
  intent?: string | null;
  account_id?: string | null;
  args?: Record<string, unknown>;
  outcome: 'ok' | 'error';
  error_code?: string | null;
  /** What the asker was told when refused or failed. */
  detail?: string | null;
  duration_ms?: number | null;
  /** When it happened (ISO), from the process clock; the database's time when absent. */
  at?: string | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  role: string | null;
  surface: AuditSurface;
  channel: string | null;
  text: string | null;
  intent: string | null;
  account_id: string | null;
  args: Record<string, unknown>;
  outcome: 'ok' | 'error';
  error_code: string | null;
  detail: string | null;
  duration_ms: number | null;
}

/** Records who asked or changed what, where, and how it ended. The table refuses every change after. */
export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor, role, surface, channel, text, intent, account_id, args, outcome, error_code, detail, duration_ms)
     VALUES (COALESCE($1::timestamptz, now()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      entry.at ?? null,
      entry.actor,
      entry.role ?? null,
      entry.surface,
      entry.channel ?? null,
      entry.text ?? null,
      entry.intent ?? null,
      entry.account_id ?? null,
      entry.args ?? {},
      entry.outcome,
      entry.error_code ?? null,
      entry.detail ?? null,
      entry.duration_ms === undefined || entry.duration_ms === null ? null : Math.round(entry.duration_ms),
    ],
  );
}

export async function recentAudit(db: Queryable, limit = 50): Promise<AuditRecord[]> {
  return db.query<AuditRecord>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
}

/** Entries newest first, by actor and from a time when given. */
export async function findAudit(
  db: Queryable,
  filter: { actor?: string | null; since?: string | null; limit: number },
): Promise<AuditRecord[]> {
  return db.query<AuditRecord>(
    `SELECT * FROM audit_log
      WHERE ($1::text IS NULL OR actor = $1) AND ($2::timestamptz IS NULL OR at >= $2)
      ORDER BY id DESC LIMIT $3`,
    [filter.actor ?? null, filter.since ?? null, filter.limit],
  );
}

/**
 * The retention purge: deletes entries older than `retentionDays` by the database's clock (never
 * fewer than 30 days; the database refuses less). The only DELETE the table allows, made by the
 * database function cse_purge_audit (migration 017).
 */
export async function purgeAudit(
  db: Queryable,
  retentionDays: number,
): Promise<{ deleted: number; before: string }> {
  const [row] = await db.query<{ deleted: number; cutoff: string }>(
    'SELECT deleted, cutoff FROM cse_purge_audit($1)',
    [retentionDays],
  );
  return { deleted: row?.deleted ?? 0, before: row?.cutoff ?? '' };
}
