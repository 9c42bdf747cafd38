import type { Queryable } from '../db';

export interface AuditEntry {
  actor: string;
  surface: 'cli' | 'chat' | 'slack' | 'http' | 'worker';
  channel?: string | null;
  text?: string | null;
  intent?: string | null;
  account_id?: string | null;
  args?: Record<string, unknown>;
  outcome: 'ok' | 'error';
  error_code?: string | null;
  duration_ms?: number | null;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: string;
}

/** Records who asked what, where, and how it ended. */
export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor, surface, channel, text, intent, account_id, args, outcome, error_code, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      entry.actor,
      entry.surface,
      entry.channel ?? null,
      entry.text ?? null,
      entry.intent ?? null,
      entry.account_id ?? null,
      entry.args ?? {},
      entry.outcome,
      entry.error_code ?? null,
      entry.duration_ms === undefined || entry.duration_ms === null ? null : Math.round(entry.duration_ms),
    ],
  );
}

export async function recentAudit(db: Queryable, limit = 50): Promise<AuditRecord[]> {
  return db.query<AuditRecord>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
}
