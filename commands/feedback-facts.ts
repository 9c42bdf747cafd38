import { endOfDay } from '../core/calendar.ts';
import { portfolioFacts } from '../store/repositories/accounts.ts';
import { type FeedbackRow, feedbackRows } from '../store/repositories/feedback-reports.ts';
import { portfolioSummary } from '../tools/portfolio/portfolio-summary.ts';
import type { CommandContext } from './context.ts';
import { portfolioAccount } from './portfolio-review/command.ts';

/** Statuses of items someone still has to act on. */
export const OPEN_STATUSES: ReadonlySet<string> = new Set(['open', 'acknowledged']);

/** End of the as-of day, the cut-off for items received. */

/** The feedback received up to the end of the as-of day, oldest first: the input of the feedback reports. */
export function feedbackUpTo(ctx: Pick<CommandContext, 'db'>, asOf: string): Promise<FeedbackRow[]> {
  return feedbackRows(ctx.db, endOfDay(asOf));
}

/** ARR of each active account (cents), as the portfolio reports it: for "ARR affected". */
export async function arrByAccount(
  ctx: Pick<CommandContext, 'db'>,
  asOf: string,
): Promise<Map<string, number>> {
  const facts = await portfolioFacts(ctx.db, asOf);
  const summary = portfolioSummary(facts.accounts.map(portfolioAccount), asOf);
  return new Map(summary.accounts.map((a) => [a.accountId, a.arrCents]));
}
