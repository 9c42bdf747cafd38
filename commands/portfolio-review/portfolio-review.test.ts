import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../store/repositories/audit-log.ts';
import { testContext } from '../../test/helpers/command-context.ts';
import { openTestStore, type TestStore } from '../../test/helpers/test-db.ts';
import { type CommandContext, teamActor } from '../context.ts';
import { COMMANDS } from '../registry.ts';
import { ask, run } from '../router.ts';
import type { PortfolioReviewData } from './command.ts';

let store: TestStore;
const TODAY = '2026-11-24';

const context = (overrides: Partial<CommandContext> = {}) => testContext(store.db, TODAY, overrides);

beforeAll(async () => {
  store = await openTestStore();
  const { db } = store;
  await db.copyRows(
    'users',
    ['user_id', 'email', 'slack_id', 'role'],
    [
      ['maya', 'maya@cs.example', 'U1', 'csm'],
      ['lee', 'lee@cs.example', 'U2', 'leader'],
      ['sam', 'sam@cs.example', 'U3', 'csm'],
    ],
  );
  // Renewal boundaries around TODAY: 0, 30, 31, 60, 61, 90, 91 days; overdue; monthly; no date; churned.
  const accounts: unknown[][] = [
    ['R00', 'Renews Today', 'enterprise', 'maya@cs.example', '2026-11-24', 'annual', 'active', 1_000_00],
    ['R30', 'Renews In 30', 'enterprise', 'maya@cs.example', '2026-12-24', 'annual', 'active', 2_000_00],
    ['R31', 'Renews In 31', 'mid-market', 'U1', '2026-12-25', 'multi-year', 'active', 4_000_00],
    ['R60', 'Renews In 60', 'mid-market', 'lee@cs.example', '2027-01-23', 'annual', 'active', 8_000_00],
    ['R61', 'Renews In 61', 'smb', null, '2027-01-24', 'annual', 'active', 16_000_00],
    ['R90', 'Renews In 90', 'smb', null, '2027-02-22', 'annual', 'active', 32_000_00],
    ['R91', 'Renews In 91', 'smb', null, '2027-02-23', 'annual', 'active', 64_000_00],
    ['ROD', 'Overdue', 'smb', null, '2026-11-20', 'annual', 'active', 128_000_00],
    ['RMO', 'Monthly', 'self-serve', null, '2026-12-01', 'monthly', 'active', 256_000_00],
    ['RND', 'No Date', 'self-serve', null, null, 'annual', 'active', 512_000_00],
    ['RCH', 'Churned', 'smb', null, '2026-12-01', 'annual', 'churned', 1_024_000_00],
  ];
  await db.copyRows(
    'accounts',
    ['account_id', 'name', 'segment', 'csm', 'renewal_date', 'contract_term', 'status', 'arr_cents'],
    accounts,
  );
  // R00 and R30 have revenue: R00 in the reporting month, R30 only earlier (so its current MRR is 0).
  await db.copyRows(
    'revenue',
    ['account_id', 'month', 'mrr_cents'],
    [
      ['R00', '2026-09-01', 900_00],
      ['R00', '2026-10-01', 1_000_00],
      ['R30', '2026-09-01', 500_00],
      ['RCH', '2026-10-01', 9_999_00],
    ],
  );
});
afterAll(async () => store.cleanup());

describe('portfolio review', () => {
  it('answers with totals, segment split and renewal windows at the day boundaries', async () => {
    const answer = await run(context(), 'portfolio_review', {});
    const data = answer.data as PortfolioReviewData;
    expect(data.as_of).toBe(TODAY);
    expect(data.revenue_month).toBe('2026-10');
    // R00: 12 × $1,000 = $12,000 from revenue; R30 has revenue rows but none in 2026-10 → $0; the rest declared.
    const declared = 4_000 + 8_000 + 16_000 + 32_000 + 64_000 + 128_000 + 256_000 + 512_000;
    expect(data.portfolio).toEqual({
      total_accounts: 10,
      total_arr: 12_000 + 0 + declared,
      by_segment: [
        { segment: 'enterprise', accounts: 2, arr: 12_000 },
        { segment: 'mid-market', accounts: 2, arr: 12_000 },
        { segment: 'smb', accounts: 4, arr: 240_000 },
        { segment: 'self-serve', accounts: 2, arr: 768_000 },
      ],
      arr_source: { revenue: 2, declared: 8, none: 0 },
      health_distribution: { unknown: { count: 10, arr: 12_000 + declared } },
    });
    expect(data.renewals.upcoming_30d).toEqual({ count: 2, arr: 12_000, at_risk: 0, on_track: 2 });
    expect(data.renewals.upcoming_60d).toEqual({
      count: 4,
      arr: 12_000 + 4_000 + 8_000,
      at_risk: 0,
      on_track: 4,
    });
    expect(data.renewals.upcoming_90d).toEqual({
      count: 6,
      arr: 12_000 + 4_000 + 8_000 + 16_000 + 32_000,
      at_risk: 0,
      on_track: 6,
    });
    expect(data.renewals.overdue).toEqual({ count: 1, arr: 128_000, at_risk: 0, on_track: 1 });
    expect(data.renewals.next_90d.map((r) => [r.account_id, r.days_to_renewal])).toEqual([
      ['R00', 0],
      ['R30', 30],
      ['R31', 31],
      ['R60', 60],
      ['R61', 61],
      ['R90', 90],
    ]);
  });

  it('carries provenance: as-of, definitions and the cse run line that reproduces it', async () => {
    const answer = await run(context(), 'portfolio_review', { as_of: '2026-10', segment: 'smb' });
    expect(answer.intent).toBe('portfolio_review');
    expect(answer.account).toBeNull();
    expect(answer.args).toEqual({ as_of: '2026-10', segment: 'smb' });
    expect(answer.provenance.as_of).toBe('2026-10-31');
    expect(answer.provenance.reproduce).toBe('cse run portfolio_review --as-of 2026-10 --segment smb');
    expect(answer.provenance.definitions.arr).toContain('12 × month-end MRR');
    expect(answer.provenance.store).toBe(store.driver);
    const data = answer.data as PortfolioReviewData;
    expect(data.portfolio.total_accounts).toBe(4);
    // As of 2026-10-31: ROD (2026-11-20) is 20 days away, R61 (2027-01-24) 85, R90 and R91 beyond 90.
    expect(data.renewals.upcoming_30d).toEqual({ count: 1, arr: 128_000, at_risk: 0, on_track: 1 });
    expect(data.renewals.upcoming_90d).toEqual({ count: 2, arr: 128_000 + 16_000, at_risk: 0, on_track: 2 });
    expect(data.renewals.overdue).toEqual({ count: 0, arr: 0, at_risk: 0, on_track: 0 });
  });

  it('shows a CSM their own book, matching accounts.csm by email or Slack id', async () => {
    const maya = {
      user_id: 'maya',
      name: null,
      email: 'maya@cs.example',
      slack_id: 'U1',
      role: 'csm' as const,
      team: null,
      attributes: {},
    };
    const answer = await ask(context({ actor: teamActor(maya) }), 'how is my book looking?');
    const data = answer.data as PortfolioReviewData;
    expect(answer.args).toEqual({ scope: 'mine' });
    expect(data.scope).toEqual({ book: 'csm', csm: 'maya', segment: null });
    expect(data.portfolio.total_accounts).toBe(3);
    // The whole team's book is for leaders: a CSM asking for it is refused, and told why.
    await expect(
      run(context({ actor: teamActor(maya) }), 'portfolio_review', { scope: 'team' }),
    ).rejects.toMatchObject({ code: 'forbidden', message: "The whole team's book is for CS leaders" });
    const team = (await run(context(), 'portfolio_review', { scope: 'team' })).data as PortfolioReviewData;
    expect(team.portfolio.total_accounts).toBe(10);
    const sam = (await run(context(), 'portfolio_review', { csm: 'sam@cs.example' }))
      .data as PortfolioReviewData;
    expect(sam.portfolio).toMatchObject({ total_accounts: 0, total_arr: 0 });
  });

  it('asks who "my book" belongs to when the asker is unknown', async () => {
    await expect(run(context(), 'portfolio_review', { scope: 'mine' })).rejects.toThrow(/whose book/);
  });

  it('rejects bad arguments with the option named', async () => {
    await expect(run(context(), 'portfolio_review', { as_of: '2026-02-30' })).rejects.toThrow(
      /--as-of "2026-02-30": must be a date/,
    );
    await expect(run(context(), 'portfolio_review', { segment: 'huge' })).rejects.toThrow(/--segment "huge"/);
    await expect(run(context(), 'portfolio_review', { colour: 'red' })).rejects.toThrow(
      /Unknown option --colour/,
    );
    await expect(run(context(), 'frobnicate', {})).rejects.toThrow(/No command 'frobnicate'/);
  });

  it('answers out-of-scope questions with what it can do, and help with every command', async () => {
    const unknown = await ask(context(), 'book me a flight to Paris');
    expect(unknown.intent).toBe('unknown');
    // Questions have examples; writes made by buttons and cse sub-commands have none and are not offered.
    const intents = COMMANDS.filter((c) => c.examples.length > 0).map((c) => c.intent);
    expect(intents).toEqual(
      expect.arrayContaining([
        'score',
        'churn_risk',
        'expansion_opportunities',
        'portfolio_review',
        'nrr_report',
        'cohort_analysis',
        'help',
      ]),
    );
    // The five questions nearest to the words, as the intent model reads them, each one it can answer.
    const near = (unknown.data as { suggestions: { intent: string }[] }).suggestions.map((x) => x.intent);
    expect(near).toHaveLength(5);
    for (const i of near) expect(intents.filter((x) => x !== 'help')).toContain(i);
    expect((unknown.data as { readings: unknown[] }).readings).toEqual([]);
    // Plain help leads with the accounts topic; "help all" lists every question once.
    type Listed = { commands: { intent: string }[] };
    const help = await ask(context(), 'help');
    expect((help.data as Listed).commands.slice(0, 2).map((c) => c.intent)).toEqual([
      'accounts',
      'account_glance',
    ]);
    const all = await ask(context(), 'help all');
    const listed = (all.data as Listed).commands.map((c) => c.intent);
    expect([...listed].sort()).toEqual([...intents].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('records who asked what in the audit log, including failures', async () => {
    await ask(context({ channel: 'D42' }), 'portfolio review for enterprise');
    await run(context(), 'portfolio_review', { as_of: 'nope' }).catch(() => undefined);
    const [failed, ok] = await recentAudit(store.db, 2);
    expect(ok).toMatchObject({
      actor: 'local:test',
      surface: 'cli',
      channel: 'D42',
      text: 'portfolio review for enterprise',
      intent: 'portfolio_review',
      args: { segment: 'enterprise' },
      outcome: 'ok',
    });
    expect(failed).toMatchObject({ outcome: 'error', error_code: 'bad_input' });
  });
});

describe('portfolio review dashboard sections', () => {
  beforeAll(async () => {
    const { db } = store;
    const dims = (engagement: number, usage: number) => ({
      engagement: { score: engagement },
      product_usage: { score: usage },
    });
    for (const [account, asOf, score, tier, d] of [
      ['R00', '2026-11-15', 72, 'healthy', dims(7, 6)],
      ['R00', '2026-11-22', 52, 'at-risk', dims(4, 5)],
      ['R30', '2026-11-15', 45, 'at-risk', dims(5, 4)],
      ['R30', '2026-11-23', 81, 'thriving', dims(9, 8)],
      ['R60', '2026-11-23', 30, 'critical', dims(2, 3)],
    ] as const) {
      await db.query(
        'INSERT INTO health_snapshots (account_id, as_of, score, tier, dimensions, model_version) VALUES ($1, $2, $3, $4, $5, $6)',
        [account, asOf, score, tier, d, 'test'],
      );
    }
    await db.query(
      "UPDATE accounts SET churned_at = '2026-10-31', churn_reason = 'budget' WHERE account_id = 'RCH'",
    );
    await db.copyRows(
      'accounts',
      ['account_id', 'name', 'status', 'churned_at', 'churn_reason', 'arr_cents'],
      [
        ['X1', 'Gone One', 'churned', '2026-09-30', 'competitor', 5_000_00],
        ['X2', 'Gone Two', 'churned', '2026-10-15', 'budget', 1_000_00],
        ['X3', 'Long Gone', 'churned', '2026-01-31', 'competitor', 9_000_00],
      ],
    );
    await db.copyRows(
      'contacts',
      ['contact_id', 'account_id', 'role', 'last_engaged_at', 'left_at'],
      [
        ['K1', 'RND', 'champion', '2026-11-01', null],
        ['K2', 'RND', 'exec_sponsor', '2026-10-01', null],
        ['K3', 'RMO', 'champion', '2026-11-01', '2026-11-10'],
        ['K4', 'RMO', 'user', '2026-11-01', null],
      ],
    );
    await db.copyRows(
      'events',
      ['event_id', 'account_id', 'at', 'type'],
      [
        ['E1', 'RND', '2026-11-01T10:00:00Z', 'usage_limit_hit'],
        ['E2', 'RND', '2026-11-20T10:00:00Z', 'usage_limit_hit'],
        ['E3', 'R90', '2026-10-01T10:00:00Z', 'higher_tier_request'],
        ['E4', 'R91', '2026-06-01T10:00:00Z', 'new_team_interest'],
        ['E5', 'RND', '2026-11-21T10:00:00Z', 'competitor_eval'],
      ],
    );
  });

  it('reports health, movers with why, and at-risk counts from the latest snapshots', async () => {
    const data = (await run(context(), 'portfolio_review', {})).data as PortfolioReviewData;
    expect(data.engagement).toEqual({
      avg_health_score: 54.3,
      scored_accounts: 3,
      health_score_trend: { current: 54.3, week_ago: 58.5, change: -4.2 },
      missing: null,
    });
    expect(data.movers).toEqual([
      {
        account_id: 'R00',
        name: 'Renews Today',
        from: 'healthy',
        to: 'at-risk',
        direction: 'down',
        score_change: -20,
        why: ['engagement 7→4', 'product_usage 6→5'],
      },
      {
        account_id: 'R30',
        name: 'Renews In 30',
        from: 'at-risk',
        to: 'thriving',
        direction: 'up',
        score_change: 36,
        why: ['engagement 5→9', 'product_usage 4→8'],
      },
    ]);
    expect(data.review_questions.moved_down.map((m) => m.account_id)).toEqual(['R00']);
    expect(data.portfolio.health_distribution).toEqual({
      'at-risk': { count: 1, arr: 12_000 },
      critical: { count: 1, arr: 8_000 },
      thriving: { count: 1, arr: 0 },
      unknown: { count: 7, arr: 4_000 + 16_000 + 32_000 + 64_000 + 128_000 + 256_000 + 512_000 },
    });
    expect(data.renewals.upcoming_30d).toEqual({ count: 2, arr: 12_000, at_risk: 1, on_track: 1 });
    expect(data.renewals.upcoming_60d.at_risk).toBe(2);
    const maya = data.csm_at_risk.find((b) => b.csm === 'maya@cs.example');
    expect(maya).toMatchObject({ accounts: 2, at_risk_accounts: 1, at_risk_arr: 12_000 });
    expect(data.csm_at_risk.slice(0, 2).map((b) => [b.csm, b.at_risk_arr])).toEqual([
      ['maya@cs.example', 12_000],
      ['lee@cs.example', 8_000],
    ]);
  });

  it('answers the monthly review questions from data', async () => {
    const q = ((await run(context(), 'portfolio_review', {})).data as PortfolioReviewData).review_questions;
    // Churned in the last 90 days: RCH (budget, $1.024M declared), X1 (competitor), X2 (budget); X3 is older.
    expect(q.churn_reasons_90d).toEqual([
      { reason: 'budget', accounts: 2, arr: 1_024_000 + 1_000 },
      { reason: 'competitor', accounts: 1, arr: 5_000 },
    ]);
    expect(q.top_churn_reason?.reason).toBe('budget');
    const byId = Object.fromEntries(q.top_accounts_threading.map((t) => [t.account_id, t]));
    expect(q.top_accounts_threading).toHaveLength(10);
    expect(byId.RND).toMatchObject({
      engaged_contacts: 2,
      has_champion: true,
      has_exec_sponsor: true,
      threading: 'multi_threaded',
      single_threaded: false,
      multi_threaded: true,
      detail: 'multi-threaded: champion and exec sponsor, 2 engaged contacts in 90 days',
    });
    // The champion left: six engaged users or one, without a champion the account is not multi-threaded.
    expect(byId.RMO).toMatchObject({
      engaged_contacts: 1,
      has_champion: false,
      threading: 'no_champion',
      single_threaded: false,
      multi_threaded: false,
      detail: 'no champion; 1 engaged contact in 90 days',
    });
    expect(q.expansion_pipeline).toEqual({
      accounts: 2,
      arr: 512_000 + 32_000,
      top: [
        {
          account_id: 'RND',
          name: 'No Date',
          arr: 512_000,
          signals: ['usage_limit_hit'],
          last_signal_at: '2026-11-20T10:00:00.000Z',
        },
        {
          account_id: 'R90',
          name: 'Renews In 90',
          arr: 32_000,
          signals: ['higher_tier_request'],
          last_signal_at: '2026-10-01T10:00:00.000Z',
        },
      ],
    });
  });

  it('reports the month’s ARR movements from revenue', async () => {
    const data = (await run(context(), 'portfolio_review', {})).data as PortfolioReviewData;
    // 2026-10 vs 2026-09: R00 +$100 MRR, R30 −$500 (churn), RCH new.
    expect(data.retention).toEqual({
      month: '2026-10',
      gross_retention: null,
      net_retention: null,
      logo_retention: null,
      arr_churned_mtd: 6_000,
      arr_contracted_mtd: 0,
    });
    expect(data.expansion).toEqual({ arr_expanded_mtd: 1_200, expansion_rate: null });
  });
});
