import { daysBetween, isCalendarDate, monthsBetween } from '../../core/calendar.ts';
import { isMonthlyTerm } from '../renewal/term-renewal.ts';

/**
 * The account facts the churn model reads beside the health score, each as of a cutoff (no
 * leakage): size, its change, tenure, seats bought and in use, segment, term and how near the
 * renewal is. Keys are `account.*`, `segment.*` and `term.*`; null where the data is missing. Pure.
 */
export interface AccountTerms {
  segment: string | null;
  contractTerm: string | null;
  contractStart: string | null;
  /** The next renewal as stored today; earlier renewals are its anniversaries. */
  renewalDate: string | null;
  seatsPurchased: number | null;
}

export interface AccountMoment {
  /** MRR on the cutoff and 90 days before (cents; 0 without revenue). */
  mrrCents: number;
  mrrCents90DaysBefore: number;
  /** Seats in use on the latest usage row on or before the cutoff. */
  seatsActive: number | null;
}

export const SEGMENT_FACTS = ['enterprise', 'mid-market', 'smb', 'self-serve'] as const;

/** The renewal on or after `day`: the stored renewal date moved back by whole years while it stays on or after the day. */
export function renewalOnOrAfter(renewalDate: string, day: string): string {
  let [year] = renewalDate.split('-').map(Number) as [number];
  const rest = renewalDate.slice(4);
  const on = (y: number) => {
    const date = `${y}${rest}`;
    return isCalendarDate(date) ? date : `${y}-02-28`;
  };
  while (on(year - 1) >= day) year--;
  return on(year);
}

export function accountFacts(
  terms: AccountTerms,
  moment: AccountMoment,
  cutoff: string,
): Record<string, number | null> {
  const arr = (moment.mrrCents * 12) / 100;
  const started = terms.contractStart !== null && terms.contractStart <= cutoff;
  const renewal =
    terms.renewalDate === null || isMonthlyTerm(terms.contractTerm)
      ? null
      : renewalOnOrAfter(terms.renewalDate, cutoff);
  const facts: Record<string, number | null> = {
    'account.log_arr': Math.log10(1 + Math.max(0, arr)),
    'account.mrr_change_90d':
      moment.mrrCents90DaysBefore > 0 ? moment.mrrCents / moment.mrrCents90DaysBefore - 1 : null,
    'account.tenure_months': started ? monthsBetween(terms.contractStart as string, cutoff) : null,
    'account.log_seats': terms.seatsPurchased === null ? null : Math.log10(1 + terms.seatsPurchased),
    'account.seat_use':
      terms.seatsPurchased && moment.seatsActive !== null
        ? Math.min(2, moment.seatsActive / terms.seatsPurchased)
        : null,
    'account.years_to_renewal':
      renewal === null || renewal < cutoff ? null : daysBetween(cutoff, renewal) / 365,
    'term.monthly': isMonthlyTerm(terms.contractTerm) ? 1 : 0,
    'term.multi_year': terms.contractTerm === 'multi-year' ? 1 : 0,
  };
  for (const segment of SEGMENT_FACTS) facts[`segment.${segment}`] = terms.segment === segment ? 1 : 0;
  return facts;
}
