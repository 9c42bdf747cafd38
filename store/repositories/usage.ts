import type { UsagePoint } from '../../tools/plans/usage-summary.ts';
import type { Queryable } from '../db.ts';
import { rowsForAccount, type TimeWindow } from './account-rows.ts';

export interface UsageRow extends UsagePoint {
  account_id: string;
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
