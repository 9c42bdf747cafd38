import type { Queryable } from '../db.ts';
import { rowsForAccount, type TimeWindow } from './account-rows.ts';

export interface AccountEvent {
  event_id: string;
  account_id: string;
  at: string;
  type: string;
  details: string | null;
  attributes: Record<string, unknown>;
}

export const eventsForAccount = (db: Queryable, accountId: string, window?: TimeWindow) =>
  rowsForAccount<AccountEvent>(db, 'events', accountId, window);
