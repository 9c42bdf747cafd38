import { addDays } from '../../core/calendar.ts';

/**
 * Expansion expected at renewal, apart from the renewal forecast: how often an account with an
 * expansion signal (usage limit hit, higher-tier request, …) in the 90 days before a day grew its
 * MRR over the 90 days after, and by how much, measured on the book's own history; then that rate
 * and uplift applied to the renewals due that carry a signal now. Pure.
 */
export interface ExpansionRate {
  /** Account-days with a signal in the 90 days before a past cutoff and MRR at it. */
  observations: number;
  /** Of those, how many had a higher MRR 90 days later. */
  expanded: number;
  rate: number | null;
  /** Mean relative MRR increase of those that grew. */
  uplift: number | null;
}

const WINDOW_DAYS = 90;

/** True when the account had a signal in (day − 90, day]; `days` sorted. */
export function signalledBefore(days: readonly string[], day: string): boolean {
  const from = addDays(day, -WINDOW_DAYS);
  return days.some((d) => d > from && d <= day);
}

export function expansionRate(
  cutoffs: readonly string[],
  signalDays: ReadonlyMap<string, readonly string[]>,
  mrrOn: (accountId: string, day: string) => number,
): ExpansionRate {
  let observations = 0;
  let expanded = 0;
  let upliftSum = 0;
  for (const cutoff of cutoffs)
    for (const [accountId, days] of signalDays) {
      if (!signalledBefore(days, cutoff)) continue;
      const before = mrrOn(accountId, cutoff);
      if (before <= 0) continue;
      observations++;
      const after = mrrOn(accountId, addDays(cutoff, WINDOW_DAYS));
      if (after > before) {
        expanded++;
        upliftSum += after / before - 1;
      }
    }
  return {
    observations,
    expanded,
    rate: observations === 0 ? null : expanded / observations,
    uplift: expanded === 0 ? null : upliftSum / expanded,
  };
}

/** Σ ARR × rate × uplift over the renewals that carry a signal now (0 without a measured rate). */
export function expectedExpansionCents(signalledArrCents: readonly number[], rate: ExpansionRate): number {
  if (rate.rate === null || rate.uplift === null) return 0;
  return Math.round(
    signalledArrCents.reduce((s, arr) => s + arr * (rate.rate as number) * (rate.uplift as number), 0),
  );
}
