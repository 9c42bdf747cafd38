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

/** Tickets not resolved as of a moment: opened by then and not resolved by then. */
export async function openTicketsAt(db: Queryable, accountId: string, at: string): Promise<Ticket[]> {
  return db.query<Ticket>(
    `SELECT * FROM tickets WHERE account_id = $1 AND opened_at <= $2 AND (resolved_at IS NULL OR resolved_at > $2)
      ORDER BY severity NULLS LAST, opened_at`,
    [accountId, at],
  );
}
