import { addDays } from '../core/calendar.ts';
import type { Account } from '../store/repositories/accounts.ts';

/**
 * When the current success-plan period began: the start of the contract year that contains the
 * day (renewal date minus a year), else the contract start, else 90 days back.
 */
export function planStart(
  account: Pick<Account, 'renewal_date' | 'contract_start'> | null,
  asOf: string,
): string {
  if (account?.renewal_date) {
    let start = addDays(account.renewal_date, -365);
    while (start > asOf) start = addDays(start, -365);
    if (!account.contract_start || start >= account.contract_start) return start;
  }
  return account?.contract_start ?? addDays(asOf, -90);
}
