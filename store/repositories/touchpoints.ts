import type { Queryable } from '../db.ts';
import { rowsForAccount, type TimeWindow } from './account-rows.ts';

export interface Touchpoint {
  touchpoint_id: string;
  account_id: string;
  at: string;
  kind: 'call' | 'email' | 'meeting' | 'qbr' | 'exec_touch';
  by: string | null;
  attributes: Record<string, unknown>;
}

export const touchpointsForAccount = (db: Queryable, accountId: string, window?: TimeWindow) =>
  rowsForAccount<Touchpoint>(db, 'touchpoints', accountId, window);
