import { daysBetween } from '../../core/calendar.ts';
import { compareText } from '../compare-text.ts';
import { annualised } from '../portfolio/account-arr.ts';
import { hasTermRenewal } from '../renewal/term-renewal.ts';

/**
 * Renewal pipeline (METRICS.md §6): at as_of, accounts paying that month with a renewal date
 * (monthly auto-renewals excluded unless `includeMonthly`), bucketed by d = renewal_date − as_of
 * days: 0–30, 31–60, 61–90, overdue (d < 0), beyond_90; `next_30/60/90` are cumulative.
 * ARR = current MRR × 12. Money in cents.
 */
export interface RenewalAccount {
  accountId: string;
  contractTerm: string | null;
  renewalDate: string | null;
  /** MRR in the as-of month, cents. */
  mrrCents: number;
}

export interface PipelineBucket {
  accounts: string[];
  count: number;
  arrCents: number;
}

export interface RenewalPipeline {
  '0_30': PipelineBucket;
  '31_60': PipelineBucket;
  '61_90': PipelineBucket;
  overdue: PipelineBucket;
  beyond_90: PipelineBucket;
  next_30: Omit<PipelineBucket, 'accounts'>;
  next_60: Omit<PipelineBucket, 'accounts'>;
  next_90: Omit<PipelineBucket, 'accounts'>;
}

export type RenewalBucket = '0_30' | '31_60' | '61_90' | 'overdue' | 'beyond_90';

/** The bucket for a renewal `days` after as-of. */
export function renewalBucket(days: number): RenewalBucket {
  if (days < 0) return 'overdue';
  if (days <= 30) return '0_30';
  if (days <= 60) return '31_60';
  if (days <= 90) return '61_90';
  return 'beyond_90';
}

export function renewalPipeline(
  accounts: readonly RenewalAccount[],
  asOf: string,
  options: { includeMonthly?: boolean } = {},
): RenewalPipeline {
  const empty = (): PipelineBucket => ({ accounts: [], count: 0, arrCents: 0 });
  const buckets: Record<RenewalBucket, PipelineBucket> = {
    '0_30': empty(),
    '31_60': empty(),
    '61_90': empty(),
    overdue: empty(),
    beyond_90: empty(),
  };
  for (const account of [...accounts].sort((a, b) => compareText(a.accountId, b.accountId))) {
    if (account.mrrCents <= 0 || !hasTermRenewal(account, options.includeMonthly)) continue;
    const bucket = buckets[renewalBucket(daysBetween(asOf, account.renewalDate))];
    bucket.accounts.push(account.accountId);
    bucket.count++;
    bucket.arrCents += annualised(account.mrrCents);
  }
  const sum = (...names: RenewalBucket[]) => ({
    count: names.reduce((n, b) => n + buckets[b].count, 0),
    arrCents: names.reduce((n, b) => n + buckets[b].arrCents, 0),
  });
  return {
    ...buckets,
    next_30: sum('0_30'),
    next_60: sum('0_30', '31_60'),
    next_90: sum('0_30', '31_60', '61_90'),
  };
}
