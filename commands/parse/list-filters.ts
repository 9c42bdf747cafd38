import { COUNT_WORD, countOf } from './dates-in-words.ts';

/** A CSM as the parser knows them: "Priya's accounts", "accounts Priya Kim owns". */
export interface TeamMember {
  user_id: string;
  name: string;
}

/** The words of a list question, read into `accounts` filters (commands/accounts). */
export type ListFilters = Record<string, unknown>;

const TIERS: readonly [RegExp, string[]][] = [
  [
    /\bwho(?: is|s| s)? at risk\b|\bat risk\b|\brisky\b|\bin (?:the )?red\b|\bred\b|\bin trouble\b/,
    ['at-risk', 'critical'],
  ],
  [/\bcritical\b/, ['critical']],
  [/\bthriving\b/, ['thriving']],
  [/\bhealthy\b|\bgreen\b/, ['thriving', 'healthy']],
];

const ENGAGEMENT: readonly [RegExp, string][] = [
  [/\bpower users?\b/, 'power_user'],
  [/\bregular (?:users?|accounts|customers)\b/, 'regular'],
  [/\bcasual\b/, 'casual'],
  [/\bdormant\b/, 'dormant'],
  [/\bghost(?:s|ed|ing)?\b/, 'ghost'],
];

const STAGES: readonly [RegExp, string][] = [
  [/\bfirst year\b|\byear (?:1|one)\b|\bnew customers\b/, 'year_1'],
  [/\bsecond year\b|\byear (?:2|two)\b/, 'year_2'],
  [/\bthird year\b|\byear (?:3|three)\b|\b(?:3|three) years?\b|\blong time customers\b/, 'year_3_plus'],
];

const SIGNALS: readonly [RegExp, string][] = [
  [
    /\bcancel\w*|\bthreaten\w* to (?:churn|leave|cancel)|\bchurn intent\b|\bsaid they (?:might|may|will) (?:churn|leave)/,
    'churn_intent',
  ],
  [/\bcompetitors?\b/, 'competitor'],
  [/\bchampion (?:is |s )?(?:leaving|left|gone)\b/, 'champion_leaving'],
  [/\bbudget\b/, 'budget'],
];

const SORTS: readonly [RegExp, string][] = [
  [/\bsmallest\b|\blowest arr\b|\bleast revenue\b/, 'arr:asc'],
  [/\bhealthiest\b|\b(?:best|highest) health\b/, 'score:desc'],
  [/\b(?:lowest|worst) (?:health|score)\b|\bworst health first\b|\bunhealthiest\b/, 'score'],
  [/\bbiggest\b|\blargest\b|\b(?:by|highest) (?:arr|revenue)\b|\btop \d+\b/, 'arr'],
  [/\bby renewal(?: date)?\b|\bsoonest\b/, 'renewal'],
  [/\balphabetical(?:ly)?\b|\bby name\b|\ba to z\b/, 'name'],
  [/\bby last touch\b|\blongest since\b|\bmost neglected\b/, 'last_touch'],
];

const NUMBER = String.raw`(\d+(?:\.\d+)?)\s*(k|m|mm|million|thousand)?`;
const ABOVE = String.raw`(?:over|above|more than|greater than|at least|min(?:imum)?)`;
const BELOW = String.raw`(?:under|below|less than|lower than|at most|max(?:imum)?)`;
const MONEY_WORD = /\b(?:arr|revenue|mrr)\b/;
const HEALTH_WORD = /\b(?:health|score|scores|scoring|health score)\b/;

const scale = (n: string, unit: string | undefined) =>
  Number(n) * (unit === 'k' || unit === 'thousand' ? 1_000 : unit ? 1_000_000 : 1);

interface Bound {
  kind: 'above' | 'below' | 'between' | 'or_more' | 'or_less';
  a: number;
  b?: number;
  unit: boolean;
  at: number;
  length: number;
}

/** "over 50" leaves 50 out, "at least 50" keeps it in; likewise "under" and "at most". */
function inclusiveOrNot(kind: Bound['kind'], text: string): Bound['kind'] {
  if (kind === 'above') return /\bat least|\bmin/.test(text) ? 'or_more' : 'above';
  if (kind === 'below') return /\bat most|\bmax/.test(text) ? 'or_less' : 'below';
  return kind;
}

function boundsIn(words: string): Bound[] {
  const found: Bound[] = [];
  const forms: [RegExp, Bound['kind']][] = [
    [new RegExp(String.raw`\bbetween ${NUMBER} (?:and|to) ${NUMBER}`, 'g'), 'between'],
    [
      new RegExp(String.raw`\b${NUMBER} or (?:more|above|higher|over)\b|\b${NUMBER} (?:and up|plus)\b`, 'g'),
      'or_more',
    ],
    [new RegExp(String.raw`\b${NUMBER} or (?:less|below|lower|under)\b`, 'g'), 'or_less'],
    [new RegExp(String.raw`\b${ABOVE} ${NUMBER}`, 'g'), 'above'],
    [new RegExp(String.raw`\b${BELOW} ${NUMBER}`, 'g'), 'below'],
  ];
  for (const [re, kind] of forms)
    for (const m of words.matchAll(re)) {
      if (found.some((f) => m.index >= f.at && m.index < f.at + f.length)) continue;
      const [n1, u1, n2, u2] =
        kind === 'or_more' && m[1] === undefined ? [m[3], m[4]] : [m[1], m[2], m[3], m[4]];
      found.push({
        kind: inclusiveOrNot(kind, m[0]),
        a: scale(n1 as string, u1),
        ...(n2 !== undefined && kind === 'between' ? { b: scale(n2, u2) } : {}),
        unit: u1 !== undefined || u2 !== undefined,
        at: m.index,
        length: m[0].length,
      });
    }
  return found;
}

/** Whether a bound is about ARR: a k/m amount, or money words beside it. */
function isMoney(words: string, b: Bound): boolean {
  if (b.unit || b.a > 100) return true;
  const before = words.slice(Math.max(0, b.at - 24), b.at);
  const after = words.slice(b.at + b.length, b.at + b.length + 16);
  if (HEALTH_WORD.test(before)) return false;
  return MONEY_WORD.test(after) || MONEY_WORD.test(before);
}

/** Score and ARR ranges: scores are whole numbers ("under 50" is 49 at most); ARR bounds are inclusive. */
function ranges(words: string, filters: ListFilters): void {
  for (const b of boundsIn(words)) {
    const money = isMoney(words, b);
    if (!money && !HEALTH_WORD.test(words)) continue;
    const [min, max] = money ? (['arr_min', 'arr_max'] as const) : (['score_min', 'score_max'] as const);
    const step = money ? 0 : 1;
    if (b.kind === 'between') {
      filters[min] = b.a;
      filters[max] = b.b;
    } else if (b.kind === 'above') filters[min] = b.a + step;
    else if (b.kind === 'or_more') filters[min] = b.a;
    else if (b.kind === 'below') filters[max] = b.a - step;
    else filters[max] = b.a;
  }
}

const firstMatch = <T>(table: readonly [RegExp, T][], words: string): T | undefined =>
  table.find(([re]) => re.test(words))?.[1];

function ticketFilter(words: string): string[] | undefined {
  const severities = [...words.matchAll(/\bp([1-4])s?\b/g)].map((m) => `p${m[1]}`);
  if (severities.length > 0) return [...new Set(severities)];
  return /\bopen (?:support )?tickets\b|\btickets open\b/.test(words) ? ['any'] : undefined;
}

/** "no touchpoint in 60 days", "haven't talked to in two months": the count and its unit. */
const UNTOUCHED = new RegExp(
  String.raw`\b(?:no|not|n t|haven t|hasn t|have not|has not|without)\b.{0,40}?\b(?:touch\w*|contact\w*|spoken|spoke|talked|heard from|call\w*|met)\b.{0,24}?\b(?:in|for|since)\s+(?:the last\s+|over\s+)?(${COUNT_WORD})\s*(day|week|month|quarter)s?\b`,
);

function touchFilter(words: string): number | undefined {
  const m = UNTOUCHED.exec(words);
  if (!m) return undefined;
  return (
    countOf(m[1] as string) * (m[2] === 'week' ? 7 : m[2] === 'month' ? 30 : m[2] === 'quarter' ? 90 : 1)
  );
}

function roleFilter(words: string, role: string): 'yes' | 'no' | undefined {
  if (
    new RegExp(String.raw`\b(?:no|without|missing|lacking|lacks|lack)\b(?: an?)?(?: \w+)? ${role}\b`).test(
      words,
    )
  )
    return 'no';
  if (new RegExp(String.raw`\b(?:with|have|has|having)\b(?: an?)? ${role}\b`).test(words)) return 'yes';
  return undefined;
}

function productFilter(words: string, products: readonly string[], filters: ListFilters): void {
  for (const product of products) {
    const name = product.toLowerCase();
    if (new RegExp(String.raw`\b(?:without|not using|not on|no) ${name}\b`).test(words))
      filters.without_product = product;
    else if (new RegExp(String.raw`\b(?:on|using|use|with|have|has) ${name}\b`).test(words))
      filters.product = product;
  }
}

/** The CSM a list is about: a full name anywhere, a first name as owner ("Priya's", "Priya owns"). */
export function csmInWords(words: string, team: readonly TeamMember[]): string | undefined {
  const full = team.find((u) => new RegExp(String.raw`\b${u.name.toLowerCase()}\b`).test(words));
  if (full) return full.user_id;
  const owners = team.filter((u) => {
    const first = u.name.toLowerCase().split(' ')[0] as string;
    return new RegExp(
      String.raw`\b${first} s\b|\b${first} owns\b|\bowned by ${first}\b|\bfor ${first}\b`,
    ).test(words);
  });
  return owners.length === 1 ? owners[0]?.user_id : undefined;
}

/**
 * The filters, sort and limit a list question asks for, from its words (lower case, dashes and
 * apostrophes as spaces). The renewal window and the book are read beside it (rules.ts).
 */
export function listFiltersIn(words: string, products: readonly string[]): ListFilters {
  const filters: ListFilters = {};
  const tier = firstMatch(TIERS, words);
  if (tier) filters.tier = tier;
  ranges(words, filters);
  const engagement = ENGAGEMENT.filter(([re]) => re.test(words)).map(([, level]) => level);
  if (engagement.length > 0) filters.engagement = engagement;
  const stage = firstMatch(STAGES, words);
  if (stage) filters.stage = stage;
  if (/\balerts?\b/.test(words)) filters.open_alerts = true;
  const signal = firstMatch(SIGNALS, words);
  if (signal) filters.signal = signal;
  const tickets = ticketFilter(words);
  if (tickets) filters.open_tickets = tickets;
  const untouched = touchFilter(words);
  if (untouched !== undefined) filters.no_touch_days = untouched;
  const sponsor = roleFilter(words, String.raw`(?:exec\w* sponsor|executive sponsor)`);
  if (sponsor) filters.exec_sponsor = sponsor;
  const champion = roleFilter(words, 'champion');
  if (champion) filters.champion = champion;
  productFilter(words, products, filters);
  const sort = firstMatch(SORTS, words);
  if (sort) filters.sort = sort;
  const limit = /\btop (\d{1,4})\b|\b(\d{1,4}) (?:biggest|largest|smallest|healthiest|riskiest|worst)\b/.exec(
    words,
  );
  if (limit) filters.limit = Number(limit[1] ?? limit[2]);
  return filters;
}
