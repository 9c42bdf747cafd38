import { daysBetween } from '../../core/calendar.ts';

/** What a renewal rule reads about a contract. */
export interface ContractTerms {
  contractTerm: string | null;
  renewalDate: string | null;
}

/** A monthly contract renews itself each month: there is no renewal event to prepare. */
export const isMonthlyTerm = (term: string | null): boolean => term === 'monthly';

/**
 * The one term-renewal rule: an account's renewal counts when it has a date and is not a monthly
 * auto-renewal (unless `includeMonthly`). Renewal plans, windows, pipelines, churn risk, expansion
 * timing and the renewal alerts all read it.
 */
export function hasTermRenewal<T extends ContractTerms>(
  account: T,
  includeMonthly = false,
): account is T & { renewalDate: string } {
  return account.renewalDate !== null && (includeMonthly || !isMonthlyTerm(account.contractTerm));
}

/** Days from `asOf` to the term renewal (negative once past), null without one. */
export function daysToTermRenewal(account: ContractTerms, asOf: string): number | null {
  return hasTermRenewal(account) ? daysBetween(asOf, account.renewalDate) : null;
}
