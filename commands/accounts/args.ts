import { z } from 'zod';
import { addDays } from '../../core/calendar.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { SIGNAL_KINDS } from '../../knowledge/customer-signals.ts';
import { ENGAGEMENT_LEVELS } from '../../knowledge/engagement-levels.ts';
import { lifecyclePlaybook } from '../../knowledge/lifecycle-playbook.ts';
import {
  type AccountListFilter,
  DEFAULT_DIRECTION,
  type ListSort,
  SORT_KEYS,
  type SortKey,
} from '../../tools/portfolio/account-list.ts';
import { BookScopeFields } from '../book-scope.ts';
import { CalendarDay as Day } from '../command-args.ts';

/** A comma-separated list ("at-risk,critical") or an array, each value one of `values`. */
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : v,
    z.array(z.enum(values)).min(1),
  );

const YesNo = z.enum(['yes', 'no']);
const Flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

export const TIERS = ['thriving', 'healthy', 'at-risk', 'critical'] as const;

export const AccountsArgs = z
  .object({
    ...BookScopeFields,
    tier: commaList(TIERS).optional(),
    score_min: z.coerce.number().int().min(0).max(100).optional(),
    score_max: z.coerce.number().int().min(0).max(100).optional(),
    /** Dollars, inclusive. */
    arr_min: z.coerce.number().min(0).optional(),
    arr_max: z.coerce.number().min(0).optional(),
    renewal_from: Day.optional(),
    renewal_to: Day.optional(),
    /** Renewing from today to this many days ahead. */
    renewal_within: z.coerce.number().int().min(0).max(3650).optional(),
    engagement: commaList(ENGAGEMENT_LEVELS).optional(),
    stage: z.string().min(1).optional(),
    open_alerts: Flag.optional(),
    signal: z.enum(SIGNAL_KINDS).optional(),
    open_tickets: commaList(['p1', 'p2', 'p3', 'p4', 'any']).optional(),
    no_touch_days: z.coerce.number().int().min(1).max(3650).optional(),
    exec_sponsor: YesNo.optional(),
    champion: YesNo.optional(),
    product: z.string().min(1).optional(),
    without_product: z.string().min(1).optional(),
    sort: z
      .string()
      .regex(
        new RegExp(`^(?:${SORT_KEYS.join('|')})(?::(?:asc|desc))?$`),
        `must be one of ${SORT_KEYS.join(', ')}, optionally with :asc or :desc (e.g. arr:asc)`,
      )
      .optional(),
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    /** Where the page starts (Show more). */
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type AccountsArgs = z.output<typeof AccountsArgs>;

const bad = (message: string, hint: string) => new CseError(ErrorCode.BadInput, message, { hint });

function checkRanges(args: AccountsArgs): void {
  if (args.score_min !== undefined && args.score_max !== undefined && args.score_min > args.score_max)
    throw bad(
      `--score-min ${args.score_min} is above --score-max ${args.score_max}`,
      'Swap them, or drop one',
    );
  if (args.arr_min !== undefined && args.arr_max !== undefined && args.arr_min > args.arr_max)
    throw bad(`--arr-min ${args.arr_min} is above --arr-max ${args.arr_max}`, 'Swap them, or drop one');
  if (args.renewal_within !== undefined && (args.renewal_from || args.renewal_to))
    throw bad(
      '--renewal-within cannot go with --renewal-from/--renewal-to',
      'Give a number of days, or the two dates',
    );
  if (args.renewal_from && args.renewal_to && args.renewal_from > args.renewal_to)
    throw bad(
      `--renewal-from ${args.renewal_from} is after --renewal-to ${args.renewal_to}`,
      'Swap the dates',
    );
  const stages = lifecyclePlaybook().stages.map((s) => s.id);
  if (args.stage && !stages.includes(args.stage))
    throw bad(`Unknown lifecycle stage "${args.stage}"`, `Stages: ${stages.join(', ')}`);
}

/** The filter the arguments ask for, in the tool's terms (money in cents, the window in dates). */
export function filterOf(args: AccountsArgs, today: string): AccountListFilter {
  checkRanges(args);
  const yes = (v: 'yes' | 'no' | undefined) => (v === undefined ? undefined : v === 'yes');
  const filter: AccountListFilter = {
    tier: args.tier,
    scoreMin: args.score_min,
    scoreMax: args.score_max,
    arrMinCents: args.arr_min === undefined ? undefined : Math.round(args.arr_min * 100),
    arrMaxCents: args.arr_max === undefined ? undefined : Math.round(args.arr_max * 100),
    renewalFrom: args.renewal_within !== undefined ? today : args.renewal_from,
    renewalTo: args.renewal_within !== undefined ? addDays(today, args.renewal_within) : args.renewal_to,
    engagement: args.engagement,
    stage: args.stage,
    openAlerts: args.open_alerts,
    signal: args.signal,
    openTickets: args.open_tickets,
    noTouchDays: args.no_touch_days,
    execSponsor: yes(args.exec_sponsor),
    champion: yes(args.champion),
    product: args.product,
    withoutProduct: args.without_product,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as AccountListFilter;
}

/** The sort asked for, else renewal date for a renewal window, else worst health first. */
export function sortOf(args: AccountsArgs, filter: AccountListFilter): ListSort {
  if (args.sort) {
    const [key, direction] = args.sort.split(':') as [SortKey, 'asc' | 'desc' | undefined];
    return { key, direction: direction ?? DEFAULT_DIRECTION[key] };
  }
  const key: SortKey = filter.renewalFrom || filter.renewalTo ? 'renewal' : 'score';
  return { key, direction: DEFAULT_DIRECTION[key] };
}
