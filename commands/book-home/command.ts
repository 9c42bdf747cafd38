import { z } from 'zod';
import { portfolioOn } from '../../facts/portfolio.ts';
import { alertLabel } from '../../knowledge/alert-rules.ts';
import { listAlerts } from '../../records/alerts.ts';
import { bookOverview } from '../../tools/portfolio/book-overview.ts';
import { BookScopeFields, bookFilter, resolveBook } from '../book-scope.ts';
import { defineCommand } from '../registry-types.ts';
import { renderBookHome } from './render.ts';

export const BookHomeArgs = z.object({ csm: BookScopeFields.csm, scope: BookScopeFields.scope }).strict();

const Severity = z.enum(['critical', 'high', 'medium', 'low']);

/** The asker's book at a glance (the Slack App Home): the same figures as the portfolio review. */
export const BookHomeData = z.object({
  asOf: z.string(),
  /** Whose book: a CSM's user id, or null for the whole team (leaders). */
  csm: z.string().nullable(),
  tiers: z.array(
    z.object({
      tier: z.string(),
      count: z.number().int(),
      arrCents: z.number(),
      accounts: z.array(z.object({ accountId: z.string(), name: z.string(), arrCents: z.number() })),
    }),
  ),
  renewals: z.array(
    z.object({
      accountId: z.string(),
      name: z.string(),
      renewalDate: z.string(),
      daysToRenewal: z.number().int(),
      arrCents: z.number(),
      tier: z.string().nullable(),
    }),
  ),
  /** The book's open alerts, most severe first (the same alerts as `cse alerts`). */
  alerts: z.array(
    z.object({
      alert_id: z.string(),
      name: z.string(),
      severity: Severity,
      label: z.string(),
      reason: z.string(),
    }),
  ),
});
export type BookHomeData = z.infer<typeof BookHomeData>;

export const bookHome = defineCommand({
  intent: 'book_home',
  title: 'Book at a glance',
  summary:
    "The App Home: the asker's book by health tier, renewals in the next 90 days and open alerts (a CSM's own book, a leader's whole portfolio)",
  examples: [],
  triggers: null,
  render: renderBookHome,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: BookHomeArgs,
  result: BookHomeData,
  async run(ctx, args) {
    const book = await resolveBook(ctx, args);
    const { summary } = await portfolioOn(ctx.db, ctx.today, bookFilter(book));
    const open = await listAlerts(ctx.db, {
      keys: book.keys,
      states: ['new', 'open', 'escalated'],
      limit: 100,
    });
    return {
      data: {
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
      },
      asOf: ctx.today,
      definitions: {
        book: "a CSM's own accounts (accounts.csm), or every account for leaders and admins",
        arr: '12 × the latest month-end MRR, or the declared ARR where no revenue rows exist',
        renewals: 'annual and multi-year contracts renewing in the next 90 days',
      },
    };
  },
});
