import { addDays, daysBetween, monthOf } from '../../core/calendar.ts';
import { type DemoContext, pad, slug } from './context.ts';

export type Segment = 'enterprise' | 'mid-market' | 'smb' | 'self-serve';
export type Archetype =
  | 'grower'
  | 'stable'
  | 'contracting'
  | 'churned'
  | 'at_risk'
  | 'reactivated'
  | 'onboarding';

export const FEATURES_TOTAL = 20;

export const SEGMENT_PROFILE: Record<
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
export interface Featured {
  segment: Segment;
  archetype: Archetype;
  term: 'monthly' | 'annual' | 'multi-year';
  renewalInDays?: number;
  industry?: string;
  seasonal?: number[];
}
export const FEATURED: Featured[] = [
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

export interface AccountPlan {
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

type Term = AccountPlan['term'];

/** Who the account is: segment, archetype, contract term, industry and seasonal months. */
function profileOf(ctx: DemoContext, featured: Featured | undefined) {
  const { rng, vocab } = ctx;
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
  const term: Term =
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
  return { segment, archetype, term, industry, seasonal };
}

/** When the customer started paying: before the window (left-censored), in it, or just now. */
function signupOf(ctx: DemoContext, archetype: Archetype, featured: Featured | undefined) {
  const { rng, asOf, MONTHS, months, monthIndex } = ctx;
  if (archetype === 'onboarding') {
    const signupDate = addDays(asOf, -(featured ? 36 : rng.int(10, 85)));
    return { signupDate, signupIdx: monthIndex.get(monthOf(signupDate)) ?? MONTHS };
  }
  if (rng.chance(0.45) || archetype === 'reactivated' || featured)
    return { signupIdx: -1, signupDate: addDays(`${months[0]}-01`, -rng.int(30, 1_100)) };
  const signupIdx = rng.int(1, archetype === 'churned' ? MONTHS - 10 : MONTHS - 4);
  return { signupIdx, signupDate: `${months[signupIdx]}-${pad(rng.int(1, 28), 2)}` };
}

/** The months MRR moves in: from the simulated course, or fixed by the archetype's story. */
function movesOf(ctx: DemoContext, archetype: Archetype, featured: Featured | undefined, signupIdx: number) {
  const { rng, MONTHS } = ctx;
  const startIdx = Math.max(0, signupIdx);
  let churnIdx: number | null = null;
  let returnIdx: number | null = null;
  const expansionIdx: number[] = [];
  const contractionIdx: number[] = [];
  const simulated = !featured && CAUSAL_ARCHETYPES.has(archetype) && signupIdx < MONTHS;
  const course = simulated ? simulateCourse(ctx, archetype, startIdx) : null;
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
  return { startIdx, churnIdx, returnIdx, expansionIdx, contractionIdx, course };
}

/** Month-end MRR per window month (cents), moved by expansions, contractions, churn and a return. */
function mrrSeries(
  ctx: DemoContext,
  baseMrr: number,
  signupIdx: number,
  moves: ReturnType<typeof movesOf>,
): number[] {
  const { rng, MONTHS } = ctx;
  const { startIdx, churnIdx, returnIdx, expansionIdx, contractionIdx } = moves;
  const mrr = new Array<number>(MONTHS).fill(0);
  let current = baseMrr;
  for (let m = startIdx; m < MONTHS && signupIdx < MONTHS; m++) {
    if (expansionIdx.includes(m)) current = Math.round((current * rng.between(1.15, 1.6)) / 100) * 100;
    if (contractionIdx.includes(m)) current = Math.round((current * rng.between(0.6, 0.9)) / 100) * 100;
    const gone = churnIdx !== null && m >= churnIdx && (returnIdx === null || m < returnIdx);
    if (returnIdx !== null && m === returnIdx)
      current = Math.round((current * rng.between(0.6, 1)) / 100) * 100;
    mrr[m] = gone ? 0 : current;
  }
  return mrr;
}

/** One account's plan: who it is, when it signed up, and its MRR course (the rows follow from it). */
export function planAccount(
  ctx: DemoContext,
  i: number,
  team: { csms: readonly string[]; accountName: (i: number) => string },
): AccountPlan {
  const { rng, vocab } = ctx;
  const featured = i < vocab.featuredAccounts.length ? FEATURED[i] : undefined;
  const name = team.accountName(i);
  const { segment, archetype, term, industry, seasonal } = profileOf(ctx, featured);
  const profile = SEGMENT_PROFILE[segment];
  const { signupIdx, signupDate } = signupOf(ctx, archetype, featured);
  const baseMrr = Math.round(rng.between(profile.mrr[0], profile.mrr[1])) * 100;
  const moves = movesOf(ctx, archetype, featured, signupIdx);
  const mrr = mrrSeries(ctx, baseMrr, signupIdx, moves);
  return {
    id: `ACC-${pad(i + 1, 5)}`,
    name,
    domain: `${slug(name)}.example`,
    segment,
    industry,
    csm: segment === 'self-serve' ? null : (team.csms[i % team.csms.length] as string),
    archetype,
    term,
    signupDate,
    contractStart: signupDate,
    seasonal,
    seats: rng.int(profile.seats[0], profile.seats[1]),
    mrr,
    churnIdx: moves.churnIdx,
    returnIdx: moves.returnIdx,
    expansionIdx: [...new Set(moves.expansionIdx)].sort((a, b) => a - b),
    contractionIdx: [...new Set(moves.contractionIdx)].sort((a, b) => a - b),
    lateInvoices: rng.chance(archetype === 'at_risk' || archetype === 'contracting' ? 0.25 : 0.05),
    baseMrr,
    health: moves.course?.health ?? null,
    championLeftIdx: moves.course?.championLeftIdx ?? null,
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
export function simulateCourse(ctx: DemoContext, archetype: Archetype, startIdx: number) {
  const { rng, MONTHS } = ctx;
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
export function healthOn(ctx: DemoContext, plan: AccountPlan, date: string): number | null {
  const { monthIndex } = ctx;
  const idx = monthIndex.get(monthOf(date));
  return plan.health && idx !== undefined ? (plan.health[idx] ?? null) : null;
}

export function renewalDateOf(
  ctx: DemoContext,
  plan: AccountPlan,
  featured: Featured | undefined,
): string | null {
  const { asOf, months } = ctx;
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
export function adoption(
  ctx: DemoContext,
  plan: AccountPlan,
  week: string,
  weekIdx: number,
  activeSince: number,
): number {
  const { rng, asOf, WEEKS, months } = ctx;
  const progress = Math.min(1, (weekIdx - activeSince) / Math.max(1, WEEKS - activeSince));
  const weeksLeft = WEEKS - 1 - weekIdx;
  const simulated = healthOn(ctx, plan, week);
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

export function isActive(ctx: DemoContext, plan: AccountPlan, date: string): boolean {
  const { MONTHS, months, monthIndex } = ctx;
  if (date < plan.signupDate) return false;
  const idx = monthIndex.get(monthOf(date));
  if (idx === undefined)
    return date >= `${months[MONTHS - 1]}-01`
      ? (plan.mrr[MONTHS - 1] ?? 0) > 0 || plan.archetype === 'onboarding'
      : true;
  return (plan.mrr[idx] ?? 0) > 0 || (plan.archetype === 'onboarding' && date >= plan.signupDate);
}

/** A random day in the window on which the account was a paying customer. */
export function activeDay(
  ctx: DemoContext,
  plan: AccountPlan,
  fromDaysAgo: number,
  toDaysAgo = 1,
): string | null {
  const { rng, asOf } = ctx;
  for (let attempt = 0; attempt < 12; attempt++) {
    const day = addDays(asOf, -rng.int(toDaysAgo, fromDaysAgo));
    if (isActive(ctx, plan, day)) return day;
  }
  return null;
}

/** The account's position in the portfolio (0-based): the first ones are the scripted accounts. */
export function idxOf(plan: AccountPlan): number {
  return Number(plan.id.slice(4)) - 1;
}
