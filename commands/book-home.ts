import { portfolioFacts } from '../store/repositories/accounts';
import { type BookOverview, bookOverview } from '../tools/portfolio/book-overview';
import { resolveBook } from './book-scope';
import type { CommandContext } from './context';

export interface BookHome extends BookOverview {
  asOf: string;
  /** Whose book: a CSM's user id, or null for the whole team (leaders). */
  csm: string | null;
}

/** The asker's book for the App Home: a CSM's own accounts, a leader's whole portfolio. */
export async function bookHome(ctx: CommandContext): Promise<BookHome> {
  const book = await resolveBook(ctx, {});
  const facts = await portfolioFacts(ctx.db, ctx.today, book.keys ? { csm: book.keys } : {});
  const overview = bookOverview(
    facts.accounts.map((a) => ({
      accountId: a.account_id,
      name: a.name,
      tier: a.health_tier,
      renewalDate: a.renewal_date,
      arrCents: a.mrr_cents !== null ? a.mrr_cents * 12 : (a.arr_cents ?? 0),
    })),
    ctx.today,
  );
  return { ...overview, asOf: ctx.today, csm: book.csm };
}
