import type { Queryable } from '../db.ts';
import { rowsForAccount, type TimeWindow } from './account-rows.ts';

export interface Ticket {
  ticket_id: string;
  account_id: string;
  opened_at: string;
  severity: 'p1' | 'p2' | 'p3' | 'p4' | null;
  status: string | null;
  resolved_at: string | null;
  csat: number | null;
  subject: string | null;
  body: string | null;
  attributes: Record<string, unknown>;
}

export const ticketsForAccount = (db: Queryable, accountId: string, window?: TimeWindow) =>
  rowsForAccount<Ticket>(db, 'tickets', accountId, window);

/**
 * Tickets open just before a moment (a day's end is the next day's start): opened before it and
 * not resolved before it.
 */
export async function openTicketsAt(db: Queryable, accountId: string, at: string): Promise<Ticket[]> {
  return db.query<Ticket>(
    `SELECT * FROM tickets WHERE account_id = $1 AND opened_at < $2 AND (resolved_at IS NULL OR resolved_at >= $2)
      ORDER BY severity NULLS LAST, opened_at`,
    [accountId, at],
  );
}

/** The tickets of many accounts open just before a moment, by account (each account's in openTicketsAt's order). */
export async function openTicketsOfAccountsAt(
  db: Queryable,
  accountIds: readonly string[],
  at: string,
): Promise<Map<string, Ticket[]>> {
  const rows = await db.query<Ticket>(
    `SELECT * FROM tickets WHERE account_id = ANY($1::text[]) AND opened_at < $2
        AND (resolved_at IS NULL OR resolved_at >= $2)
      ORDER BY account_id, severity NULLS LAST, opened_at`,
    [[...accountIds], at],
  );
  const byAccount = new Map<string, Ticket[]>();
  for (const r of rows) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);
  return byAccount;
}

/** Synced tickets, inserted or replaced by id (a re-sync of a changed ticket updates it). */
export async function upsertTickets(
  tx: Queryable,
  rows: readonly Omit<Ticket, 'attributes'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO tickets (ticket_id, account_id, opened_at, severity, status, resolved_at, csat, subject, body, attributes)
     SELECT r.ticket_id, r.account_id, r.opened_at, r.severity, r.status, r.resolved_at, r.csat, r.subject, r.body,
            r.attributes
       FROM json_to_recordset($1::json) AS r(ticket_id text, account_id text, opened_at timestamptz, severity text,
            status text, resolved_at timestamptz, csat smallint, subject text, body text, attributes jsonb)
     ON CONFLICT (ticket_id) DO UPDATE SET account_id = EXCLUDED.account_id, opened_at = EXCLUDED.opened_at,
            severity = EXCLUDED.severity, status = EXCLUDED.status, resolved_at = EXCLUDED.resolved_at,
            csat = EXCLUDED.csat, subject = EXCLUDED.subject, body = EXCLUDED.body,
            attributes = tickets.attributes || EXCLUDED.attributes`,
    [JSON.stringify(rows)],
  );
}

/** Tickets the source deleted. */
export async function deleteTickets(tx: Queryable, ticketIds: readonly string[]): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const rows = await tx.query('DELETE FROM tickets WHERE ticket_id = ANY($1::text[]) RETURNING ticket_id', [
    ticketIds,
  ]);
  return rows.length;
}
