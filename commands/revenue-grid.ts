import { addMonths, monthEnd, monthNumber } from '../core/calendar.ts';
import { CseError, ErrorCode } from '../core/errors.ts';
import { latestProductMonth } from '../facts/products.ts';
import { latestRevenueMonth, mrrSeriesWindow } from '../facts/revenue.ts';
import { buildMrrGridFromSeries, type MrrGrid } from '../tools/metrics/mrr-grid.ts';
import type { BookScope } from './book-scope.ts';
import type { CommandContext } from './context.ts';

const productMissing = (product: string) =>
  new CseError(ErrorCode.BadInput, `No revenue for the product ${product} in this book`, {
    hint: 'Products come from revenue imported with a product column (cse import revenue <file>); check the name',
  });

export interface RevenueWindow {
  /** The report month, 'YYYY-MM', and its last day. */
  month: string;
  asOf: string;
  grid: MrrGrid;
}

/**
 * The month-end MRR grid of a book up to the report month: `--as-of` (a month, or a day's
 * month), else the latest revenue month on or before today. With `monthsBack`, only that many
 * months before the report month are read: enough for figures that compare the report month with
 * months inside that span (trailing-12 retention, the month's movements), never for figures that
 * classify by older history (new against reactivated).
 */
export async function loadRevenueWindow(
  ctx: CommandContext,
  book: BookScope,
  asOf: string | undefined,
  options: { monthsBack?: number; product?: string } = {},
): Promise<RevenueWindow> {
  // A product's report month defaults to its own latest revenue month.
  const month = asOf
    ? asOf.slice(0, 7)
    : options.product
      ? await latestProductMonth(ctx.db, options.product, ctx.today)
      : await latestRevenueMonth(ctx.db, ctx.today);
  if (!month && options.product) throw productMissing(options.product);
  if (!month) {
    throw new CseError(ErrorCode.BadInput, 'There is no revenue data yet', {
      hint: 'Import month-end MRR with cse import revenue <file> (columns account_id, month, mrr), or load the demo with cse demo',
    });
  }
  const from = options.monthsBack === undefined ? undefined : addMonths(month, -options.monthsBack);
  const { series, earliest } = await mrrSeriesWindow(ctx.db, {
    upToMonth: month,
    ...(from ? { fromMonth: from } : {}),
    ...(book.segment ? { segment: book.segment } : {}),
    ...(book.keys ? { csm: book.keys } : {}),
    ...(options.product ? { product: options.product } : {}),
  });
  if (options.product && series.length === 0) throw productMissing(options.product);
  const grid = buildMrrGridFromSeries(
    series.map((s) => ({ accountId: s.account_id, months: s.months, cents: s.cents })),
    // The grid starts where the full history would, or at the first month read when that is later.
    { ...(from && earliest !== null && earliest < monthNumber(from) ? { first: from } : {}), last: month },
  );
  return { month, asOf: monthEnd(month), grid };
}
