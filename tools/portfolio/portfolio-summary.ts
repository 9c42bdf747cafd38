import { type ArrSource, accountArr } from './account-arr.ts';
import { isAtRisk } from './health-tiers.ts';
import { daysToRenewal, type RenewalWindows, renewalWindows } from './renewal-windows.ts';

/** One account as the portfolio review sees it (facts read from the store). */
export interface PortfolioAccount {
  accountId: string;
  name: string;
  segment: string | null;
  csm: string | null;
  renewalDate: string | null;
  contractTerm: string | null;
  mrrCents: number | null;
  hasRevenue: boolean;
  declaredArrCents: number | null;
  healthTier?: string | null;
}

export interface SegmentTotal {
  segment: string;
  accounts: number;
  arrCents: number;
}

export interface UpcomingRenewal {
  accountId: string;
  name: string;
  renewalDate: string;
  daysToRenewal: number;
  arrCents: number;
  csm: string | null;
}

export interface PortfolioSummary {
  /** Every account with its ARR, for the sections built on top. */
  accounts: (PortfolioAccount & { arrCents: number })[];
  totalAccounts: number;
  totalArrCents: number;
  bySegment: SegmentTotal[];
  arrSources: Record<ArrSource, number>;
  renewals: RenewalWindows;
  /** Renewals in the next 90 days, soonest first. */
  nextRenewals: UpcomingRenewal[];
}

const SEGMENT_ORDER = ['enterprise', 'mid-market', 'smb', 'self-serve', 'unknown'];

/** Totals, segment split and renewal windows over the active accounts given. Pure. */
export function portfolioSummary(accounts: readonly PortfolioAccount[], asOf: string): PortfolioSummary {
  const arrSources: Record<ArrSource, number> = { revenue: 0, declared: 0, none: 0 };
  const segments = new Map<string, SegmentTotal>();
  const withArr = accounts.map((a) => {
    const { arrCents, source } = accountArr(a);
    arrSources[source]++;
    const segment = a.segment ?? 'unknown';
    const total = segments.get(segment) ?? { segment, accounts: 0, arrCents: 0 };
    total.accounts++;
    total.arrCents += arrCents;
    segments.set(segment, total);
    return { ...a, arrCents, atRisk: isAtRisk(a.healthTier ?? null) };
  });
  const nextRenewals = withArr
    .map((a) => ({ a, d: daysToRenewal(a, asOf) }))
    .filter((x): x is { a: (typeof withArr)[number]; d: number } => x.d !== null && x.d >= 0 && x.d <= 90)
    .sort((x, y) => x.d - y.d || y.a.arrCents - x.a.arrCents || x.a.accountId.localeCompare(y.a.accountId))
    .map(({ a, d }) => ({
      accountId: a.accountId,
      name: a.name,
      renewalDate: a.renewalDate as string,
      daysToRenewal: d,
      arrCents: a.arrCents,
      csm: a.csm,
    }));
  return {
    accounts: withArr,
    totalAccounts: accounts.length,
    totalArrCents: withArr.reduce((sum, a) => sum + a.arrCents, 0),
    bySegment: [...segments.values()].sort(
      (x, y) => SEGMENT_ORDER.indexOf(x.segment) - SEGMENT_ORDER.indexOf(y.segment),
    ),
    arrSources,
    renewals: renewalWindows(withArr, asOf),
    nextRenewals,
  };
}
