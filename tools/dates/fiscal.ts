import { addMonths, monthEnd } from '../../core/calendar.ts';

/** How far into the fiscal year a month is: 0 for its first month … 11 for its last. */
const monthsIntoYear = (month: string, fiscalStart: number) =>
  (Number(month.slice(5, 7)) - fiscalStart + 12) % 12;

/**
 * The first month ('YYYY-MM') of the quarter a month falls in, for a fiscal year starting in
 * month `fiscalStart` (1–12; 1 gives calendar quarters). Pure.
 */
export function quarterStart(month: string, fiscalStart = 1): string {
  return addMonths(month, -(monthsIntoYear(month, fiscalStart) % 3));
}

/** The quarter's number (1–4) in the fiscal year of a month. Pure. */
export function fiscalQuarter(month: string, fiscalStart = 1): number {
  return Math.floor(monthsIntoYear(month, fiscalStart) / 3) + 1;
}

/** The days of the quarter that starts in `startMonth` ('YYYY-MM'): its first and last day. Pure. */
export function quarterWindow(startMonth: string): { from: string; to: string } {
  return { from: `${startMonth}-01`, to: monthEnd(addMonths(startMonth, 2)) };
}

/** A quarter's name, "2026-Q3": the year it starts in and its number in the fiscal year. Pure. */
export function quarterName(startMonth: string, fiscalStart = 1): string {
  return `${startMonth.slice(0, 4)}-Q${fiscalQuarter(startMonth, fiscalStart)}`;
}
