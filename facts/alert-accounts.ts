import type { Queryable } from '../store/db.ts';
import { type AlertAccountRow, alertAccountRows } from '../store/repositories/alert-accounts.ts';
import { arrOn } from './arr.ts';

/** What an alert names about its account: name, CSM and owner, renewal date, and its ARR on the day. */
export interface AlertAccount extends AlertAccountRow {
  arr_cents: number;
}

/** The accounts an alert run reads, with their ARR as every other answer shows it (facts/arr). */
export async function alertAccounts(
  db: Queryable,
  ids: readonly string[],
  day: string,
): Promise<AlertAccount[]> {
  const [rows, arrs] = await Promise.all([alertAccountRows(db, ids), arrOn(db, day, ids)]);
  return rows.map((r) => ({ ...r, arr_cents: arrs.get(r.account_id)?.arrCents ?? 0 }));
}

/** Stored as is: read by answers, jobs and Slack surfaces through this module. */
export { outcomesAfter, renewalsBetween, snapshotDays } from '../store/repositories/alert-accounts.ts';
