import { InvalidArgumentError } from 'commander';
import { isCalendarDate } from '../core/calendar.ts';

/** A `--from`, `--to` or `--as-of` day: YYYY-MM-DD, or commander's usage error. */
export function isoDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}

/** A whole number from 1 to `max`, or commander's usage error naming the option. */
export function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max)
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}`);
    return n;
  };
}

/** A backtest horizon: whole days from 7 to 730. */
export function horizonDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 7 || n > 730)
    throw new InvalidArgumentError('must be a whole number of days from 7 to 730');
  return n;
}
