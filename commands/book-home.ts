import { portfolioFacts } from '../store/repositories/accounts';
import { type BookOverview, bookOverview } from '../tools/portfolio/book-overview';
import { portfolioSummary } from '../tools/portfolio/portfolio-summary';
import { resolveBook } from './book-scope';
import type { CommandContext } from './context';
import { portfolioAccount } from './portfolio-review';

export interface BookHome extends BookOverview {
  asOf: string;
  /** Whose book: a CSM's user id, or null for the whole team (leaders). */
  csm: string | null;
}

/** The asker's book for the App Home: a CSM's own accounts, a leader's whole portfolio. */
export async function bookHome(ctx: CommandContext): Promise<BookHome> {
  const book = await resolveBook(ctx, {});
  const facts = await portfolioFacts(ctx.db, ctx.today, book.keys ? { csm: book.keys } : {});
  const summary = portfolioSummary(facts.accounts.map(portfolioAccount), ctx.today);
  return {
    ...bookOverview(summary.accounts, summary.nextRenewals, ctx.today),
    asOf: ctx.today,
    csm: book.csm,
  };
}
