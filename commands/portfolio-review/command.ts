import { z } from 'zod';
import { centsToAmount } from '../../core/money.ts';
import { engagementByAccount, engagementDefinition } from '../../facts/engagement.ts';
import { portfolioOn } from '../../facts/portfolio.ts';
import { bookVoice } from '../../facts/signals.ts';
import { ENGAGEMENT_LEVELS, engagementLevels } from '../../knowledge/engagement-levels.ts';
import { feedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import { metricsSettings } from '../../knowledge/metrics-settings.ts';
import { compareText } from '../../tools/compare-text.ts';
import { npsBandsInWords } from '../../tools/feedback/nps.ts';
import type { EngagementLevel } from '../../tools/health/engagement-level.ts';
import { healthDistribution } from '../../tools/metrics/health-distribution.ts';
import { renewalPipeline } from '../../tools/metrics/renewal-pipeline.ts';
import { ARR_DEFINITION } from '../../tools/portfolio/account-arr.ts';
import { RENEWAL_WINDOW_DEFINITION, type RenewalWindow } from '../../tools/portfolio/renewal-windows.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { BookScopeData, BookScopeFields, bookFilter, bookScopeData, resolveBook } from '../book-scope.ts';
import { HEALTH_DISTRIBUTION_DEFINITION, RENEWAL_PIPELINE_DEFINITION } from '../metric-definitions.ts';
import { distributionShape, pipelineShape } from '../metrics-shapes.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import {
  CustomerDashboard,
  customerDashboard,
  DASHBOARD_DEFINITIONS,
  DashboardSections,
  dashboardSections,
} from './dashboard.ts';
import { renderPortfolioReview } from './render.ts';

export const PortfolioReviewArgs = z
  .object({
    as_of: AsOfArg,
    ...BookScopeFields,
  })
  .strict();
export type PortfolioReviewArgs = z.infer<typeof PortfolioReviewArgs>;

const Money = z.number().describe('currency major units (e.g. dollars), exact to the cent');
const Window = z.object({
  count: z.number().int(),
  arr: Money,
  at_risk: z.number().int(),
  /** Renewals in the window not at risk (at-risk or critical tier). */
  on_track: z.number().int(),
});

/** Who raised a risk in their own words this week, and each CSM's response SLA in customer channels. */
export const CustomerVoiceSection = z.object({
  days: z.number().int(),
  accounts: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      csm: z.string().nullable(),
      kinds: z.array(z.string()),
      quote: z.string(),
      at: z.string(),
    }),
  ),
  response_sla: z.array(
    z.object({
      csm: z.string(),
      questions: z.number().int(),
      within_sla: z.number().int(),
      late: z.number().int(),
      open_past_sla: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
});

/** The customer-voice section looks at this week. */
const VOICE_DAYS = 7;

export const PortfolioReviewData = DashboardSections.extend({
  as_of: z.string(),
  customer_voice: CustomerVoiceSection,
  /** NPS, CSAT, QBRs this quarter and the onboarding block (the playbook's weekly dashboard). */
  customer: CustomerDashboard,
  /** The month whose month-end MRR the ARR figures use. */
  revenue_month: z.string().nullable(),
  scope: BookScopeData,
  portfolio: z.object({
    total_accounts: z.number().int(),
    total_arr: Money,
    by_segment: z.array(z.object({ segment: z.string(), accounts: z.number().int(), arr: Money })),
    arr_source: z.object({ revenue: z.number().int(), declared: z.number().int(), none: z.number().int() }),
    /** Active accounts by health tier (latest snapshot, else imported tier, else unknown), ARR as above. */
    health_distribution: z.record(z.string(), z.object({ count: z.number().int(), arr: Money })),
  }),
  /** Active accounts by engagement level (knowledge/health/engagement-levels.json), with each level's odds and action. */
  engagement_levels: z.object({
    version: z.string(),
    levels: z.array(
      z.object({
        level: z.enum(ENGAGEMENT_LEVELS),
        label: z.string(),
        accounts: z.number().int(),
        arr: Money,
        renewal_odds: z.string(),
        action: z.string(),
      }),
    ),
    /** Active accounts with no usage on record. */
    no_usage: z.number().int(),
  }),
  /** METRICS.md §6, in the worked example's shape: accounts paying in the revenue month. */
  renewal_pipeline: z.record(z.string(), z.unknown()),
  /** METRICS.md §7: accounts paying in the revenue month by health tier. */
  health_distribution: z.object({
    active_accounts: z.number().int(),
    total_arr: Money,
    tiers: z.record(z.string(), z.unknown()),
  }),
  renewals: z.object({
    upcoming_30d: Window,
    upcoming_60d: Window,
    upcoming_90d: Window,
    overdue: Window,
    next_90d: z.array(
      z.object({
        account_id: z.string(),
        name: z.string(),
        renewal_date: z.string(),
        days_to_renewal: z.number().int(),
        arr: Money,
        csm: z.string().nullable(),
      }),
    ),
  }),
});
export type PortfolioReviewData = z.infer<typeof PortfolioReviewData>;

/** Count and ARR per health tier over the active accounts. */
function tierTotals(
  accounts: readonly { accountId: string; arrCents: number; healthTier?: string | null }[],
  snapshotTier: (id: string) => string | null,
) {
  const totals: Record<string, { count: number; arrCents: number }> = {};
  for (const a of accounts) {
    const tier = snapshotTier(a.accountId) ?? a.healthTier ?? 'unknown';
    const t = totals[tier] ?? { count: 0, arrCents: 0 };
    t.count++;
    t.arrCents += a.arrCents;
    totals[tier] = t;
  }
  return Object.fromEntries(
    Object.entries(totals)
      .sort(([a], [b]) => compareText(a, b))
      .map(([tier, t]) => [tier, { count: t.count, arr: centsToAmount(t.arrCents) }]),
  );
}

/** Accounts and ARR per engagement level, in the levels' order, ghosts last; accounts without usage counted apart. */
function engagementLevelsShape(
  accounts: readonly { accountId: string; arrCents: number }[],
  levels: ReadonlyMap<string, EngagementLevel | null>,
): PortfolioReviewData['engagement_levels'] {
  const config = engagementLevels();
  const rows = [...config.levels, config.ghost].map((l) => ({
    level: l.level,
    label: l.label,
    accounts: 0,
    arrCents: 0,
    renewal_odds: l.renewal_odds,
    action: l.action,
  }));
  let noUsage = 0;
  for (const a of accounts) {
    const level = levels.get(a.accountId);
    const row = level ? rows.find((r) => r.level === level.level) : undefined;
    if (!row) {
      noUsage++;
      continue;
    }
    row.accounts++;
    row.arrCents += a.arrCents;
  }
  return {
    version: config.version,
    levels: rows.map(({ arrCents, ...r }) => ({ ...r, arr: centsToAmount(arrCents) })),
    no_usage: noUsage,
  };
}

const window = (w: RenewalWindow) => ({
  count: w.count,
  arr: centsToAmount(w.arrCents),
  at_risk: w.atRisk,
  on_track: w.count - w.atRisk,
});

export const portfolioReview = defineCommand({
  intent: 'portfolio_review',
  title: 'Portfolio review',
  summary:
    'Accounts and ARR in a book or the whole portfolio, by segment, with renewals due in 30/60/90 days',
  examples: ['portfolio review', 'portfolio review for enterprise', 'how is my book doing?'],
  triggers: {
    kind: 'book',
    exact: [
      /^(?:cs dashboard|weekly metrics|weekly dashboard|(?:show me )?the weekly dashboard)$/,
      /^(?:portfolio|portfolio review|portfolio overview|book review|my book|my accounts|my portfolio|book of business)$/,
    ],
    patterns: strong(
      /\b(?:cs|weekly) (?:dashboard|metrics)\b/,
      /\baccounts? overview\b/,
      /\bportfolio\b/,
      /\bbook of business\b/,
      /\b(?:my|our|the|team s|whole|entire|all) (?:book|accounts|customers|clients)\b/,
      /\b(?:which|what|any|how many) (?:of (?:my|our) )?(?:accounts|customers|clients)\b/,
      /\bbook (?:review|overview|summary|health)\b/,
      /\bupcoming renewals\b/,
      /\brenewals\b/,
      /\brenewal (?:pipeline|calendar)\b/,
      /\b(?:at risk|critical|thriving|healthy) (?:accounts|customers|logos)\b/,
      /\b(?:accounts|customers) (?:at risk|renewing)\b/,
      /\bhow is my book\b/,
      /\bengagement (?:levels|breakdown|distribution|mix)\b/,
      /\b(?:ghost|dormant|casual|power user|regular) (?:accounts|customers|logos)\b/,
      /\b(?:accounts|customers) (?:are|is) (?:power users|dormant|ghosts?)\b/,
    ),
  },
  render: renderPortfolioReview,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: PortfolioReviewArgs,
  result: PortfolioReviewData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const book = await resolveBook(ctx, args);
    const { summary, ...facts } = await portfolioOn(ctx.db, asOf, bookFilter(book));
    const paying = facts.rows.map((a) => ({
      accountId: a.account_id,
      contractTerm: a.contract_term,
      renewalDate: a.renewal_date,
      tier: a.health_tier,
      mrrCents: a.mrr_cents ?? 0,
    }));
    const settings = metricsSettings();
    const sections = await dashboardSections(ctx, asOf, facts.revenueMonth, book, summary.accounts);
    const [engagement, voice] = await Promise.all([
      engagementByAccount(ctx, asOf, bookFilter(book)),
      bookVoice(ctx.db, summary.accounts, asOf, ctx.now, VOICE_DAYS),
    ]);
    const { tiers: _tiers, ...dashboard } = sections;
    const data: PortfolioReviewData = {
      ...dashboard,
      customer: await customerDashboard(
        ctx,
        asOf,
        summary.accounts.map((a) => a.accountId),
      ),
      as_of: asOf,
      customer_voice: { days: VOICE_DAYS, ...voice },
      revenue_month: facts.revenueMonth,
      scope: bookScopeData(book),
      portfolio: {
        total_accounts: summary.totalAccounts,
        total_arr: centsToAmount(summary.totalArrCents),
        by_segment: summary.bySegment.map((s) => ({
          segment: s.segment,
          accounts: s.accounts,
          arr: centsToAmount(s.arrCents),
        })),
        arr_source: summary.arrSources,
        health_distribution: tierTotals(summary.accounts, (id) => sections.tiers.get(id) ?? null),
      },
      engagement_levels: engagementLevelsShape(summary.accounts, engagement),
      renewal_pipeline: pipelineShape(
        renewalPipeline(paying, asOf, { includeMonthly: settings.include_monthly_renewals }),
      ),
      health_distribution: distributionShape(healthDistribution(paying)),
      renewals: {
        upcoming_30d: window(summary.renewals.upcoming_30d),
        upcoming_60d: window(summary.renewals.upcoming_60d),
        upcoming_90d: window(summary.renewals.upcoming_90d),
        overdue: window(summary.renewals.overdue),
        next_90d: summary.nextRenewals.map((r) => ({
          account_id: r.accountId,
          name: r.name,
          renewal_date: r.renewalDate,
          days_to_renewal: r.daysToRenewal,
          arr: centsToAmount(r.arrCents),
          csm: r.csm,
        })),
      },
    };
    return {
      data,
      asOf,
      definitions: {
        total_accounts: 'accounts with status active (in the scope shown)',
        arr: ARR_DEFINITION,
        renewals: RENEWAL_WINDOW_DEFINITION,
        renewal_pipeline: RENEWAL_PIPELINE_DEFINITION,
        health_distribution: HEALTH_DISTRIBUTION_DEFINITION,
        engagement_levels: engagementDefinition(),
        ...DASHBOARD_DEFINITIONS,
        customer_voice: `accounts whose customers raised churn intent, a competitor, budget or a champion leaving in the last ${VOICE_DAYS} days (their words or our call notes); response SLA = questions in customer channels answered within the segment's hours (knowledge/signals/signals.json), a question still open counting once its SLA has passed`,
        nps: `NPS = % promoters − % detractors; ${npsBandsInWords(feedbackLoopSettings().nps)}`,
      },
    };
  },
});
