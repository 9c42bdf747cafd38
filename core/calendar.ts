/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD') and months ('YYYY-MM'), in UTC, so results
 * never depend on the machine's timezone.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2024-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function parseIsoDate(date: string): Date {
  return new Date(startOfDay(date));
}

export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return formatIsoDate(new Date(parseIsoDate(date).getTime() + days * DAY_MS));
}

/** Whole calendar months from `from` to `to` ('YYYY-MM-DD'): a customer's tenure. 2025-11-24 → 2026-11-24 is 12. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Last calendar day of a month, as 'YYYY-MM-DD'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return formatIsoDate(new Date(Date.UTC(y, m, 0)));
}

/**
 * A calendar day as instants, UTC (the one day-window rule; the store's sessions run in UTC too):
 * it starts at `startOfDay`, its last instant is `endOfDay`, and the next day starts at
 * `startOfNextDay` ("before the next day" is "up to and including the day").
 */
export const startOfDay = (day: string): string => `${day.slice(0, 10)}T00:00:00.000Z`;
export const endOfDay = (day: string): string => `${day}T23:59:59.999Z`;
export const startOfNextDay = (day: string): string => startOfDay(addDays(day, 1));
/** The day of the week, ISO: Monday 1 … Sunday 7. */
export const isoWeekday = (day: string): number => ((parseIsoDate(day).getUTCDay() + 6) % 7) + 1;

/** 'YYYY-MM' ↔ month number (year × 12 + month − 1), the compact form revenue series travel in. */
export function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}
export function monthFromNumber(n: number): string {
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}
