/**
 * ARR of one account as the portfolio reports it: 12 × the month-end MRR of the reporting month
 * when the account has revenue rows (a missing month counts as 0, per METRICS.md §0), otherwise
 * the ARR declared on the account. Integer cents.
 */
export interface AccountArrInput {
  /** MRR in the reporting month; null when the account has no row for that month. */
  mrrCents: number | null;
  /** Whether the account has any revenue row up to the reporting month. */
  hasRevenue: boolean;
  declaredArrCents: number | null;
}

export type ArrSource = 'revenue' | 'declared' | 'none';

/** ARR from a month's MRR: the one place a monthly figure becomes a yearly one (cents). */
export const annualised = (mrrCents: number): number => mrrCents * 12;

export function accountArr(input: AccountArrInput): { arrCents: number; source: ArrSource } {
  if (input.hasRevenue) return { arrCents: annualised(input.mrrCents ?? 0), source: 'revenue' };
  if (input.declaredArrCents !== null) return { arrCents: input.declaredArrCents, source: 'declared' };
  return { arrCents: 0, source: 'none' };
}

export const ARR_DEFINITION =
  'ARR = 12 × month-end MRR in the latest revenue month on or before the as-of date (a missing month is 0); accounts with no revenue rows use their declared arr';
