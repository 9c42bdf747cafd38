import { portfolioFacts } from '../store/repositories/accounts';
import { type FeedbackRow, feedbackRows } from '../store/repositories/feedback-reports';
import { portfolioSummary } from '../tools/portfolio/portfolio-summary';
import type { CommandContext } from './context';
import { portfolioAccount } from './portfolio-review';

/** Statuses of items someone still has to act on. */
export const OPEN_STATUSES: ReadonlySet<string> = new Set(['open', 'acknowledged']);

/** End of the as-of day, the cut-off for items received. */
export const endOfDay = (asOf: string) => `${asOf}T23:59:59.999Z`;

/** The feedback received up to as-of and the ARR of each active account (cents), for the reports. */
export async function feedbackFacts(
  ctx: Pick<CommandContext, 'db'>,
  asOf: string,
): Promise<{ rows: FeedbackRow[]; arrByAccount: Map<string, number> }> {
  const [rows, facts] = await Promise.all([
    feedbackRows(ctx.db, endOfDay(asOf)),
    portfolioFacts(ctx.db, asOf),
  ]);
  const summary = portfolioSummary(facts.accounts.map(portfolioAccount), asOf);
  return { rows, arrByAccount: new Map(summary.accounts.map((a) => [a.accountId, a.arrCents])) };
}

export const excerpt = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
