import { addMonths } from '../../core/calendar.ts';

/**
 * The first month ('YYYY-MM') of the quarter a month falls in, for a fiscal year starting in
 * month `fiscalStart` (1–12; 1 gives calendar quarters). Pure.
 */
export function quarterStart(month: string, fiscalStart = 1): string {
  const m = Number(month.slice(5, 7));
  const intoYear = (m - fiscalStart + 12) % 12;
  return addMonths(month, -(intoYear % 3));
}
