import { z } from 'zod';
import { centsToAmount } from '../../core/money.ts';
import { LIST_SIGNAL_DAYS, listedAccountsOn } from '../../facts/account-list.ts';
import { ARR_DEFINITION } from '../../facts/arr.ts';
import { keeps, type ListedAccount, needsOf, sortAccounts } from '../../tools/portfolio/account-list.ts';
import { BookScopeData, bookFilter, bookScopeData, resolveBook } from '../book-scope.ts';
import { MONTH_WORD } from '../parse/dates-in-words.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { AccountsArgs, filterOf, sortOf } from './args.ts';
import { renderAccounts } from './render.ts';
import { understoodWords } from './understood.ts';

const Money = z.number().describe('currency major units (e.g. dollars), exact to the cent');

export const AccountRow = z.object({
  account_id: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  csm: z.string().nullable(),
  tier: z.string().nullable(),
  score: z.number().int().nullable(),
  arr: Money,
  renewal_date: z.string().nullable(),
  /** Only the facts the list filtered or sorted on are filled in; the rest are null. */
  engagement: z.string().nullable(),
  stage: z.string().nullable(),
  open_alerts: z.number().int().nullable(),
  last_touch: z.string().nullable(),
  exec_sponsor: z.boolean().nullable(),
  champion: z.boolean().nullable(),
  open_tickets: z.array(z.string()).nullable(),
  products: z.array(z.string()).nullable(),
  signals: z.array(z.string()).nullable(),
});

export const AccountsData = z.object({
  as_of: z.string(),
  revenue_month: z.string().nullable(),
  scope: BookScopeData,
  /** The filter in words, as understood. */
  understood: z.string(),
  filters: z.record(z.string(), z.unknown()),
  sort: z.object({ key: z.string(), direction: z.enum(['asc', 'desc']) }),
  /** Accounts that pass the filter (up to the limit), and their ARR. */
  total: z.number().int(),
  total_arr: Money,
  /** The first row's position in the whole list. */
  offset: z.number().int(),
  /** The list from `offset` on. */
  accounts: z.array(AccountRow),
});
export type AccountsData = z.infer<typeof AccountsData>;

function row(a: ListedAccount, shown: ReturnType<typeof needsOf>): z.infer<typeof AccountRow> {
  const when = <T>(need: Parameters<typeof shown.has>[0], value: T): T | null =>
    shown.has(need) ? value : null;
  return {
    account_id: a.accountId,
    name: a.name,
    segment: a.segment,
    csm: a.csm,
    tier: a.tier,
    score: a.score,
    arr: centsToAmount(a.arrCents),
    renewal_date: a.renewalDate,
    engagement: when('engagement', a.engagement),
    stage: when('stage', a.stage),
    open_alerts: when('alerts', a.openAlerts),
    last_touch: when('touch', a.lastTouchAt),
    exec_sponsor: when('contacts', a.execSponsor),
    champion: when('contacts', a.champion),
    open_tickets: when('tickets', a.openTickets),
    products: when('products', a.products),
    signals: when('signals', a.signals),
  };
}

const LIST_NOUN = String.raw`(?:accounts?|customers?|logos?|clients?|renewals?|ghosts?|book)`;
const LIST_FILTER = String.raw`(?:at risk|critical|thriving|healthy|red|green|ghosts?|dormant|casual|power users?|exec\w* sponsor|executive|champion|health|score|scoring|arr|revenue|\d+ ?k|\d+ ?m|renew\w*|due|touch\w*|spoken|contact|alerts?|tickets?|p[1-4]s?|first year|second year|year [1-3]|years|biggest|largest|smallest|top \d+|healthiest|lowest|worst|by (?:arr|renewal|name|last touch)|alphabetically|sorted|list|without|missing|owns|over|under|between|above|below|platform|analytics|automation)`;

/**
 * Questions other book reports answer better: counts ("how many"), feedback asks, references,
 * alerts for a book, and what customers said (their quotes).
 */
const NOT_ANOTHER_REPORT = String.raw`^(?!how many\b)(?!.*\b(?:asks?|requests?|reference|shipped|mentioned|threatening|saying)\b)(?!(?:new |open )?alerts\b)(?!.*\balerts (?:for|on)\b).*`;

export const accounts = defineCommand({
  intent: 'accounts',
  title: 'Account list',
  summary:
    'A filtered, sorted list of accounts: tier, health, ARR, renewal window, engagement, stage, alerts, signals, tickets, last touch, exec sponsor or champion, product',
  examples: [
    'my at-risk accounts',
    'enterprise accounts renewing in January',
    'health under 50 and ARR over $50k',
    "who hasn't had a touchpoint in 60 days",
    'biggest accounts by ARR',
  ],
  triggers: {
    kind: 'book',
    exact: [
      /^(?:list|show|show me|all|show all|list all)? ?(?:my |all |the )?(?:accounts|customers|clients)(?: list)?$/,
      /^my (?:accounts|customers|clients)(?: list)?$/,
    ],
    patterns: strong(
      /\bwho(?: is|s| s)? (?:at risk|critical|in trouble)\b/,
      /\bwho (?:renews|hasn t|has not|haven t|have we not|has talked|is renewing|is due)\b/,
      /\banyone (?:over|under|above|below|with|renewing)\b/,
      new RegExp(String.raw`${NOT_ANOTHER_REPORT}\b${LIST_NOUN}\b.*\b${LIST_FILTER}\b`),
      new RegExp(String.raw`${NOT_ANOTHER_REPORT}\b${LIST_FILTER}\b.*\b${LIST_NOUN}\b`),
      /\b(?:health|score|scoring) (?:under|below|over|above|between)\b|\bhealth score \d+\b/,
      /\bwhat s renewing\b|\bwhats renewing\b|\banything (?:renewing|due)\b/,
      new RegExp(
        String.raw`\brenew\w*\b.*\b(?:${MONTH_WORD}|q[1-4]|next|this (?:month|quarter|year)|within|by|before)\b`,
      ),
      new RegExp(String.raw`\b(?:${MONTH_WORD}|q[1-4])\b.*\brenew\w*`),
      /\b(?:no|not|n t|haven t|hasn t|have not|without)\b.*\b(?:touch\w*|contact\w*|spoken|talked|heard from)\b.*\b\d+|\bno touchpoints?\b/,
    ),
  },
  render: renderAccounts,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: AccountsArgs,
  result: AccountsData,
  async run(ctx, args) {
    const book = await resolveBook(ctx, args);
    const filter = filterOf(args, ctx.today);
    const sort = sortOf(args, filter);
    const needs = needsOf(filter, sort);
    const { revenueMonth, accounts: all } = await listedAccountsOn(
      ctx.db,
      ctx.today,
      bookFilter(book),
      needs,
    );
    const kept = sortAccounts(
      all.filter((a) => keeps(a, filter, ctx.today)),
      sort,
    ).slice(0, args.limit);
    const data: AccountsData = {
      as_of: ctx.today,
      revenue_month: revenueMonth,
      scope: bookScopeData(book),
      understood: understoodWords(filter, book, sort, args.limit, LIST_SIGNAL_DAYS),
      filters: { ...filter },
      sort,
      total: kept.length,
      total_arr: centsToAmount(kept.reduce((n, a) => n + a.arrCents, 0)),
      offset: args.offset,
      accounts: kept.slice(args.offset).map((a) => row(a, needs)),
    };
    return {
      data,
      asOf: ctx.today,
      definitions: {
        accounts: 'active accounts in the book that pass every filter understood',
        arr: ARR_DEFINITION,
        tier: 'the latest health snapshot on or before the day, else the tier imported as health_tier',
        signals: `what the customer's own people said in the last ${LIST_SIGNAL_DAYS} days (customer signals)`,
        last_touch: 'the latest touchpoint of any kind; an account with none counts as untouched',
      },
    };
  },
});
