import { addDays, addMonths, monthEnd, monthOf } from '../../core/calendar.ts';

/** What the backtest knows of one account to judge its outcome after a cutoff. */
export interface OutcomeFacts {
  /** The day it churned, or null (still a customer, or churned without a date). */
  churnedAt: string | null;
  /** Month-end MRR by month ('YYYY-MM'), cents. */
  mrrByMonth: ReadonlyMap<string, number>;
}

export type Outcome =
  | { kind: 'churned'; on: string }
  | { kind: 'contracted'; month: string; fromCents: number; toCents: number }
  | { kind: 'retained' }
  /** The horizon has not ended by the last day the data covers: no verdict yet. */
  | { kind: 'pending' };

export interface OutcomeRule {
  horizonDays: number;
  /** A fall of MRR by more than this share (0–1) within the horizon counts as a loss. */
  contractionShare: number;
  /** The last day the data covers (the as-of day of the backtest). */
  dataEnd: string;
  /** The last month with revenue rows anywhere in the store ('YYYY-MM'), or null without revenue. */
  lastRevenueMonth: string | null;
}

/** The month whose month-end MRR is in force on a day: its own on its last day, else the month before. Pure. */
export function mrrMonthOn(day: string): string {
  return monthEnd(monthOf(day)) === day ? monthOf(day) : addMonths(monthOf(day), -1);
}

/** The MRR in force on a day: the last month-end on or before it, or null without rows. Pure. */
export function mrrOn(facts: OutcomeFacts, day: string): number | null {
  return facts.mrrByMonth.get(mrrMonthOn(day)) ?? null;
}

/**
 * The outcome of an account within `horizonDays` after a cutoff: churned (its churn date falls in
 * the window, or its MRR reached zero at a month-end in it), contracted (a month-end MRR in the
 * window fell more than `contractionShare` below the MRR at the cutoff), retained, or pending
 * while the window has not ended. Only month-ends the revenue data covers are read. Pure.
 */
export function churnOutcome(facts: OutcomeFacts, cutoff: string, rule: OutcomeRule): Outcome {
  const end = addDays(cutoff, rule.horizonDays);
  if (end > rule.dataEnd) return { kind: 'pending' };
  if (facts.churnedAt !== null && facts.churnedAt > cutoff && facts.churnedAt <= end)
    return { kind: 'churned', on: facts.churnedAt };
  const before = mrrOn(facts, cutoff);
  if (before === null || before <= 0 || rule.lastRevenueMonth === null) return { kind: 'retained' };
  for (let month = monthOf(addDays(cutoff, 1)); month <= rule.lastRevenueMonth; month = addMonths(month, 1)) {
    const close = monthEnd(month);
    if (close > end) break;
    const after = facts.mrrByMonth.get(month) ?? 0;
    if (after === 0) return { kind: 'churned', on: close };
    if (after < before * (1 - rule.contractionShare))
      return { kind: 'contracted', month, fromCents: before, toCents: after };
  }
  return { kind: 'retained' };
}
