import { endOfDay } from '../core/calendar.ts';
import type { Queryable } from '../store/db.ts';
import { type FeedbackRow, feedbackRows } from '../store/repositories/feedback-reports.ts';
import { portfolioOn } from './portfolio.ts';

/** Statuses of items someone still has to act on. */
export const OPEN_STATUSES: ReadonlySet<string> = new Set(['open', 'acknowledged']);

/** The feedback received up to the end of the as-of day, oldest first: the input of the feedback reports. */
export function feedbackUpTo(ctx: { db: Queryable }, asOf: string): Promise<FeedbackRow[]> {
  return feedbackRows(ctx.db, endOfDay(asOf));
}

/** ARR of each active account (cents), as the portfolio reports it: for "ARR affected". */
export async function arrByAccount(ctx: { db: Queryable }, asOf: string): Promise<Map<string, number>> {
  const { summary } = await portfolioOn(ctx.db, asOf);
  return new Map(summary.accounts.map((a) => [a.accountId, a.arrCents]));
}

/** Stored as is: read by answers, jobs and Slack surfaces through this module. */
export { feedbackForAccount, getFeedback } from '../store/repositories/feedback.ts';
export { feedbackRowsForAccount } from '../store/repositories/feedback-reports.ts';
