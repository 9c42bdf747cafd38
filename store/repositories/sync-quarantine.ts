import type { Queryable } from '../db.ts';

/** A vendor record a sync could not store, and why. */
export interface QuarantinedRecord {
  /** What it is at the vendor: ticket, company, contact, deal, subscription, invoice. */
  kind: string;
  external_id: string;
  reason: string;
  record: unknown;
}

/** Keeps records a sync could not store, once each (a record seen again is counted, its latest reason kept). */
export async function quarantineRecords(
  tx: Queryable,
  source: string,
  records: readonly QuarantinedRecord[],
  at: string,
): Promise<void> {
  if (records.length === 0) return;
  await tx.query(
    `INSERT INTO sync_quarantine (source, kind, external_id, reason, record, first_seen, last_seen)
     SELECT $1, r.kind, r.external_id, r.reason, r.record, $3, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(kind text, external_id text, reason text, record jsonb)
     ON CONFLICT (source, kind, external_id) DO UPDATE SET reason = EXCLUDED.reason, record = EXCLUDED.record,
            last_seen = EXCLUDED.last_seen, times = sync_quarantine.times + 1`,
    [source, JSON.stringify(dedupe(records)), at],
  );
}

/** One entry per record (a page may name one twice): the last reason wins. */
function dedupe(records: readonly QuarantinedRecord[]): QuarantinedRecord[] {
  return [...new Map(records.map((r) => [`${r.kind}\u0000${r.external_id}`, r])).values()];
}

/** Quarantined records per source, for `cse sources`. */
export async function quarantineCounts(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ source: string; n: number }>(
    'SELECT source, count(*)::int AS n FROM sync_quarantine GROUP BY source',
  );
  return new Map(rows.map((r) => [r.source, r.n]));
}

/** The quarantined records of a source, newest first. */
export async function quarantinedRecords(
  db: Queryable,
  source: string,
  limit = 100,
): Promise<(QuarantinedRecord & { last_seen: string; times: number })[]> {
  return db.query(
    `SELECT kind, external_id, reason, record, last_seen, times FROM sync_quarantine WHERE source = $1
      ORDER BY last_seen DESC, kind, external_id LIMIT $2`,
    [source, limit],
  );
}
