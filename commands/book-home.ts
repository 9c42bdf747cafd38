import { alertLabel } from '../knowledge/alert-rules.ts';
import { portfolioFacts } from '../store/repositories/accounts.ts';
import { listAlerts } from '../store/repositories/alerts.ts';
import { type BookOverview, bookOverview } from '../tools/portfolio/book-overview.ts';
import { portfolioSummary } from '../tools/portfolio/portfolio-summary.ts';
import { resolveBook } from './book-scope.ts';
import type { CommandContext } from './context.ts';
import { portfolioAccount } from './portfolio-review/command.ts';

/** An open alert as the App Home lists it (the same alerts as `cse alerts` and "my alerts"). */
export interface HomeAlert {
  alert_id: string;
  name: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  label: string;
  reason: string;
}

export interface BookHome extends BookOverview {
  asOf: string;
  /** The book's open alerts, most severe first. */
  alerts: HomeAlert[];
  /** Whose book: a CSM's user id, or null for the whole team (leaders). */
  csm: string | null;
}

/** The asker's book for the App Home: a CSM's own accounts, a leader's whole portfolio. */
export async function bookHome(ctx: CommandContext): Promise<BookHome> {
  const book = await resolveBook(ctx, {});
  const facts = await portfolioFacts(ctx.db, ctx.today, book.keys ? { csm: book.keys } : {});
  const summary = portfolioSummary(facts.accounts.map(portfolioAccount), ctx.today);
  const open = await listAlerts(ctx.db, {
    keys: book.keys === null ? null : [...book.keys, ...(book.csm ? [book.csm] : [])],
    states: ['new', 'open', 'escalated'],
    limit: 100,
  });
  return {
    ...bookOverview(summary.accounts, summary.nextRenewals),
    alerts: open.map((a) => ({
      alert_id: a.alert_id,
      name: a.account_name,
      severity: a.severity,
      label: alertLabel(a.rule),
      reason: a.reason,
    })),
    asOf: ctx.today,
    csm: book.csm,
  };
}
