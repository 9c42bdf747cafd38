import type { Db } from '../db.ts';

/** Rows for one table, in column order, as COPY takes them. */
export interface TableRows {
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
}

/**
 * Tables a whole-portfolio replace clears (with what references them: alerts, snapshots,
 * feedback); the scheduler's runs and sends go too, so the new portfolio starts its own days. The
 * audit log and import history are kept.
 */
const CLEARED = ['accounts', 'users', 'scheduled_runs', 'alert_sends', 'roadmap_items', 'signal_scans'];

/**
 * Bulk-loads whole tables with COPY in one transaction, first clearing the customer data already
 * stored when `replace` is set: either everything is stored or nothing is. Then refreshes the
 * planner's statistics of the tables loaded. Returns the rows loaded per table.
 */
export async function bulkLoad<T extends string>(
  db: Db,
  tables: Record<T, TableRows>,
  options: { replace: boolean; onTable?: (name: T, rows: number) => void },
): Promise<Record<T, number>> {
  const names = Object.keys(tables) as T[];
  const loaded = {} as Record<T, number>;
  await db.transaction(async (tx) => {
    if (options.replace) await tx.exec(`TRUNCATE ${CLEARED.join(', ')} CASCADE`);
    for (const name of names) {
      const table = tables[name];
      options.onTable?.(name, table.rows.length);
      loaded[name] = await tx.copyRows(name, table.columns, table.rows);
    }
  });
  await db.exec(`ANALYZE ${names.join(', ')}`);
  return loaded;
}
