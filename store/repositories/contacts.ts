import type { Queryable } from '../db';
import { rowsForAccount } from './account-rows';

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
