import { z } from 'zod';
import { addDays } from '../../core/calendar.ts';
import { portfolioOn } from '../../facts/portfolio.ts';
import { recentSignals } from '../../facts/signals.ts';
import { RISK_SIGNALS, SIGNAL_KINDS } from '../../knowledge/customer-signals.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { BookScopeData, BookScopeFields, bookFilter, bookScopeData, resolveBook } from '../book-scope.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { SIGNALS_DEFINITION, SignalRow, signalRow } from '../signal-rows.ts';
import { renderBookSignals } from './render.ts';

export const BookSignalsArgs = z
  .object({
    ...BookScopeFields,
    as_of: AsOfArg,
    /** Days back from as-of (default 7: this week). */
    days: z.coerce.number().int().min(1).max(365).default(7),
    /** The kinds to list (default: churn intent, competitor, budget, champion leaving). */
    kinds: z.array(z.enum(SIGNAL_KINDS)).optional(),
  })
  .strict();

export const BookSignalsData = z.object({
  scope: BookScopeData,
  as_of: z.string(),
  from: z.string(),
  kinds: z.array(z.enum(SIGNAL_KINDS)),
  accounts: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      csm: z.string().nullable(),
      kinds: z.array(z.enum(SIGNAL_KINDS)),
      latest: SignalRow,
    }),
  ),
  signals: z.number().int(),
});
export type BookSignalsData = z.infer<typeof BookSignalsData>;

export const bookSignals = defineCommand({
  intent: 'book_signals',
  title: 'Customer signals across a book',
  summary:
    'The accounts whose customers raised churn intent, a competitor, budget or a champion leaving (or the kinds you name) in the last days, with the latest quote each',
  examples: [
    'who is talking about cancelling?',
    'churn signals this week',
    'which customers mentioned a competitor?',
  ],
  triggers: {
    kind: 'book',
    patterns: strong(
      /\bwho(?:'s| is)? (?:talking|said|saying|mentioned|mentioning)\b.{0,30}\b(?:cancel\w*|churn\w*|leav\w*|competitor\w*|budget)\b/,
      /\b(?:churn|risk|customer) signals\b/,
      /\bchurn intent\b/,
      /\bthreaten\w* to (?:churn|cancel|leave)\b/,
      /\bcancel\w* talk\b/,
      /\b(?:anyone|anybody|customers?|accounts?)\b.{0,20}\b(?:mention\w*|brought up|bring up|rais\w*|said|talk\w*)\b.{0,20}\b(?:competitor\w*|cancel\w*|churn\w*|budget\w*|leav\w*|not renew\w*)\b/,
      /\bwho said\b.{0,30}\b(?:renew\w*|cancel\w*|churn\w*|leav\w*|competitor\w*|budget\w*)\b/,
      /\bwhich (?:customers|accounts)\b.{0,20}\b(?:mention\w*|said|say|talk\w*)\b/,
    ),
  },
  render: renderBookSignals,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: BookSignalsArgs,
  result: BookSignalsData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const book = await resolveBook(ctx, args);
    const kinds = args.kinds ?? [...RISK_SIGNALS];
    const { summary } = await portfolioOn(ctx.db, asOf, bookFilter(book));
    const byId = new Map(summary.accounts.map((a) => [a.accountId, a]));
    const found = await recentSignals(ctx.db, [...byId.keys()], asOf, { kinds, days: args.days });
    const grouped = new Map<string, typeof found>();
    for (const s of found) grouped.set(s.account_id, [...(grouped.get(s.account_id) ?? []), s]);
    const accounts = [...grouped.entries()]
      .map(([id, list]) => ({
        account_id: id,
        name: byId.get(id)?.name ?? id,
        csm: byId.get(id)?.csm ?? null,
        kinds: kinds.filter((k) => list.some((s) => s.kind === k)),
        latest: signalRow(list[0] as (typeof found)[number]),
      }))
      .sort((a, b) => b.latest.at.localeCompare(a.latest.at) || a.name.localeCompare(b.name));
    return {
      data: {
        scope: bookScopeData(book),
        as_of: asOf,
        from: addDays(asOf, -(args.days - 1)),
        kinds,
        accounts,
        signals: found.length,
      },
      asOf,
      definitions: { signals: SIGNALS_DEFINITION() },
    };
  },
});
