import type { Db, Queryable } from '../db.ts';

/** What the connectors have written, by kind: for `cse bench` and for checking a resumed sync. */
export interface ConnectorRowCounts {
  subscription_mrr: number;
  invoices: number;
  tickets: number;
  contacts: number;
  deals: number;
  hubspot_companies: number;
  product_events: number;
}

export async function connectorRowCounts(db: Queryable): Promise<ConnectorRowCounts> {
  const [row] = await db.query<ConnectorRowCounts>(
    `SELECT (SELECT count(*)::int FROM billing_subscription_mrr) AS subscription_mrr,
            (SELECT count(*)::int FROM invoices WHERE invoice_id LIKE 'stripe-%') AS invoices,
            (SELECT count(*)::int FROM tickets WHERE ticket_id LIKE 'zendesk-%') AS tickets,
            (SELECT count(*)::int FROM contacts WHERE contact_id LIKE 'hubspot-%') AS contacts,
            (SELECT count(*)::int FROM crm_deals) AS deals,
            (SELECT count(DISTINCT external_id)::int FROM sync_links WHERE source = 'hubspot' AND object_type = 'company')
              AS hubspot_companies,
            (SELECT count(*)::int FROM product_events) AS product_events`,
  );
  return row as ConnectorRowCounts;
}

/**
 * Starts a source over as if it had never synced: its cursor cleared and the rows it wrote removed
 * (accounts it created stay). Used to measure a first sync again.
 */
export async function forgetSourceRows(
  db: Db,
  source: 'stripe' | 'stripe-invoices' | 'hubspot' | 'zendesk',
): Promise<void> {
  const statements: Record<typeof source, string[]> = {
    stripe: ["DELETE FROM billing_subscription_mrr WHERE source = 'stripe'"],
    'stripe-invoices': [
      "DELETE FROM invoices WHERE invoice_id LIKE 'stripe-%'",
      'DELETE FROM billing_invoice_lines',
    ],
    hubspot: [
      "DELETE FROM contacts WHERE contact_id LIKE 'hubspot-%'",
      "DELETE FROM crm_deals WHERE source = 'hubspot'",
      "DELETE FROM sync_links WHERE source = 'hubspot'",
    ],
    zendesk: ["DELETE FROM tickets WHERE ticket_id LIKE 'zendesk-%'"],
  };
  await db.transaction(async (tx) => {
    for (const sql of statements[source]) await tx.query(sql);
    await tx.query('UPDATE sync_sources SET cursor = NULL WHERE source = $1', [source]);
  });
}

/** A source's pages committed so far (all runs). */
export async function sourcePages(db: Queryable, source: string): Promise<number> {
  const [row] = await db.query<{ pages: number }>('SELECT pages FROM sync_sources WHERE source = $1', [
    source,
  ]);
  return row?.pages ?? 0;
}
