import { InvalidArgumentError } from 'commander';
import { isCalendarDate } from '../tools/dates/calendar';

/** A `--from`, `--to` or `--as-of` day: YYYY-MM-DD, or commander's usage error. */
export function isoDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}
