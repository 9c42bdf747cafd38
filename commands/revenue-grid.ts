import { monthEnd } from '../core/calendar.ts';
import { CseError, ErrorCode } from '../core/errors.ts';
import { latestRevenueMonth, mrrSeriesInScope } from '../store/repositories/revenue.ts';
import { buildMrrGridFromSeries, type MrrGrid } from '../tools/metrics/mrr-grid.ts';
import type { BookScope } from './book-scope.ts';
import type { CommandContext } from './context.ts';

export interface RevenueWindow {
  /** The report month, 'YYYY-MM', and its last day. */
  month: string;
  asOf: string;
  grid: MrrGrid;
}

/**
 * The month-end MRR grid of a book up to the report month: `--as-of` (a month, or a day's
 * month), else the latest revenue month on or before today.
 */
export async function loadRevenueWindow(
  ctx: CommandContext,
  book: BookScope,
  asOf: string | undefined,
): Promise<RevenueWindow> {
  const month = asOf ? asOf.slice(0, 7) : await latestRevenueMonth(ctx.db, ctx.today);
  if (!month) {
    throw new CseError(ErrorCode.BadInput, 'There is no revenue data yet', {
      hint: 'Import month-end MRR with cse import revenue <file> (columns account_id, month, mrr), or load the demo with cse demo',
    });
  }
  const series = await mrrSeriesInScope(ctx.db, {
    upToMonth: month,
    ...(book.segment ? { segment: book.segment } : {}),
    ...(book.keys ? { csm: book.keys } : {}),
  });
  const grid = buildMrrGridFromSeries(
    series.map((s) => ({ accountId: s.account_id, months: s.months, cents: s.cents })),
    { last: month },
  );
  return { month, asOf: monthEnd(month), grid };
}
