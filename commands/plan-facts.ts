import { z } from 'zod';
import { addDays } from '../core/calendar.ts';
import type { Account } from '../facts/accounts.ts';
import { GOAL_SCORES } from '../tools/plans/goal-scorecard.ts';

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

/** A success-plan goal as plans and reviews show it: its measure, progress and score. */
export const ScoredGoal = z.object({
  goal_id: z.string(),
  objective: z.string(),
  metric: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  due: z.string().nullable(),
  status: z.string(),
  current: z.number().nullable(),
  progress_percent: z.number().nullable(),
  score: z.enum(GOAL_SCORES),
  reason: z.string(),
});
