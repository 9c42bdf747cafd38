import { daysBetween } from '../dates/calendar';

/**
 * Renewal windows for the portfolio view (METRICS.md §6 house convention): d = renewal_date −
 * as_of in days; `upcoming_Nd` counts 0 ≤ d ≤ N (cumulative); d < 0 is `overdue`. Monthly
 * auto-renewing contracts are excluded, as are accounts without a renewal date.
 */
export interface RenewalCandidate {
  renewalDate: string | null;
  contractTerm: string | null;
  arrCents: number;
}

export interface RenewalWindow {
  count: number;
  arrCents: number;
}

export interface RenewalWindows {
  upcoming_30d: RenewalWindow;
  upcoming_60d: RenewalWindow;
  upcoming_90d: RenewalWindow;
  overdue: RenewalWindow;
}

export function daysToRenewal(candidate: RenewalCandidate, asOf: string): number | null {
  if (!candidate.renewalDate || candidate.contractTerm === 'monthly') return null;
  return daysBetween(asOf, candidate.renewalDate);
}

export function renewalWindows(candidates: readonly RenewalCandidate[], asOf: string): RenewalWindows {
  const windows: RenewalWindows = {
    upcoming_30d: { count: 0, arrCents: 0 },
    upcoming_60d: { count: 0, arrCents: 0 },
    upcoming_90d: { count: 0, arrCents: 0 },
    overdue: { count: 0, arrCents: 0 },
  };
  const add = (w: RenewalWindow, c: RenewalCandidate) => {
    w.count++;
    w.arrCents += c.arrCents;
  };
  for (const c of candidates) {
    const d = daysToRenewal(c, asOf);
    if (d === null) continue;
    if (d < 0) add(windows.overdue, c);
    if (d >= 0 && d <= 30) add(windows.upcoming_30d, c);
    if (d >= 0 && d <= 60) add(windows.upcoming_60d, c);
    if (d >= 0 && d <= 90) add(windows.upcoming_90d, c);
  }
  return windows;
}

export const RENEWAL_WINDOW_DEFINITION =
  'upcoming_Nd = active accounts whose renewal_date is 0–N days after the as-of date (cumulative); overdue = renewal_date before the as-of date; monthly contracts and accounts without a renewal date are excluded; ARR as defined above';
