import { z } from 'zod';
import { isCalendarDate, monthEnd } from '../core/calendar.ts';

/** `--as-of`: a day (YYYY-MM-DD) or a month (YYYY-MM, meaning its last day). */
export const AsOfArg = z
  .string()
  .refine(
    (v) => isCalendarDate(v) || /^\d{4}-(0[1-9]|1[0-2])$/.test(v),
    'must be a date YYYY-MM-DD or a month YYYY-MM',
  )
  .optional();

/** The day a command's figures describe. */
export function resolveAsOf(asOf: string | undefined, today: string): string {
  if (asOf === undefined) return today;
  return asOf.length === 7 ? monthEnd(asOf) : asOf;
}
