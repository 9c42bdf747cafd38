import { daysBetween } from '../../core/calendar.ts';
import { renewalBucket } from '../metrics/renewal-pipeline.ts';
import { hasTermRenewal } from '../renewal/term-renewal.ts';

/**
 * Renewal windows for the portfolio view: the renewal pipeline's buckets (METRICS.md §6) over
 * every active account — ARR falls back to the declared ARR where there is no revenue — with
 * `upcoming_Nd` cumulative over 0 ≤ d ≤ N days and `overdue` for d < 0.
 */
export interface RenewalCandidate {
  renewalDate: string | null;
  contractTerm: string | null;
  arrCents: number;
  /** Health tier is at-risk or critical (or red). */
  atRisk?: boolean;
}

export interface RenewalWindow {
  count: number;
  arrCents: number;
  atRisk: number;
}

export interface RenewalWindows {
  upcoming_30d: RenewalWindow;
  upcoming_60d: RenewalWindow;
  upcoming_90d: RenewalWindow;
  overdue: RenewalWindow;
}

export function daysToRenewal(candidate: RenewalCandidate, asOf: string): number | null {
  return hasTermRenewal(candidate) ? daysBetween(asOf, candidate.renewalDate) : null;
}

export function renewalWindows(candidates: readonly RenewalCandidate[], asOf: string): RenewalWindows {
  const windows: RenewalWindows = {
    upcoming_30d: { count: 0, arrCents: 0, atRisk: 0 },
    upcoming_60d: { count: 0, arrCents: 0, atRisk: 0 },
    upcoming_90d: { count: 0, arrCents: 0, atRisk: 0 },
    overdue: { count: 0, arrCents: 0, atRisk: 0 },
  };
  const within: Record<string, (keyof RenewalWindows)[]> = {
    overdue: ['overdue'],
    '0_30': ['upcoming_30d', 'upcoming_60d', 'upcoming_90d'],
    '31_60': ['upcoming_60d', 'upcoming_90d'],
    '61_90': ['upcoming_90d'],
    beyond_90: [],
  };
  for (const c of candidates) {
    const d = daysToRenewal(c, asOf);
    if (d === null) continue;
    for (const name of within[renewalBucket(d)] ?? []) {
      windows[name].count++;
      windows[name].arrCents += c.arrCents;
      if (c.atRisk) windows[name].atRisk++;
    }
  }
  return windows;
}

export const RENEWAL_WINDOW_DEFINITION =
  'upcoming_Nd = active accounts whose renewal_date is 0–N days after the as-of date (cumulative); overdue = renewal_date before the as-of date; monthly contracts and accounts without a renewal date are excluded; ARR as defined above';
