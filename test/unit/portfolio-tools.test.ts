import { describe, expect, it } from 'vitest';
import { renderPortfolioReview } from '../../commands/portfolio-review/render.ts';
import { formatTable } from '../../render/table.ts';
import { accountArr } from '../../tools/portfolio/account-arr.ts';
import { portfolioSummary } from '../../tools/portfolio/portfolio-summary.ts';
import { renewalWindows } from '../../tools/portfolio/renewal-windows.ts';

describe('account ARR', () => {
  it('uses 12 × reporting-month MRR when revenue exists, a missing month as 0, else the declared ARR', () => {
    expect(accountArr({ mrrCents: 100_00, hasRevenue: true, declaredArrCents: 5 })).toEqual({
      arrCents: 1_200_00,
      source: 'revenue',
    });
    expect(accountArr({ mrrCents: null, hasRevenue: true, declaredArrCents: 5 })).toEqual({
      arrCents: 0,
      source: 'revenue',
    });
    expect(accountArr({ mrrCents: null, hasRevenue: false, declaredArrCents: 5 })).toEqual({
      arrCents: 5,
      source: 'declared',
    });
    expect(accountArr({ mrrCents: null, hasRevenue: false, declaredArrCents: null })).toEqual({
      arrCents: 0,
      source: 'none',
    });
  });
});

describe('renewal windows', () => {
  it('counts 0–N days cumulatively, overdue apart, monthly and undated excluded', () => {
    const c = (renewalDate: string | null, contractTerm = 'annual', arrCents = 1) => ({
      renewalDate,
      contractTerm,
      arrCents,
    });
    const w = renewalWindows(
      [
        c('2026-01-01'),
        c('2026-01-31', 'annual', 10),
        c('2026-02-01', 'annual', 100),
        c('2026-04-01', 'annual', 1000),
        c('2026-04-02'),
        c('2025-12-31', 'annual', 7),
        c('2026-01-05', 'monthly'),
        c(null),
      ],
      '2026-01-01',
    );
    expect(w).toEqual({
      upcoming_30d: { count: 2, arrCents: 11, atRisk: 0 },
      upcoming_60d: { count: 3, arrCents: 111, atRisk: 0 },
      upcoming_90d: { count: 4, arrCents: 1111, atRisk: 0 },
      overdue: { count: 1, arrCents: 7, atRisk: 0 },
    });
  });
});

describe('portfolio summary and its rendering', () => {
  const account = (id: string, segment: string | null, renewalDate: string | null, mrrCents: number) => ({
    accountId: id,
    name: `Name ${id}`,
    segment,
    csm: null,
    renewalDate,
    contractTerm: 'annual',
    mrrCents,
    hasRevenue: true,
    declaredArrCents: null,
  });
  const summary = portfolioSummary(
    [
      account('B', 'smb', '2026-01-10', 100),
      account('A', 'enterprise', '2026-01-10', 500),
      account('C', null, null, 1),
    ],
    '2026-01-01',
  );

  it('totals by segment in a fixed order and lists next renewals soonest, then largest, first', () => {
    expect(summary.totalArrCents).toBe(12 * 601);
    expect(summary.bySegment.map((s) => s.segment)).toEqual(['enterprise', 'smb', 'unknown']);
    expect(summary.nextRenewals.map((r) => r.accountId)).toEqual(['A', 'B']);
  });

  it('renders aligned tables', () => {
    expect(
      formatTable(
        ['Name', 'N'],
        [
          ['a', '1'],
          ['bbb', '22'],
        ],
        ['left', 'right'],
      ),
    ).toBe('Name   N\n────  ──\na      1\nbbb   22');
    const text = renderPortfolioReview({
      as_of: '2026-01-01',
      customer_voice: {
        days: 7,
        accounts: [
          {
            account_id: 'A1',
            name: 'Acme',
            csm: 'maya',
            kinds: ['churn_intent'],
            quote: 'we will not renew',
            at: '2025-12-30T10:00:00.000Z',
          },
        ],
        response_sla: [{ csm: 'maya', questions: 4, within_sla: 3, late: 1, open_past_sla: 0, rate: 0.75 }],
      },
      revenue_month: '2025-12',
      scope: { book: 'team', csm: null, segment: null },
      portfolio: {
        total_accounts: 3,
        total_arr: 72.12,
        by_segment: [{ segment: 'smb', accounts: 3, arr: 72.12 }],
        arr_source: { revenue: 3, declared: 0, none: 0 },
        health_distribution: { unknown: { count: 3, arr: 72.12 } },
      },
      engagement_levels: { version: 'engagement-1', levels: [], no_usage: 0 },
      renewal_pipeline: {},
      customer: {
        window_days: 90,
        nps: { responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
        csat: null,
        qbrs_this_quarter: { quarter_start: '2026-01-01', qbrs: 0, accounts: 0 },
        onboarding: {
          active: 1,
          avg_ttfv_days: 12,
          avg_target_days: 14,
          on_target: 1,
          reached_value: 1,
          finished: 0,
          completed: 0,
          completion_rate: null,
        },
      },
      health_distribution: { active_accounts: 3, total_arr: 72.12, tiers: {} },
      retention: {
        month: '2025-12',
        gross_retention: null,
        net_retention: null,
        logo_retention: null,
        arr_churned_mtd: 0,
        arr_contracted_mtd: 0,
      },
      expansion: { arr_expanded_mtd: 0, expansion_rate: null },
      engagement: {
        avg_health_score: null,
        scored_accounts: 0,
        health_score_trend: null,
        missing: 'no health snapshots yet',
      },
      movers: [],
      csm_at_risk: [],
      renewal_forecast: null,
      review_questions: {
        moved_down: [],
        churn_reasons_90d: [],
        top_churn_reason: null,
        top_accounts_threading: [],
        expansion_pipeline: { accounts: 0, arr: 0, top: [] },
      },
      renewals: {
        upcoming_30d: { count: 1, arr: 12, at_risk: 0, on_track: 1 },
        upcoming_60d: { count: 1, arr: 12, at_risk: 0, on_track: 1 },
        upcoming_90d: { count: 1, arr: 12, at_risk: 0, on_track: 1 },
        overdue: { count: 0, arr: 0, at_risk: 0, on_track: 0 },
        next_90d: [
          {
            account_id: 'A',
            name: 'Acme',
            renewal_date: '2026-01-10',
            days_to_renewal: 9,
            arr: 12,
            csm: null,
          },
        ],
      },
    });
    expect(text).toContain('Portfolio review — whole portfolio, as of 2026-01-01 (MRR of 2025-12)');
    expect(text).toContain('Customer voice, last 7 days:\n  Acme (churn intent; maya): “we will not renew”');
    expect(text).toMatch(/maya +4 +3 +1 +0 +75%/);
    expect(text).toContain(
      'NPS (90 days): +25 from 4 responses (2 promoters, 1 passive, 1 detractor) · CSAT: no ratings',
    );
    expect(text).toContain(
      'QBRs since 2026-01-01: 0 · Onboarding: 1 active, time to first value 12 days (target 14), 1 of 1 on target; completion: none finished yet',
    );
    expect(text).toContain('Active accounts: 3    ARR: $72.12');
    expect(text).toContain('2026-01-10  9d  Acme     $12  —');
  });
});
