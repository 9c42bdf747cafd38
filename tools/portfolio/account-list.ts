import { daysBetween } from '../../core/calendar.ts';
import { compareText } from '../compare-text.ts';
import { tierRank } from './health-tiers.ts';

/** An active account with the facts a list filters and sorts on (null: not read for this list). */
export interface ListedAccount {
  accountId: string;
  name: string;
  segment: string | null;
  csm: string | null;
  renewalDate: string | null;
  arrCents: number;
  tier: string | null;
  score: number | null;
  stage: string | null;
  engagement: string | null;
  openAlerts: number;
  /** ISO instant of the last touchpoint. */
  lastTouchAt: string | null;
  execSponsor: boolean | null;
  champion: boolean | null;
  /** Severities of the tickets open at the end of the day. */
  openTickets: string[];
  products: string[];
  /** Signal kinds the customer's own people raised in the signal window. */
  signals: string[];
}

/** Facts beyond the portfolio's own that a list may need read. */
export type ListNeed =
  | 'engagement'
  | 'stage'
  | 'alerts'
  | 'touch'
  | 'contacts'
  | 'tickets'
  | 'products'
  | 'signals';

export const SORT_KEYS = ['arr', 'score', 'renewal', 'name', 'last_touch', 'tier'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** What a list keeps: every field optional; all given must hold. Money in cents, dates 'YYYY-MM-DD'. */
export interface AccountListFilter {
  tier?: readonly string[];
  scoreMin?: number;
  scoreMax?: number;
  arrMinCents?: number;
  arrMaxCents?: number;
  renewalFrom?: string;
  renewalTo?: string;
  engagement?: readonly string[];
  stage?: string;
  openAlerts?: boolean;
  signal?: string;
  /** Severities ('p1'…), or 'any'. */
  openTickets?: readonly string[];
  noTouchDays?: number;
  execSponsor?: boolean;
  champion?: boolean;
  product?: string;
  withoutProduct?: string;
}

export interface ListSort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

/** Each key's natural direction: biggest ARR, worst health, soonest renewal, oldest touch first. */
export const DEFAULT_DIRECTION: Record<SortKey, 'asc' | 'desc'> = {
  arr: 'desc',
  score: 'asc',
  renewal: 'asc',
  name: 'asc',
  last_touch: 'asc',
  tier: 'asc',
};

/** The facts a filter and sort need read. */
export function needsOf(filter: AccountListFilter, sort: ListSort | null): Set<ListNeed> {
  const needs = new Set<ListNeed>();
  if (filter.engagement) needs.add('engagement');
  if (filter.stage) needs.add('stage');
  if (filter.openAlerts !== undefined) needs.add('alerts');
  if (filter.noTouchDays !== undefined || sort?.key === 'last_touch') needs.add('touch');
  if (filter.execSponsor !== undefined || filter.champion !== undefined) needs.add('contacts');
  if (filter.openTickets) needs.add('tickets');
  if (filter.product || filter.withoutProduct) needs.add('products');
  if (filter.signal) needs.add('signals');
  return needs;
}

const within = (v: number | null, min?: number, max?: number) =>
  (min === undefined && max === undefined) ||
  (v !== null && (min === undefined || v >= min) && (max === undefined || v <= max));

function touchHolds(a: ListedAccount, days: number | undefined, asOf: string): boolean {
  if (days === undefined) return true;
  return a.lastTouchAt === null || daysBetween(a.lastTouchAt.slice(0, 10), asOf) >= days;
}

function ticketsHold(a: ListedAccount, severities: readonly string[] | undefined): boolean {
  if (!severities) return true;
  return severities.includes('any')
    ? a.openTickets.length > 0
    : a.openTickets.some((s) => severities.includes(s));
}

/** Whether an account passes every filter given, on a day. Pure. */
export function keeps(a: ListedAccount, f: AccountListFilter, asOf: string): boolean {
  return (
    (!f.tier || (a.tier !== null && f.tier.includes(a.tier))) &&
    within(a.score, f.scoreMin, f.scoreMax) &&
    within(a.arrCents, f.arrMinCents, f.arrMaxCents) &&
    (f.renewalFrom === undefined || (a.renewalDate !== null && a.renewalDate >= f.renewalFrom)) &&
    (f.renewalTo === undefined || (a.renewalDate !== null && a.renewalDate <= f.renewalTo)) &&
    (!f.engagement || (a.engagement !== null && f.engagement.includes(a.engagement))) &&
    (!f.stage || a.stage === f.stage) &&
    (f.openAlerts === undefined || a.openAlerts > 0 === f.openAlerts) &&
    (!f.signal || a.signals.includes(f.signal)) &&
    ticketsHold(a, f.openTickets) &&
    touchHolds(a, f.noTouchDays, asOf) &&
    (f.execSponsor === undefined || a.execSponsor === f.execSponsor) &&
    (f.champion === undefined || a.champion === f.champion) &&
    (!f.product || a.products.includes(f.product)) &&
    (!f.withoutProduct || !a.products.includes(f.withoutProduct))
  );
}

/** The value an account sorts by; null sorts last either way. */
function sortValue(a: ListedAccount, key: SortKey): number | string | null {
  switch (key) {
    case 'arr':
      return a.arrCents;
    case 'score':
      return a.score;
    case 'renewal':
      return a.renewalDate;
    case 'name':
      return a.name;
    case 'last_touch':
      // Never touched comes first among the oldest.
      return a.lastTouchAt ?? '';
    default:
      return a.tier === null ? null : tierRank(a.tier);
  }
}

/** Sorted by the key in its direction, unknown values last, then by name and id. Pure. */
export function sortAccounts(accounts: readonly ListedAccount[], sort: ListSort): ListedAccount[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...accounts].sort((x, y) => {
    const a = sortValue(x, sort.key);
    const b = sortValue(y, sort.key);
    if (a !== b) {
      if (a === null) return 1;
      if (b === null) return -1;
      const order =
        typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
      if (order !== 0) return sign * order;
    }
    return compareText(x.name, y.name) || compareText(x.accountId, y.accountId);
  });
}
