import { addDays, addMonths, daysBetween, monthEnd, monthOf } from '../core/calendar.ts';
import { SeededRandom } from '../core/random.ts';
import type { DemoVocabulary } from '../knowledge/demo-vocabulary.ts';

/**
 * A realistic demo portfolio, deterministic for (seed, as-of date, size): 24 months of month-end
 * MRR with new, expansion, contraction, churn and reactivation; weekly usage with trends,
 * seasonality and declines before churn; contacts with champions, sponsors and departures;
 * tickets, goals, touchpoints, leading-indicator and expansion-signal events, invoices and
 * feedback with paraphrased duplicates. Pure: no I/O, no clock.
 */
export interface DemoOptions {
  accounts: number;
  seed: number;
  /** The demo's "today", 'YYYY-MM-DD'. Revenue covers the full months before it. */
  asOf: string;
  /** Months of history (default 24, 13–60). */
  months?: number;
}

export interface DemoTable {
  columns: readonly string[];
  rows: unknown[][];
}
export type DemoTables = Record<DemoTableName, DemoTable>;

/** What a usage row measures, per account or per product. */
const USAGE_MEASURES = [
  'dau',
  'wau',
  'mau',
  'seats_active',
  'core_actions',
  'features_used',
  'features_total',
] as const;

export const DEMO_TABLES = {
  users: ['user_id', 'name', 'email', 'slack_id', 'role', 'team'],
  accounts: [
    'account_id',
    'name',
    'domain',
    'segment',
    'industry',
    'csm',
    'plan',
    'arr_cents',
    'seats_purchased',
    'contract_start',
    'renewal_date',
    'contract_term',
    'status',
    'churned_at',
    'churn_reason',
    'seasonal_months',
  ],
  contacts: ['contact_id', 'account_id', 'name', 'title', 'email', 'role', 'last_engaged_at', 'left_at'],
  revenue: ['account_id', 'month', 'mrr_cents'],
  usage: ['account_id', 'date', ...USAGE_MEASURES],
  tickets: [
    'ticket_id',
    'account_id',
    'opened_at',
    'severity',
    'status',
    'resolved_at',
    'csat',
    'subject',
    'body',
  ],
  feedback: ['feedback_id', 'account_id', 'source', 'created_at', 'score', 'text', 'author', 'attributes'],
  touchpoints: ['touchpoint_id', 'account_id', 'at', 'kind', 'by', 'contact_id'],
  goals: ['goal_id', 'account_id', 'objective', 'metric', 'baseline', 'target', 'due', 'status'],
  events: ['event_id', 'account_id', 'at', 'type', 'details'],
  invoices: ['invoice_id', 'account_id', 'due_at', 'paid_at', 'amount_cents', 'status'],
  roadmap_items: ['roadmap_key', 'title', 'status', 'owner', 'created_at', 'updated_at', 'shipped_at'],
  roadmap_links: ['feedback_id', 'roadmap_key', 'linked_at', 'linked_by'],
  product_revenue: ['account_id', 'month', 'product', 'mrr_cents'],
  product_usage: ['account_id', 'date', 'product', ...USAGE_MEASURES],
} as const;
export type DemoTableName = keyof typeof DEMO_TABLES;

type Segment = 'enterprise' | 'mid-market' | 'smb' | 'self-serve';
type Archetype = 'grower' | 'stable' | 'contracting' | 'churned' | 'at_risk' | 'reactivated' | 'onboarding';

export const DEFAULT_DEMO_MONTHS = 24;
const FEATURES_TOTAL = 20;

const SEGMENT_PROFILE: Record<
  Segment,
  {
    mrr: [number, number];
    seats: [number, number];
    plan: string;
    ticketsPerMonth: number;
    feedback: [number, number];
  }
> = {
  enterprise: {
    mrr: [8_000, 40_000],
    seats: [200, 1_500],
    plan: 'Enterprise',
    ticketsPerMonth: 2.5,
    feedback: [2, 6],
  },
  'mid-market': {
    mrr: [1_500, 8_000],
    seats: [50, 300],
    plan: 'Business',
    ticketsPerMonth: 1.2,
    feedback: [1, 4],
  },
  smb: { mrr: [200, 1_500], seats: [8, 60], plan: 'Pro', ticketsPerMonth: 0.4, feedback: [0, 2] },
  'self-serve': { mrr: [29, 300], seats: [2, 15], plan: 'Starter', ticketsPerMonth: 0.15, feedback: [0, 1] },
};

/** Scripted accounts that make every command interesting on a named customer. */
interface Featured {
  segment: Segment;
  archetype: Archetype;
  term: 'monthly' | 'annual' | 'multi-year';
  renewalInDays?: number;
  industry?: string;
  seasonal?: number[];
}
const FEATURED: Featured[] = [
  { segment: 'enterprise', archetype: 'grower', term: 'annual', renewalInDays: 45, industry: 'software' },
  { segment: 'mid-market', archetype: 'at_risk', term: 'annual', renewalInDays: 75, industry: 'logistics' },
  {
    segment: 'enterprise',
    archetype: 'stable',
    term: 'multi-year',
    renewalInDays: 160,
    industry: 'financial services',
  },
  { segment: 'mid-market', archetype: 'stable', term: 'annual', renewalInDays: 20, industry: 'media' },
  { segment: 'mid-market', archetype: 'churned', term: 'annual', industry: 'healthcare' },
  { segment: 'mid-market', archetype: 'onboarding', term: 'annual', industry: 'retail' },
  { segment: 'smb', archetype: 'reactivated', term: 'monthly', industry: 'manufacturing' },
  {
    segment: 'smb',
    archetype: 'stable',
    term: 'annual',
    renewalInDays: 200,
    industry: 'education',
    seasonal: [6, 7, 8],
  },
];

interface AccountPlan {
  id: string;
  name: string;
  domain: string;
  segment: Segment;
  industry: string;
  csm: string | null;
  archetype: Archetype;
  term: 'monthly' | 'annual' | 'multi-year';
  signupDate: string;
  contractStart: string;
  seasonal: number[];
  seats: number;
  /** Month-end MRR in cents per window month. */
  mrr: number[];
  churnIdx: number | null;
  returnIdx: number | null;
  expansionIdx: number[];
  contractionIdx: number[];
  lateInvoices: boolean;
  /** MRR at signup, in cents. */
  baseMrr: number;
  /**
   * The account's latent health per month (0–1) when its course is simulated: usage, tickets and
   * risk events follow it, and churn, contraction and expansion are drawn from it. Null for the
   * scripted accounts and the archetypes whose story is fixed (onboarding, reactivated).
   */
  health: number[] | null;
  /** The month a champion left, when the simulation drew it (a shock the health then follows). */
  championLeftIdx: number | null;
}

/** Archetypes whose outcome is drawn from a simulated health course rather than fixed in advance. */
const CAUSAL_ARCHETYPES = new Set<Archetype>(['grower', 'stable', 'contracting', 'churned', 'at_risk']);

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
const ts = (date: string, hour = 15) => `${date}T${pad(hour, 2)}:00:00.000Z`;

export function generatePortfolio(options: DemoOptions, vocab: DemoVocabulary): DemoTables {
  const MONTHS = options.months ?? DEFAULT_DEMO_MONTHS;
  const WEEKS = Math.round((MONTHS * 52) / 12);
  const rng = new SeededRandom(options.seed);
  const asOf = options.asOf;
  const months = Array.from({ length: MONTHS }, (_, i) => addMonths(monthOf(asOf), i - MONTHS));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const tables = Object.fromEntries(
    Object.entries(DEMO_TABLES).map(([name, columns]) => [name, { columns, rows: [] as unknown[][] }]),
  ) as unknown as DemoTables;
  const add = (table: DemoTableName, row: unknown[]) => tables[table].rows.push(row);
  const counters: Record<string, number> = {};
  const nextId = (prefix: string) => {
    counters[prefix] = (counters[prefix] ?? 0) + 1;
    return `${prefix}-${pad(counters[prefix], 6)}`;
  };
  const person = () => `${rng.pick(vocab.firstNames)} ${rng.pick(vocab.lastNames)}`;

  // The CS team: CSMs own the assisted segments; self-serve is pooled (no named CSM).
  const csmCount = Math.max(2, Math.ceil((options.accounts * 0.75) / 45));
  const csms: string[] = [];
  const usedPeople = new Set<string>();
  const teamMember = (role: string, team: string) => {
    let name = person();
    while (usedPeople.has(name)) name = `${person()}`;
    usedPeople.add(name);
    const email = `${name.toLowerCase().replace(' ', '.')}@cs-team.example`;
    add('users', [email.split('@')[0], name, email, `U${pad(usedPeople.size, 8)}`, role, team]);
    return email;
  };
  for (let i = 0; i < csmCount; i++) csms.push(teamMember('csm', i % 2 === 0 ? 'East' : 'West'));
  teamMember('leader', 'CS leadership');
  teamMember('leader', 'CS leadership');
  teamMember('support', 'Support');
  teamMember('admin', 'CS operations');

  const usedNames = new Set<string>();
  // Names have a stream of their own, so a change to how accounts behave never renames them.
  const names = new SeededRandom(options.seed + 0x6e616d65);
  const accountName = (i: number) => {
    const featured = vocab.featuredAccounts[i];
    let name = featured ?? `${names.pick(vocab.namePrefixes)} ${names.pick(vocab.nameSuffixes)}`;
    for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    usedNames.add(name);
    return name;
  };

  for (let i = 0; i < options.accounts; i++) {
    const plan = planAccount(i);
    emitAccount(plan);
  }
  return tables;

  function planAccount(i: number): AccountPlan {
    const featured = i < vocab.featuredAccounts.length ? FEATURED[i] : undefined;
    const name = accountName(i);
    const segment: Segment =
      featured?.segment ??
      rng.weighted<Segment>([
        ['enterprise', 10],
        ['mid-market', 25],
        ['smb', 40],
        ['self-serve', 25],
      ]);
    const archetype: Archetype =
      featured?.archetype ??
      rng.weighted<Archetype>([
        ['grower', 22],
        ['stable', 36],
        ['contracting', 10],
        ['churned', 14],
        ['at_risk', 8],
        ['reactivated', 4],
        ['onboarding', 6],
      ]);
    const term =
      featured?.term ??
      (segment === 'enterprise'
        ? rng.weighted<'annual' | 'multi-year'>([
            ['annual', 60],
            ['multi-year', 40],
          ])
        : segment === 'mid-market'
          ? rng.weighted<'annual' | 'monthly'>([
              ['annual', 80],
              ['monthly', 20],
            ])
          : segment === 'smb'
            ? rng.weighted<'annual' | 'monthly'>([
                ['annual', 50],
                ['monthly', 50],
              ])
            : 'monthly');
    const industry = featured?.industry ?? rng.pick(vocab.industries);
    const seasonal =
      featured?.seasonal ??
      (industry === 'education' && rng.chance(0.6)
        ? [6, 7, 8]
        : industry === 'retail' && rng.chance(0.3)
          ? [1, 2]
          : []);
    const profile = SEGMENT_PROFILE[segment];

    // When the customer started paying: before the window (left-censored), in it, or just now.
    let signupIdx: number;
    let signupDate: string;
    if (archetype === 'onboarding') {
      signupDate = addDays(asOf, -(featured ? 36 : rng.int(10, 85)));
      signupIdx = monthIndex.get(monthOf(signupDate)) ?? MONTHS;
    } else if (rng.chance(0.45) || archetype === 'reactivated' || featured) {
      signupIdx = -1;
      signupDate = addDays(`${months[0]}-01`, -rng.int(30, 1_100));
    } else {
      signupIdx = rng.int(1, archetype === 'churned' ? MONTHS - 10 : MONTHS - 4);
      signupDate = `${months[signupIdx]}-${pad(rng.int(1, 28), 2)}`;
    }
    const startIdx = Math.max(0, signupIdx);

    const mrr = new Array<number>(MONTHS).fill(0);
    const baseMrr = Math.round(rng.between(profile.mrr[0], profile.mrr[1])) * 100;
    let current = baseMrr;
    let churnIdx: number | null = null;
    let returnIdx: number | null = null;
    const expansionIdx: number[] = [];
    const contractionIdx: number[] = [];
    const simulated = !featured && CAUSAL_ARCHETYPES.has(archetype) && signupIdx < MONTHS;
    const course = simulated ? simulateCourse(archetype, startIdx) : null;
    if (course) {
      churnIdx = course.churnIdx;
      contractionIdx.push(...course.contractionIdx);
      expansionIdx.push(...course.expansionIdx);
    }
    if (!course && (archetype === 'churned' || archetype === 'reactivated')) {
      churnIdx = featured
        ? MONTHS - 4
        : rng.int(Math.max(startIdx + 4, 6), MONTHS - (archetype === 'reactivated' ? 8 : 1));
      if (archetype === 'reactivated') returnIdx = featured ? churnIdx + 3 : churnIdx + rng.int(1, 6);
    }
    if (!course && archetype === 'grower') {
      const n = featured ? 3 : rng.int(1, 3);
      for (let k = 0; k < n; k++) expansionIdx.push(rng.int(startIdx + 2, MONTHS - (featured ? 3 : 1)));
    }
    if (!course && archetype === 'contracting') {
      const n = rng.int(1, 2);
      for (let k = 0; k < n; k++) contractionIdx.push(rng.int(startIdx + 2, MONTHS - 1));
    }
    if (!course && archetype === 'at_risk' && rng.chance(0.4))
      contractionIdx.push(rng.int(MONTHS - 6, MONTHS - 1));
    for (let m = startIdx; m < MONTHS && signupIdx < MONTHS; m++) {
      if (expansionIdx.includes(m)) current = Math.round((current * rng.between(1.15, 1.6)) / 100) * 100;
      if (contractionIdx.includes(m)) current = Math.round((current * rng.between(0.6, 0.9)) / 100) * 100;
      const gone = churnIdx !== null && m >= churnIdx && (returnIdx === null || m < returnIdx);
      if (returnIdx !== null && m === returnIdx)
        current = Math.round((current * rng.between(0.6, 1)) / 100) * 100;
      mrr[m] = gone ? 0 : current;
    }
    return {
      id: `ACC-${pad(i + 1, 5)}`,
      name,
      domain: `${slug(name)}.example`,
      segment,
      industry,
      csm: segment === 'self-serve' ? null : (csms[i % csms.length] as string),
      archetype,
      term,
      signupDate,
      contractStart: signupDate,
      seasonal,
      seats: rng.int(profile.seats[0], profile.seats[1]),
      mrr,
      churnIdx,
      returnIdx,
      expansionIdx: [...new Set(expansionIdx)].sort((a, b) => a - b),
      contractionIdx: [...new Set(contractionIdx)].sort((a, b) => a - b),
      lateInvoices: rng.chance(archetype === 'at_risk' || archetype === 'contracting' ? 0.25 : 0.05),
      baseMrr,
      health: course?.health ?? null,
      championLeftIdx: course?.championLeftIdx ?? null,
    };
  }

  /**
   * An account's course, month by month, with churn as a consequence rather than a script: a latent
   * health (0–1) pulled towards its archetype's level with noise, knocked down by occasional shocks
   * (half of them a champion leaving) and, for the declining archetypes, by a decline that starts
   * at a random month. Each month the account churns with a probability that rises steeply as its
   * health over the two months before falls, contracts now and then while weak, and expands now
   * and then while strong. So most churn follows a visible decline, some declines recover, and a
   * few accounts leave with no warning: a real but imperfect signal.
   */
  function simulateCourse(archetype: Archetype, startIdx: number) {
    const level = { grower: 0.72, stable: 0.62, contracting: 0.5, at_risk: 0.6, churned: 0.6 }[
      archetype as 'grower' | 'stable' | 'contracting' | 'at_risk' | 'churned'
    ];
    const declineAt =
      archetype === 'churned'
        ? rng.int(Math.min(startIdx + 3, MONTHS - 2), MONTHS - 2)
        : archetype === 'at_risk'
          ? MONTHS - rng.int(2, 4)
          : null;
    const declineTo = rng.between(0.12, 0.38);
    const health = new Array<number>(MONTHS).fill(0);
    let h = level + rng.between(-0.08, 0.08);
    let target = level;
    let churnIdx: number | null = null;
    let championLeftIdx: number | null = null;
    const contractionIdx: number[] = [];
    const expansionIdx: number[] = [];
    for (let m = startIdx; m < MONTHS; m++) {
      if (declineAt !== null && m === declineAt) target = declineTo;
      if (rng.chance(0.025)) {
        h -= rng.between(0.15, 0.3);
        if (championLeftIdx === null && rng.chance(0.5)) championLeftIdx = m;
      }
      h += 0.4 * (target - h) + rng.between(-0.07, 0.07);
      h = Math.max(0.02, Math.min(0.98, h));
      health[m] = h;
      if (m < startIdx + 2) continue;
      const recent = ((health[m - 1] as number) + (health[m - 2] as number)) / 2;
      if (m >= startIdx + 3 && rng.chance(0.0015 + 0.35 / (1 + Math.exp((recent - 0.3) / 0.05)))) {
        churnIdx = m;
        break;
      }
      if (recent < 0.45 && contractionIdx.length < 2 && rng.chance(0.12)) contractionIdx.push(m);
      if (recent > 0.68 && expansionIdx.length < 3 && rng.chance(0.07)) expansionIdx.push(m);
    }
    return { health, churnIdx, championLeftIdx, contractionIdx, expansionIdx };
  }

  /** The simulated health in the month of a date (null when the course is scripted or outside the window). */
  function healthOn(plan: AccountPlan, date: string): number | null {
    const idx = monthIndex.get(monthOf(date));
    return plan.health && idx !== undefined ? (plan.health[idx] ?? null) : null;
  }

  function renewalDateOf(plan: AccountPlan, featured: Featured | undefined): string | null {
    if (plan.term === 'monthly') return null;
    if (featured?.renewalInDays !== undefined) return addDays(asOf, featured.renewalInDays);
    const years = plan.term === 'multi-year' ? 3 : 1;
    let renewal = plan.contractStart;
    const step = (d: string) =>
      `${Number(d.slice(0, 4)) + years}${d.slice(4, 8)}${d.slice(8) === '29' ? '28' : d.slice(8)}`;
    const floor =
      plan.churnIdx !== null && plan.returnIdx === null ? `${months[plan.churnIdx]}-01` : addDays(asOf, -12);
    while (renewal < floor) renewal = step(renewal);
    return renewal;
  }

  /** 0–1: how much of the account is using the product in a given week. */
  function adoption(plan: AccountPlan, week: string, weekIdx: number, activeSince: number): number {
    const progress = Math.min(1, (weekIdx - activeSince) / Math.max(1, WEEKS - activeSince));
    const weeksLeft = WEEKS - 1 - weekIdx;
    const simulated = healthOn(plan, week);
    let a: number;
    if (simulated !== null) {
      // A simulated course: usage is its health, seen through weekly noise.
      a = 0.1 + 0.85 * simulated;
      if (plan.seasonal.includes(Number(week.slice(5, 7)))) a *= 0.5;
      return Math.max(0.02, Math.min(0.95, a * rng.jitter(0.06)));
    }
    switch (plan.archetype) {
      case 'grower':
        a = 0.5 + 0.35 * progress;
        break;
      case 'contracting':
        a = 0.5 - 0.15 * progress;
        break;
      case 'at_risk':
        a = weeksLeft < 10 ? 0.62 - 0.032 * (10 - weeksLeft) : 0.62;
        break;
      case 'onboarding':
        a = Math.min(0.4, 0.05 + 0.03 * (weekIdx - activeSince));
        break;
      default:
        a = 0.58;
    }
    if (plan.churnIdx !== null) {
      const churnWeek = (daysBetween(addDays(asOf, -7 * WEEKS), `${months[plan.churnIdx]}-01`) / 7) | 0;
      const before = churnWeek - weekIdx;
      if (before >= 0 && before < 12) a *= 0.3 + 0.06 * before;
      if (plan.returnIdx !== null && weekIdx > churnWeek) a = 0.42;
    }
    if (plan.seasonal.includes(Number(week.slice(5, 7)))) a *= 0.5;
    return Math.max(0.02, Math.min(0.95, a * rng.jitter(0.06)));
  }

  function isActive(plan: AccountPlan, date: string): boolean {
    if (date < plan.signupDate) return false;
    const idx = monthIndex.get(monthOf(date));
    if (idx === undefined)
      return date >= `${months[MONTHS - 1]}-01`
        ? (plan.mrr[MONTHS - 1] ?? 0) > 0 || plan.archetype === 'onboarding'
        : true;
    return (plan.mrr[idx] ?? 0) > 0 || (plan.archetype === 'onboarding' && date >= plan.signupDate);
  }

  /** A random day in the window on which the account was a paying customer. */
  function activeDay(plan: AccountPlan, fromDaysAgo: number, toDaysAgo = 1): string | null {
    for (let attempt = 0; attempt < 12; attempt++) {
      const day = addDays(asOf, -rng.int(toDaysAgo, fromDaysAgo));
      if (isActive(plan, day)) return day;
    }
    return null;
  }

  function emitAccount(plan: AccountPlan): void {
    const idx = Number(plan.id.slice(4)) - 1;
    const featured = idx < vocab.featuredAccounts.length ? FEATURED[idx] : undefined;
    const churned = plan.churnIdx !== null && plan.returnIdx === null;
    const lastMrr = plan.mrr[MONTHS - 1] ?? 0;
    const churnDate = churned ? monthEnd(months[(plan.churnIdx as number) - 1] as string) : null;
    const renewal = renewalDateOf(plan, featured);
    const seats = plan.seats;
    // Declared ARR is what the contract says; the portfolio uses revenue rows where they exist.
    const arrDeclared = (lastMrr > 0 ? lastMrr : Math.max(plan.baseMrr, ...plan.mrr)) * 12;
    add('accounts', [
      plan.id,
      plan.name,
      plan.domain,
      plan.segment,
      plan.industry,
      plan.csm,
      SEGMENT_PROFILE[plan.segment].plan,
      arrDeclared,
      seats,
      plan.contractStart,
      renewal,
      plan.term,
      churned ? 'churned' : 'active',
      churnDate,
      churned ? (featured ? 'competitor' : rng.pick(vocab.churnReasons)) : null,
      plan.seasonal,
    ]);
    plan.mrr.forEach((cents, m) => {
      if (cents > 0) add('revenue', [plan.id, `${months[m]}-01`, cents]);
    });

    // Weekly usage, ending yesterday.
    let activeSince = -1;
    for (let w = 0; w < WEEKS; w++) {
      const date = addDays(asOf, -7 * (WEEKS - 1 - w) - 1);
      if (!isActive(plan, date)) continue;
      if (activeSince < 0) activeSince = w;
      const a = adoption(plan, date, w, activeSince);
      const mau = Math.max(1, Math.round(seats * a));
      const wau = Math.round(mau * (0.55 + 0.3 * a));
      const dau = Math.round(mau * (0.08 + 0.5 * a));
      add('usage', [
        plan.id,
        date,
        dau,
        wau,
        mau,
        mau,
        Math.round(wau * 12 * a * rng.jitter(0.1)),
        Math.min(FEATURES_TOTAL, Math.round(3 + 15 * a)),
        FEATURES_TOTAL,
      ]);
    }

    const contacts = emitContacts(plan, churned);
    emitEvents(plan, contacts.championLeftAt);
    emitTickets(plan);
    emitTouchpoints(plan, churnDate);
    emitGoals(plan);
    emitInvoices(plan);
    emitFeedback(plan, contacts.names);
  }

  function emitContacts(
    plan: AccountPlan,
    churned: boolean,
  ): { championLeftAt: string | null; names: string[] } {
    const healthy = plan.health
      ? (healthOn(plan, addDays(asOf, -1)) ?? 0) > 0.5
      : plan.archetype === 'grower' || plan.archetype === 'stable';
    // Nobody at a customer that left was engaged after it left.
    const lastDay = churned ? `${months[plan.churnIdx as number]}-01` : asOf;
    const engaged = () => addDays(lastDay, -(healthy ? rng.int(2, 30) : rng.int(45, 160)));
    const roles: string[] = [];
    const hasChampion = idxOf(plan) < FEATURED.length || !(rng.chance(0.08) && plan.archetype !== 'grower');
    if (hasChampion) roles.push('champion');
    const sponsorChance = { enterprise: 0.85, 'mid-market': 0.6, smb: 0.2, 'self-serve': 0 }[plan.segment];
    if (rng.chance(sponsorChance) || (idxOf(plan) < 4 && plan.segment !== 'self-serve'))
      roles.push('exec_sponsor');
    if (plan.segment === 'enterprise' || plan.segment === 'mid-market') roles.push('technical_lead');
    roles.push('admin');
    const users = plan.segment === 'enterprise' ? rng.int(2, 4) : rng.int(0, 2);
    for (let k = 0; k < users; k++) roles.push('user');
    let championLeftAt: string | null = null;
    const departs = plan.health
      ? plan.championLeftIdx !== null
      : idxOf(plan) === 1 ||
        (idxOf(plan) >= FEATURED.length &&
          rng.chance(plan.archetype === 'at_risk' ? 0.45 : churned ? 0.5 : 0.04));
    const names: string[] = [];
    for (const role of roles) {
      const name = person();
      names.push(name);
      let leftAt: string | null = null;
      if (role === 'champion' && departs) {
        leftAt =
          idxOf(plan) === 1
            ? addDays(asOf, -21)
            : plan.championLeftIdx !== null
              ? ([
                  `${months[plan.championLeftIdx]}-${pad(rng.int(1, 28), 2)}`,
                  addDays(asOf, -2),
                ].sort()[0] as string)
              : churned
                ? addDays(`${months[plan.churnIdx as number]}-01`, -rng.int(30, 80))
                : addDays(asOf, -rng.int(10, 120));
        championLeftAt = leftAt;
      }
      add('contacts', [
        nextId('CON'),
        plan.id,
        name,
        rng.pick(vocab.titles[role as keyof typeof vocab.titles] ?? ['Manager']),
        `${name.toLowerCase().replace(' ', '.')}@${plan.domain}`,
        role,
        leftAt ? addDays(leftAt, -rng.int(5, 40)) : engaged(),
        leftAt,
      ]);
    }
    return { championLeftAt, names };
  }

  function idxOf(plan: AccountPlan): number {
    return Number(plan.id.slice(4)) - 1;
  }

  function event(plan: AccountPlan, date: string, type: string) {
    if (date > asOf) return;
    add('events', [nextId('EVT'), plan.id, ts(date, rng.int(8, 18)), type, vocab.eventDetails[type] ?? null]);
  }

  function emitEvents(plan: AccountPlan, championLeftAt: string | null): void {
    if (championLeftAt) event(plan, championLeftAt, 'champion_left');
    const risk = ['competitor_eval', 'data_export', 'billing_page_visit', 'seats_removed'];
    const signals = ['usage_limit_hit', 'higher_tier_request', 'new_team_interest', 'api_access_request'];
    if (plan.health) {
      // Risk signals come from weak months (often, not always), and now and then from nowhere.
      plan.health.forEach((h, m) => {
        const day = `${months[m]}-${pad(rng.int(1, 28), 2)}`;
        if (!isActive(plan, day)) return;
        if ((h < 0.42 && rng.chance(0.35)) || rng.chance(0.01)) event(plan, day, rng.pick(risk));
      });
    } else if (plan.churnIdx !== null) {
      const churnStart = `${months[plan.churnIdx]}-01`;
      for (let k = rng.int(2, 4); k > 0; k--)
        event(plan, addDays(churnStart, -rng.int(5, 90)), rng.pick(risk));
    }
    if (plan.archetype === 'at_risk' && !plan.health) {
      const n = idxOf(plan) === 1 ? 3 : rng.int(1, 3);
      for (let k = 0; k < n; k++)
        event(plan, addDays(asOf, -rng.int(3, 60)), idxOf(plan) === 1 ? (risk[k] as string) : rng.pick(risk));
    }
    for (const m of plan.contractionIdx)
      event(plan, addDays(`${months[m]}-01`, -rng.int(1, 20)), 'seats_removed');
    for (const m of plan.expansionIdx) {
      for (let k = rng.int(1, 2); k > 0; k--)
        event(plan, addDays(`${months[m]}-01`, -rng.int(10, 55)), rng.pick(signals));
    }
    if (plan.archetype === 'grower' && (idxOf(plan) === 0 || rng.chance(0.5))) {
      event(plan, addDays(asOf, -rng.int(3, 40)), idxOf(plan) === 0 ? 'usage_limit_hit' : rng.pick(signals));
      if (idxOf(plan) === 0) event(plan, addDays(asOf, -rng.int(3, 20)), 'new_team_interest');
      if (rng.chance(0.2)) event(plan, addDays(asOf, -rng.int(10, 200)), 'funding_round');
    }
    if ((plan.archetype === 'stable' || plan.archetype === 'grower') && rng.chance(0.03))
      event(plan, addDays(asOf, -rng.int(10, 300)), 'champion_promoted');
    if (plan.archetype === 'onboarding') {
      if (idxOf(plan) === 5 || rng.chance(0.4)) event(plan, addDays(plan.signupDate, 5), 'kickoff_delayed');
      if (idxOf(plan) === 5 || rng.chance(0.25))
        event(plan, addDays(plan.signupDate, rng.int(8, 20)), 'integration_failed');
    }
  }

  function emitTickets(plan: AccountPlan): void {
    const rate = SEGMENT_PROFILE[plan.segment].ticketsPerMonth;
    const subjects = vocab.ticketSubjects;
    const troubled =
      plan.archetype === 'at_risk' || plan.archetype === 'churned' || plan.archetype === 'contracting';
    for (let day = MONTHS * 30 - 20; day > 0; day -= 30) {
      const recent = day <= 90;
      // A simulated course opens more tickets in its weak months; a scripted one in its last three.
      const weak = plan.health ? (healthOn(plan, addDays(asOf, -day)) ?? 1) < 0.45 : troubled && recent;
      const n = rng.poisson(rate * (weak ? 2.2 : 1));
      for (let k = 0; k < n; k++) {
        const opened = activeDay(plan, day, Math.max(1, day - 29));
        if (opened)
          ticket(
            plan,
            opened,
            rng.weighted(subjects.map((s) => [s, s[0] === 'p1' ? 1 : s[0] === 'p2' ? 3 : 6] as const)),
          );
      }
    }
    if (idxOf(plan) === 1) {
      // The at-risk featured account: a P1 and three P2s in the last month.
      const [p1] = subjects.filter((s) => s[0] === 'p1');
      const p2s = subjects.filter((s) => s[0] === 'p2');
      if (p1) ticket(plan, addDays(asOf, -12), p1);
      p2s.slice(0, 3).forEach((s, k) => {
        ticket(plan, addDays(asOf, -4 - 3 * k), s);
      });
    }
  }

  function ticket(plan: AccountPlan, opened: string, [severity, subject]: readonly [string, string]): void {
    const age = daysBetween(opened, asOf);
    const hoursToResolve =
      { p1: rng.int(2, 24), p2: rng.int(12, 72), p3: rng.int(24, 170), p4: rng.int(48, 340) }[severity] ?? 48;
    const resolved = age * 24 > hoursToResolve && rng.chance(0.95);
    const openedAt = ts(opened, rng.int(7, 20));
    const resolvedAt = resolved
      ? new Date(Date.parse(openedAt) + hoursToResolve * 3_600_000).toISOString()
      : null;
    const happy = plan.archetype === 'grower' || plan.archetype === 'stable';
    const csat = resolved && rng.chance(0.6) ? (happy ? rng.int(4, 5) : rng.int(1, 4)) : null;
    add('tickets', [
      nextId('TCK'),
      plan.id,
      openedAt,
      severity,
      resolved ? 'resolved' : 'open',
      resolvedAt,
      csat,
      subject,
      `${subject}. Reported by the customer's team.`,
    ]);
  }

  function emitTouchpoints(plan: AccountPlan, churnDate: string | null): void {
    if (plan.segment === 'self-serve') return;
    const quiet = plan.archetype === 'at_risk' || plan.archetype === 'contracting' ? 60 : 0;
    const end = churnDate ?? addDays(asOf, -1 - quiet);
    const cadence: [string, number][] =
      plan.segment === 'enterprise'
        ? [
            ['call', 30],
            ['qbr', 91],
            ['exec_touch', 182],
          ]
        : plan.segment === 'mid-market'
          ? [
              ['call', 60],
              ['qbr', 182],
            ]
          : [['email', 91]];
    for (const [kind, every] of cadence) {
      for (
        let day = end;
        day >= plan.signupDate && day >= addDays(asOf, -Math.round(MONTHS * 30.42));
        day = addDays(day, -every)
      ) {
        const at = addDays(day, -rng.int(0, Math.min(10, every - 1)));
        if (at >= plan.signupDate && rng.chance(0.9))
          add('touchpoints', [nextId('TPT'), plan.id, ts(at, rng.int(9, 17)), kind, plan.csm, null]);
      }
    }
    if (plan.archetype === 'onboarding' && idxOf(plan) !== 5)
      add('touchpoints', [
        nextId('TPT'),
        plan.id,
        ts(addDays(plan.signupDate, 7)),
        'meeting',
        plan.csm,
        null,
      ]);
  }

  function emitGoals(plan: AccountPlan): void {
    const assisted = plan.segment === 'enterprise' || plan.segment === 'mid-market';
    const count =
      idxOf(plan) === 3
        ? 0
        : assisted
          ? rng.chance(0.8) || idxOf(plan) < FEATURED.length
            ? rng.int(2, 4)
            : 0
          : plan.segment === 'smb' && rng.chance(0.25)
            ? 1
            : 0;
    const statusFor = (): string => {
      switch (plan.archetype) {
        case 'grower':
          return rng.weighted([
            ['achieved', 6],
            ['in_progress', 4],
          ]);
        case 'stable':
          return rng.weighted([
            ['achieved', 3],
            ['in_progress', 6],
            ['not_started', 1],
          ]);
        case 'onboarding':
          return rng.weighted([
            ['not_started', 6],
            ['in_progress', 4],
          ]);
        case 'churned':
          return rng.weighted([
            ['missed', 7],
            ['in_progress', 3],
          ]);
        default:
          return rng.weighted([
            ['missed', 4],
            ['in_progress', 5],
            ['achieved', 1],
          ]);
      }
    };
    const templates = [...vocab.goalTemplates];
    for (let k = 0; k < count && templates.length > 0; k++) {
      const [objective, metric, baseline, target] = templates.splice(
        rng.int(0, templates.length - 1),
        1,
      )[0] as [string, string, number, number];
      add('goals', [
        nextId('GOL'),
        plan.id,
        objective,
        metric,
        baseline,
        target,
        addDays(asOf, rng.int(-150, 200)),
        statusFor(),
      ]);
    }
  }

  function emitInvoices(plan: AccountPlan): void {
    const failing = (plan.segment === 'smb' || plan.segment === 'self-serve') && rng.chance(0.05);
    plan.mrr.forEach((cents, m) => {
      if (cents === 0) return;
      const month = months[m] as string;
      const anniversary = Number(plan.contractStart.slice(5, 7)) === Number(month.slice(5, 7));
      if (plan.term !== 'monthly' && !anniversary && m !== 0) return;
      const due = `${month}-15`;
      const amount = plan.term === 'monthly' ? cents : cents * 12;
      const last = m === MONTHS - 1 || plan.mrr[m + 1] === 0;
      if (failing && last) {
        add('invoices', [nextId('INV'), plan.id, due, null, amount, 'failed']);
        event(plan, addDays(due, 1), 'payment_failed');
        return;
      }
      const delay = plan.lateInvoices && rng.chance(0.5) ? rng.int(20, 45) : rng.int(-5, 8);
      const paid = addDays(due, delay);
      if (paid > asOf)
        add('invoices', [nextId('INV'), plan.id, due, null, amount, due < asOf ? 'late' : 'open']);
      else add('invoices', [nextId('INV'), plan.id, due, paid, amount, 'paid']);
    });
  }

  function emitFeedback(plan: AccountPlan, people: string[]): void {
    const [min, max] = SEGMENT_PROFILE[plan.segment].feedback;
    const troubled =
      plan.archetype === 'at_risk' || plan.archetype === 'churned' || plan.archetype === 'contracting';
    const themes = Object.keys(vocab.feedback);
    const weightOf = (theme: string) =>
      theme === 'churn_intent'
        ? troubled
          ? 4
          : 0
        : theme === 'praise'
          ? troubled
            ? 0.5
            : 4
          : theme === 'feature_request'
            ? 5
            : 2;
    const n = rng.int(min, max) + (idxOf(plan) < FEATURED.length ? 2 : 0);
    for (let k = 0; k < n; k++) {
      const day = activeDay(plan, 540);
      if (!day) continue;
      const theme = rng.weighted(themes.map((t) => [t, weightOf(t)] as const));
      const cluster = rng.pick(vocab.feedback[theme] ?? []);
      const text = rng.pick(cluster.slice(1));
      const source = rng.weighted<string>([
        ['nps', 25],
        ['csat', 15],
        ['survey', 10],
        ['ticket', 15],
        ['in_app', 15],
        ['call_note', 15],
        ['slack', 5],
      ]);
      const score =
        source === 'nps'
          ? troubled
            ? rng.int(0, 6)
            : plan.archetype === 'grower'
              ? rng.int(8, 10)
              : rng.int(6, 9)
          : source === 'csat'
            ? troubled
              ? rng.int(1, 3)
              : rng.int(3, 5)
            : null;
      add('feedback', [
        nextId('FB'),
        plan.id,
        source,
        ts(day, rng.int(8, 19)),
        score,
        text,
        rng.pick(people.length > 0 ? people : ['Customer']),
        { demo_theme: theme, demo_cluster: cluster[0] },
      ]);
    }
  }
}
