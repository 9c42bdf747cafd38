import type { Queryable } from '../db';
import { rowsForAccount, type TimeWindow } from './account-rows';

export interface UsageRow {
  account_id: string;
  date: string;
  dau: number | null;
  wau: number | null;
  mau: number | null;
  seats_active: number | null;
  core_actions: number | null;
  features_used: number | null;
  features_total: number | null;
  attributes: Record<string, unknown>;
}

export const usageForAccount = (db: Queryable, accountId: string, window?: TimeWindow) =>
  rowsForAccount<UsageRow>(db, 'usage', accountId, window);

/** The latest usage date on or before a date, across all accounts: how fresh usage data is. */
export async function latestUsageDate(db: Queryable, onOrBefore: string): Promise<string | null> {
  const [row] = await db.query<{ date: string | null }>(
    'SELECT max(date) AS date FROM usage WHERE date <= $1',
    [onOrBefore],
  );
  return row?.date ?? null;
}
