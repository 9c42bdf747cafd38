import type { Queryable } from '../db.ts';
import { rowsForAccount } from './account-rows.ts';

export interface Contact {
  contact_id: string;
  account_id: string;
  name: string | null;
  title: string | null;
  email: string | null;
  role: 'champion' | 'exec_sponsor' | 'technical_lead' | 'admin' | 'user' | null;
  last_engaged_at: string | null;
  left_at: string | null;
  attributes: Record<string, unknown>;
}

export const contactsForAccount = (db: Queryable, accountId: string) =>
  rowsForAccount<Contact>(db, 'contacts', accountId);

/** What the threading rule reads, for many accounts at once. */
export async function contactFactsFor(
  db: Queryable,
  accountIds: readonly string[],
): Promise<Pick<Contact, 'account_id' | 'role' | 'last_engaged_at' | 'left_at'>[]> {
  return db.query(
    'SELECT account_id, role, last_engaged_at, left_at FROM contacts WHERE account_id = ANY($1::text[])',
    [accountIds],
  );
}

/** Every person's name the store knows (customer contacts and the team): what redaction takes out. */
export async function personNames(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT name FROM contacts WHERE name IS NOT NULL UNION SELECT name FROM users WHERE name IS NOT NULL`,
  );
  return rows.map((r) => r.name);
}
