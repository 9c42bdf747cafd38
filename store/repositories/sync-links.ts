import type { Queryable } from '../db.ts';

export interface SyncLink {
  external_id: string;
  account_id: string;
  matched_by: string;
}

/** The accounts a source's records of one type were linked to by earlier syncs, by external id. */
export async function syncLinks(
  db: Queryable,
  source: string,
  objectType: string,
): Promise<Map<string, string>> {
  const rows = await db.query<{ external_id: string; account_id: string }>(
    'SELECT external_id, account_id FROM sync_links WHERE source = $1 AND object_type = $2',
    [source, objectType],
  );
  return new Map(rows.map((r) => [r.external_id, r.account_id]));
}

/** Records which account each external record is (again: a re-sync updates the link). */
export async function saveSyncLinks(
  tx: Queryable,
  source: string,
  objectType: string,
  links: readonly SyncLink[],
  at: string,
): Promise<void> {
  if (links.length === 0) return;
  await tx.query(
    `INSERT INTO sync_links (source, object_type, external_id, account_id, matched_by, linked_at)
     SELECT $1, $2, l.external_id, l.account_id, l.matched_by, $4
       FROM json_to_recordset($3::json) AS l(external_id text, account_id text, matched_by text)
     ON CONFLICT (source, object_type, external_id) DO UPDATE
        SET account_id = EXCLUDED.account_id, matched_by = EXCLUDED.matched_by, linked_at = EXCLUDED.linked_at`,
    [source, objectType, JSON.stringify(links), at],
  );
}
