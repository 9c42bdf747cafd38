import type { Queryable } from '../db.ts';
import { rowsForAccount, type TimeWindow } from './account-rows.ts';

export interface Invoice {
  invoice_id: string;
  account_id: string;
  due_at: string;
  paid_at: string | null;
  amount_cents: number;
  status: 'open' | 'paid' | 'late' | 'failed' | 'void';
  attributes: Record<string, unknown>;
}

export const invoicesForAccount = (db: Queryable, accountId: string, window?: TimeWindow) =>
  rowsForAccount<Invoice>(db, 'invoices', accountId, window);
