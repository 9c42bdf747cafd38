import type { Queryable } from '../db';
import { rowsForAccount } from './account-rows';

export interface Goal {
  goal_id: string;
  account_id: string;
  objective: string;
  metric: string | null;
  baseline: number | null;
  target: number | null;
  due: string | null;
  status: 'not_started' | 'in_progress' | 'achieved' | 'missed';
  attributes: Record<string, unknown>;
}

export const goalsForAccount = (db: Queryable, accountId: string) =>
  rowsForAccount<Goal>(db, 'goals', accountId);
