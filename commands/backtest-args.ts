import { z } from 'zod';
import { monthlyCutoffs } from '../facts/backtest-observations.ts';
import { backtestSettings } from '../knowledge/backtest-settings.ts';
import { BookScopeFields, resolveBook } from './book-scope.ts';
import { CalendarDay as Day } from './command-args.ts';
import type { CommandContext } from './context.ts';

/** The history a backtest reads: its cutoffs' range, the outcome horizon, and the book. */
export const BacktestRangeFields = {
  from: Day.optional(),
  to: Day.optional(),
  horizon: z.coerce.number().int().min(7).max(730).optional(),
  segment: BookScopeFields.segment,
  csm: BookScopeFields.csm,
  scope: BookScopeFields.scope,
};

/** A 95 % interval, or null when undefined on the data. */
export const Interval = z.object({ low: z.number(), high: z.number() }).nullable();

/**
 * What a backtest stands on: the settings with the asked horizon, the book and its scope, and the
 * monthly cutoffs in the asked range (judged, and still pending).
 */
export async function backtestBasis(
  ctx: CommandContext,
  args: { from?: string | undefined; to?: string | undefined; horizon?: number | undefined } & Parameters<
    typeof resolveBook
  >[1],
) {
  const settings = backtestSettings();
  const horizon = args.horizon ?? settings.outcome.horizon_days;
  const book = await resolveBook(ctx, args);
  const tuned = { ...settings, outcome: { ...settings.outcome, horizon_days: horizon } };
  const cutoffs = await monthlyCutoffs(
    ctx.db,
    { from: args.from ?? '1900-01-01', to: args.to ?? ctx.today, today: ctx.today },
    horizon,
  );
  return { settings, horizon, book, scope: { csmKeys: book.keys, segment: book.segment }, tuned, cutoffs };
}
