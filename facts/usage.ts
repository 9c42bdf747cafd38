import { addDays } from '../core/calendar.ts';
import type { Queryable } from '../store/db.ts';
import { getAccount } from '../store/repositories/accounts.ts';
import { usageForAccount } from '../store/repositories/usage.ts';
import { type UsageSummary, usageSummary } from '../tools/plans/usage-summary.ts';

/** An account's usage over the days to as-of: its summary (stickiness by the one rule) and seats purchased. */
export interface AccountUsage {
  summary: UsageSummary;
  seatsPurchased: number | null;
}

/** What an account's usage looked like over the `windowDays` to as-of (tools/plans/usage-summary). */
export async function accountUsage(
  db: Queryable,
  accountId: string,
  asOf: string,
  windowDays: number,
): Promise<AccountUsage> {
  const [rows, account] = await Promise.all([
    usageForAccount(db, accountId, { from: addDays(asOf, -(windowDays - 1)), to: asOf }),
    getAccount(db, accountId),
  ]);
  return { summary: usageSummary(rows, asOf, windowDays), seatsPurchased: account?.seats_purchased ?? null };
}

/** Stored as is: read by answers, jobs and Slack surfaces through this module. */
export { usageForAccount } from '../store/repositories/usage.ts';
