import { z } from 'zod';
import { isCalendarDate } from '../core/calendar.ts';
import { BookScopeFields } from './book-scope.ts';

const Day = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');

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
