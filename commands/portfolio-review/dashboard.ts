import { z } from 'zod';
import { addDays } from '../../core/calendar.ts';
import { centsToAmount } from '../../core/money.ts';
import { contactFactsFor } from '../../facts/contacts.ts';
import { csatRatings, npsScores, onboardingFacts, qbrsHeld } from '../../facts/customer-voice.ts';
import { churnedBetween, expansionSignals, healthPointsOn } from '../../facts/portfolio.ts';
import { churnRiskConfig } from '../../knowledge/churn-risk-config.ts';
import { feedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import { metricsSettings } from '../../knowledge/metrics-settings.ts';
import { onboardingPlaybook } from '../../knowledge/onboarding-playbook.ts';
import { threadingRule } from '../../knowledge/threading-rule.ts';
import { expansionPipeline } from '../../tools/expansion/expansion-pipeline.ts';
import { npsOf } from '../../tools/feedback/nps.ts';
import { accountMovements, monthlyMovements } from '../../tools/metrics/movements.ts';
import { ratio, ratioInUnits } from '../../tools/metrics/ratio.ts';
import { trailingRetention } from '../../tools/metrics/trailing-retention.ts';
import { annualised } from '../../tools/portfolio/account-arr.ts';
import { rankChurnReasons } from '../../tools/portfolio/churn-reasons.ts';
import { csmConcentration } from '../../tools/portfolio/csm-concentration.ts';
import { csatOf } from '../../tools/portfolio/customer-voice.ts';
import { onboardingBlock } from '../../tools/portfolio/onboarding-block.ts';
import type { PortfolioAccount } from '../../tools/portfolio/portfolio-summary.ts';
import { type TierPoint, tierMovers } from '../../tools/portfolio/tier-movers.ts';
import { THREADING_LEVELS, threadingOf } from '../../tools/relationship/threading.ts';
import type { BookScope } from '../book-scope.ts';
import { compose } from '../compose.ts';
import type { CommandContext } from '../context.ts';
import { loadRevenueWindow } from '../revenue-grid.ts';

/**
 * The weekly-dashboard sections of the portfolio review beyond totals and renewals: retention,
 * expansion, engagement, movers, CSM at-risk concentration and the monthly review questions,
 * each computed from the store for the same book and as-of day.
 */
const RatioShape = z.object({ num: z.number(), den: z.number(), value: z.number().nullable() });

export const DashboardSections = z.object({
  retention: z.object({
    month: z.string().nullable(),
    gross_retention: RatioShape.nullable(),
    net_retention: RatioShape.nullable(),
    logo_retention: RatioShape.nullable(),
    arr_churned_mtd: z.number(),
    arr_contracted_mtd: z.number(),
  }),
  expansion: z.object({ arr_expanded_mtd: z.number(), expansion_rate: RatioShape.nullable() }),
  engagement: z.object({
    avg_health_score: z.number().nullable(),
    scored_accounts: z.number().int(),
    health_score_trend: z
      .object({ current: z.number(), week_ago: z.number(), change: z.number() })
      .nullable(),
    missing: z.string().nullable(),
  }),
  movers: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      from: z.string(),
      to: z.string(),
      direction: z.enum(['up', 'down']),
      score_change: z.number(),
      why: z.array(z.string()),
    }),
  ),
  csm_at_risk: z.array(
    z.object({
      csm: z.string(),
      accounts: z.number().int(),
      arr: z.number(),
      at_risk_accounts: z.number().int(),
      at_risk_arr: z.number(),
      at_risk_arr_share: RatioShape,
    }),
  ),
  /** The renewal forecast of the current quarter in one line (renewal_forecast, through the router). */
  renewal_forecast: z
    .object({
      period: z.string(),
      due_accounts: z.number().int(),
      due_arr: z.number(),
      expected: z.number().nullable(),
      p10: z.number().nullable(),
      p50: z.number().nullable(),
      p90: z.number().nullable(),
      withheld: z.string().nullable(),
    })
    .nullable(),
  review_questions: z.object({
    moved_down: z.array(
      z.object({
        account_id: z.string(),
        name: z.string(),
        from: z.string(),
        to: z.string(),
        why: z.array(z.string()),
      }),
    ),
    churn_reasons_90d: z.array(z.object({ reason: z.string(), accounts: z.number().int(), arr: z.number() })),
    top_churn_reason: z
      .object({ reason: z.string(), accounts: z.number().int(), arr: z.number() })
      .nullable(),
    top_accounts_threading: z.array(
      z.object({
        account_id: z.string(),
        name: z.string(),
        arr: z.number(),
        engaged_contacts: z.number().int(),
        has_champion: z.boolean(),
        has_exec_sponsor: z.boolean(),
        /** The one threading rule (knowledge/relationship/threading.json): no_contacts, no_champion, single_threaded, multi_threaded. */
        threading: z.enum(THREADING_LEVELS),
        /** A champion alone: the level single_threaded. */
        single_threaded: z.boolean(),
        multi_threaded: z.boolean(),
        detail: z.string(),
      }),
    ),
    expansion_pipeline: z.object({
      accounts: z.number().int(),
      arr: z.number(),
      top: z.array(
        z.object({
          account_id: z.string(),
          name: z.string(),
          arr: z.number(),
          signals: z.array(z.string()),
          last_signal_at: z.string(),
        }),
      ),
    }),
  }),
});
export type DashboardSections = z.infer<typeof DashboardSections>;

/** The playbook's weekly-dashboard fields on the customer side: NPS, CSAT, QBRs, onboarding. */
export const CustomerDashboard = z.object({
  window_days: z.number().int(),
  nps: z
    .object({
      responses: z.number().int(),
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      score: z.number(),
    })
    .nullable(),
  csat: z.object({ responses: z.number().int(), average: z.number() }).nullable(),
  qbrs_this_quarter: z.object({
    quarter_start: z.string(),
    qbrs: z.number().int(),
    accounts: z.number().int(),
  }),
  onboarding: z.object({
    active: z.number().int(),
    avg_ttfv_days: z.number().nullable(),
    avg_target_days: z.number().nullable(),
    on_target: z.number().int(),
    reached_value: z.number().int(),
    finished: z.number().int(),
    completed: z.number().int(),
    completion_rate: z.number().nullable(),
  }),
});
export type CustomerDashboard = z.infer<typeof CustomerDashboard>;

const VOICE_WINDOW_DAYS = 90;

/** NPS, CSAT, QBRs this quarter and the onboarding block for a book's active accounts on a day. */
export async function customerDashboard(
  ctx: CommandContext,
  asOf: string,
  ids: readonly string[],
): Promise<CustomerDashboard> {
  const from = addDays(asOf, -(VOICE_WINDOW_DAYS - 1));
  const month = Number(asOf.slice(5, 7));
  const quarterStart = `${asOf.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  const window = churnRiskConfig().onboarding_days;
  const targets = onboardingPlaybook().segments;
  const [nps, csat, qbrs, onboarding] = await Promise.all([
    npsScores(ctx.db, ids, from, asOf),
    csatRatings(ctx.db, ids, from, asOf),
    qbrsHeld(ctx.db, ids, quarterStart, asOf),
    onboardingFacts(ctx.db, ids, asOf, 2 * window),
  ]);
  return {
    window_days: VOICE_WINDOW_DAYS,
    nps: npsOf(nps, feedbackLoopSettings().nps),
    csat: csatOf(csat),
    qbrs_this_quarter: { quarter_start: quarterStart, ...qbrs },
    onboarding: onboardingBlock(onboarding, asOf, window, (segment) =>
      segment
        ? ((targets as Record<string, { ttfv_days: number } | undefined>)[segment]?.ttfv_days ?? null)
        : null,
    ),
  };
}

export const DASHBOARD_DEFINITIONS = {
  retention:
    'gross/net/logo retention = trailing-12 GRR, NRR and logo retention for the revenue month (METRICS.md §3); *_mtd = that month’s churn, contraction and expansion MRR × 12',
  engagement:
    'avg_health_score = mean of each active account’s latest health snapshot on or before the as-of day; trend = vs snapshots on or before 7 days earlier',
  movers:
    'accounts whose health tier changed between the snapshot on or before 7 days ago and the latest one, with the dimensions that moved most',
  csm_at_risk:
    'per CSM: active accounts, ARR, and accounts and ARR in the at-risk or critical tier (red for imported traffic-light tiers)',
  customer:
    "NPS = % promoters − % detractors of NPS responses in the last 90 days (bands: knowledge/feedback/loop.json); CSAT = mean 1–5 rating of tickets resolved and CSAT surveys in the last 90 days; QBRs = qbr touchpoints since the quarter began; onboarding: active = contract started in the last 90 days, time-to-first-value = days from contract start to the first day with core actions (target: the segment's ttfv_days in knowledge/plans/onboarding.json), completion = onboardings that ended in the 90 days before the window and reached first value within it",
  review_questions:
    'churn reasons of accounts churned in the last 90 days; threading of the 10 largest accounts by the one rule the health score uses (knowledge/relationship/threading.json): multi-threaded = a champion with an exec sponsor or 3+ engaged contacts (not left, engaged in the 90 days up to the day); expansion pipeline = accounts with expansion signals in the last 90 days',
};

const TOP_ACCOUNTS = 10;
const mean = (values: number[]) =>
  values.length === 0 ? null : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;

type BookAccount = PortfolioAccount & { arrCents: number };

/** The book's renewal forecast for the quarter, through the router as the same asker. */
async function forecastLine(
  ctx: CommandContext,
  book: BookScope,
  asOf: string,
): Promise<DashboardSections['renewal_forecast']> {
  const scope = book.csm ? { csm: book.csm } : { scope: 'team' };
  const { data } = await compose(ctx, 'renewal_forecast', {
    ...scope,
    ...(book.segment ? { segment: book.segment } : {}),
    as_of: asOf,
  });
  return {
    period: data.period.label,
    due_accounts: data.due.accounts,
    due_arr: data.due.arr,
    expected: data.expected,
    p10: data.p10,
    p50: data.p50,
    p90: data.p90,
    withheld: data.withheld,
  };
}

/** Trailing-12 retention and this month's churn, contraction and expansion, from the same book's month-end MRR. */
async function retentionAndExpansion(
  ctx: CommandContext,
  book: BookScope,
  revenueMonth: string | null,
): Promise<Pick<DashboardSections, 'retention' | 'expansion'>> {
  if (!revenueMonth)
    return {
      retention: {
        month: revenueMonth,
        gross_retention: null,
        net_retention: null,
        logo_retention: null,
        arr_churned_mtd: 0,
        arr_contracted_mtd: 0,
      },
      expansion: { arr_expanded_mtd: 0, expansion_rate: null },
    };
  // 13 months of revenue suffice.
  const { grid } = await loadRevenueWindow(ctx, book, revenueMonth, { monthsBack: 12 });
  const options = { reactivationWindowMonths: metricsSettings().reactivation_window_months };
  const movements = accountMovements(grid, options);
  const monthly = monthlyMovements(grid, options, movements);
  const month = monthly.find((m) => m.month === revenueMonth);
  const [t12] = trailingRetention(grid, options, { movements, monthly, months: [revenueMonth] });
  return {
    retention: {
      month: revenueMonth,
      gross_retention: t12 ? ratioInUnits(t12.grr) : null,
      net_retention: t12 ? ratioInUnits(t12.nrr) : null,
      logo_retention: t12 ? t12.logoRetention : null,
      arr_churned_mtd: centsToAmount(annualised(month?.churnCents ?? 0)),
      arr_contracted_mtd: centsToAmount(annualised(month?.contractionCents ?? 0)),
    },
    expansion: {
      arr_expanded_mtd: centsToAmount(annualised(month?.expansionCents ?? 0)),
      expansion_rate: t12 ? ratioInUnits(t12.expansionRate) : null,
    },
  };
}

// The average is over scored accounts only: an unscored account has no score to average.
const scoresOf = (points: Map<string, TierPoint>) =>
  [...points.values()].flatMap((p) => (p.score === null ? [] : [p.score]));

/** Health now and a week ago (latest snapshots): the average score, its trend and the tier movers. */
async function healthMovement(
  ctx: CommandContext,
  asOf: string,
  ids: string[],
  nameOf: (id: string) => string,
) {
  const [now, weekAgo] = await Promise.all([
    healthPointsOn(ctx.db, asOf, ids),
    healthPointsOn(ctx.db, addDays(asOf, -7), ids),
  ]);
  const current = mean(scoresOf(now));
  const previous = mean(scoresOf(weekAgo));
  const movers = tierMovers(weekAgo, now).map((m) => ({
    account_id: m.accountId,
    name: nameOf(m.accountId),
    from: m.from,
    to: m.to,
    direction: m.direction,
    score_change: m.scoreChange,
    why: m.why,
  }));
  const engagement: DashboardSections['engagement'] = {
    avg_health_score: current,
    scored_accounts: scoresOf(now).length,
    health_score_trend:
      current !== null && previous !== null
        ? { current, week_ago: previous, change: Math.round((current - previous) * 10) / 10 }
        : null,
    missing:
      now.size === 0
        ? 'no health snapshots stored yet, so there is no average score or tier change to show'
        : null,
  };
  return { now, movers, engagement };
}

/** Per CSM: accounts, ARR, and what of it is at risk (the latest tier, else the imported one). */
const csmAtRisk = (accounts: readonly BookAccount[], now: Map<string, TierPoint>) =>
  csmConcentration(
    accounts.map((a) => ({
      csm: a.csm,
      tier: now.get(a.accountId)?.tier ?? a.healthTier ?? null,
      arrCents: a.arrCents,
    })),
  ).map((b) => ({
    csm: b.csm,
    accounts: b.accounts,
    arr: centsToAmount(b.arrCents),
    at_risk_accounts: b.atRiskAccounts,
    at_risk_arr: centsToAmount(b.atRiskArrCents),
    at_risk_arr_share: ratioInUnits(ratio(b.atRiskArrCents, b.arrCents)),
  }));

/** Why the book's accounts churned in the 90 days to as-of, by ARR. */
async function churnReasons(ctx: CommandContext, book: BookScope, since: string, asOf: string) {
  const churned = await churnedBetween(ctx.db, since, asOf, {
    ...(book.segment ? { segment: book.segment } : {}),
    ...(book.keys ? { csm: book.keys } : {}),
  });
  return rankChurnReasons(churned.map((c) => ({ reason: c.churn_reason, arrCents: c.arr_cents ?? 0 }))).map(
    (r) => ({
      reason: r.reason,
      accounts: r.accounts,
      arr: centsToAmount(r.arrCents),
    }),
  );
}

/** How the largest accounts are threaded, by the rule the health score uses. */
async function topThreading(
  ctx: CommandContext,
  accounts: readonly BookAccount[],
  asOf: string,
  nameOf: (id: string) => string,
) {
  const top = [...accounts].sort((x, y) => y.arrCents - x.arrCents).slice(0, TOP_ACCOUNTS);
  const rule = threadingRule();
  const contacts = await contactFactsFor(
    ctx.db,
    top.map((a) => a.accountId),
  );
  return top.map((a) => {
    const t = threadingOf(
      contacts.filter((c) => c.account_id === a.accountId),
      asOf,
      rule,
    );
    return {
      account_id: a.accountId,
      name: nameOf(a.accountId),
      arr: centsToAmount(a.arrCents),
      engaged_contacts: t.engaged,
      has_champion: t.champion,
      has_exec_sponsor: t.execSponsor,
      threading: t.level,
      single_threaded: t.level === 'single_threaded',
      multi_threaded: t.level === 'multi_threaded',
      detail: t.detail,
    };
  });
}

/** Accounts with expansion signals in the window, largest first. */
async function pipelineOf(
  ctx: CommandContext,
  accounts: readonly BookAccount[],
  since: string,
  asOf: string,
  nameOf: (id: string) => string,
) {
  const signals = await expansionSignals(
    ctx.db,
    accounts.map((a) => a.accountId),
    since,
    asOf,
  );
  const pipeline = expansionPipeline(
    new Map(accounts.map((a) => [a.accountId, { arrCents: a.arrCents }])),
    signals.map((s) => ({ accountId: s.account_id, type: s.type, count: s.count, lastAt: s.last_at })),
  );
  return {
    accounts: pipeline.length,
    arr: centsToAmount(pipeline.reduce((s, c) => s + c.arrCents, 0)),
    top: pipeline.slice(0, TOP_ACCOUNTS).map((c) => ({
      account_id: c.accountId,
      name: nameOf(c.accountId),
      arr: centsToAmount(c.arrCents),
      signals: c.signals,
      last_signal_at: c.lastSignalAt,
    })),
  };
}

/** The weekly dashboard's sections for a book: retention, health movement, CSM risk, review questions. */
export async function dashboardSections(
  ctx: CommandContext,
  asOf: string,
  revenueMonth: string | null,
  book: BookScope,
  accounts: readonly BookAccount[],
): Promise<DashboardSections & { tiers: Map<string, string> }> {
  const names = new Map(accounts.map((a) => [a.accountId, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const since = addDays(asOf, -90);
  const [{ retention, expansion }, { now, movers, engagement }, reasons, threading, pipeline, forecast] =
    await Promise.all([
      retentionAndExpansion(ctx, book, revenueMonth),
      healthMovement(
        ctx,
        asOf,
        accounts.map((a) => a.accountId),
        nameOf,
      ),
      churnReasons(ctx, book, since, asOf),
      topThreading(ctx, accounts, asOf, nameOf),
      pipelineOf(ctx, accounts, since, asOf, nameOf),
      forecastLine(ctx, book, asOf),
    ]);
  return {
    tiers: new Map([...now].map(([id, p]) => [id, p.tier])),
    retention,
    expansion,
    engagement,
    movers,
    csm_at_risk: csmAtRisk(accounts, now),
    renewal_forecast: forecast,
    review_questions: {
      moved_down: movers
        .filter((m) => m.direction === 'down')
        .map(({ account_id, name, from, to, why }) => ({ account_id, name, from, to, why })),
      churn_reasons_90d: reasons,
      top_churn_reason: reasons[0] ?? null,
      top_accounts_threading: threading,
      expansion_pipeline: pipeline,
    },
  };
}
