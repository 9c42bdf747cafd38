import { formatMoney } from '../../core/money.ts';
import { SIGNAL_WORDS, type SignalKind } from '../../knowledge/customer-signals.ts';
import type { AccountListFilter, ListSort } from '../../tools/portfolio/account-list.ts';
import type { BookScope } from '../book-scope.ts';

const or = (values: readonly string[]) =>
  values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

function range(label: string, min: string | undefined, max: string | undefined): string | null {
  if (min !== undefined && max !== undefined) return `${label} ${min}–${max}`;
  if (min !== undefined) return `${label} ≥ ${min}`;
  return max !== undefined ? `${label} ≤ ${max}` : null;
}

const SORT_WORDS: Record<ListSort['key'], [string, string]> = {
  arr: ['ARR (smallest first)', 'ARR (largest first)'],
  score: ['health (lowest first)', 'health (highest first)'],
  renewal: ['renewal date (soonest first)', 'renewal date (latest first)'],
  name: ['name', 'name (Z to A)'],
  last_touch: ['last touch (longest ago first)', 'last touch (most recent first)'],
  tier: ['tier (worst first)', 'tier (best first)'],
};

const money = (cents: number | undefined) => (cents === undefined ? undefined : formatMoney(cents));

function factWords(f: AccountListFilter, signalDays: number): (string | null)[] {
  const yes = (v: boolean | undefined, what: string) =>
    v === undefined ? null : v ? `has ${what}` : `no ${what}`;
  return [
    f.tier ? `tier ${or(f.tier)}` : null,
    range('health', f.scoreMin?.toString(), f.scoreMax?.toString()),
    range('ARR', money(f.arrMinCents), money(f.arrMaxCents)),
    f.renewalFrom || f.renewalTo
      ? `renewing ${f.renewalFrom ?? 'any time'} to ${f.renewalTo ?? 'any time'}`
      : null,
    f.engagement ? `engagement ${or(f.engagement.map((e) => e.replace('_', ' ')))}` : null,
    f.stage ? `stage ${f.stage.replace(/_/g, ' ')}` : null,
    f.openAlerts === undefined ? null : f.openAlerts ? 'open alerts' : 'no open alerts',
    f.signal ? `said ${SIGNAL_WORDS[f.signal as SignalKind] ?? f.signal} in ${signalDays} days` : null,
    f.openTickets
      ? `open ${f.openTickets.includes('any') ? '' : `${or(f.openTickets.map((s) => s.toUpperCase()))} `}tickets`
      : null,
    f.noTouchDays !== undefined ? `no touchpoint in ${f.noTouchDays} days` : null,
    yes(f.execSponsor, 'an exec sponsor'),
    yes(f.champion, 'a champion'),
    f.product ? `holds ${f.product}` : null,
    f.withoutProduct ? `without ${f.withoutProduct}` : null,
  ];
}

/** The filter as understood, in words: "tier at-risk or critical · book priya.kim · sorted by ARR (largest first)". Pure. */
export function understoodWords(
  filter: AccountListFilter,
  book: BookScope,
  sort: ListSort,
  limit: number | undefined,
  signalDays: number,
): string {
  const parts = [
    ...factWords(filter, signalDays),
    book.segment ? `segment ${book.segment}` : null,
    book.csm ? `book ${book.csm}` : 'every book',
    `sorted by ${SORT_WORDS[sort.key][sort.direction === 'asc' ? 0 : 1]}`,
    limit !== undefined ? `top ${limit}` : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}
