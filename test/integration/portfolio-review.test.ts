import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context';
import type { PortfolioReviewData } from '../../commands/portfolio-review';
import { ask, run } from '../../commands/router';
import { recentAudit } from '../../store/repositories/audit-log';
import { testContext } from '../helpers/command-context';
import { openTestStore, type TestStore } from '../helpers/test-db';

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
    });
    expect(data.renewals.upcoming_30d).toEqual({ count: 2, arr: 12_000 });
    expect(data.renewals.upcoming_60d).toEqual({ count: 4, arr: 12_000 + 4_000 + 8_000 });
    expect(data.renewals.upcoming_90d).toEqual({ count: 6, arr: 12_000 + 4_000 + 8_000 + 16_000 + 32_000 });
    expect(data.renewals.overdue).toEqual({ count: 1, arr: 128_000 });
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
    expect(data.renewals.upcoming_30d).toEqual({ count: 1, arr: 128_000 });
    expect(data.renewals.upcoming_90d).toEqual({ count: 2, arr: 128_000 + 16_000 });
    expect(data.renewals.overdue).toEqual({ count: 0, arr: 0 });
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
    const answer = await ask(context({ actor: { id: 'maya', user: maya } }), 'how is my book looking?');
    const data = answer.data as PortfolioReviewData;
    expect(answer.args).toEqual({ scope: 'mine' });
    expect(data.scope).toEqual({ book: 'csm', csm: 'maya', segment: null });
    expect(data.portfolio.total_accounts).toBe(3);
    const team = (
      await run(context({ actor: { id: 'maya', user: maya } }), 'portfolio_review', { scope: 'team' })
    ).data as PortfolioReviewData;
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
    expect((unknown.data as { suggestions: { intent: string }[] }).suggestions.map((x) => x.intent)).toEqual([
      'portfolio_review',
      'nrr_report',
      'cohort_analysis',
    ]);
    const help = await ask(context(), 'help');
    expect((help.data as { commands: { intent: string }[] }).commands.map((c) => c.intent)).toEqual([
      'portfolio_review',
      'nrr_report',
      'cohort_analysis',
      'help',
    ]);
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
