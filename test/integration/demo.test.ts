import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortfolioReviewData } from '../../commands/portfolio-review/command.ts';
import { run } from '../../commands/router.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { testContext } from '../helpers/command-context.ts';
import { openTestStore, type TestStore, tableCounts } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.cleanup());

const context = () => testContext(store.db, AS_OF);

describe('demo portfolio in the store', () => {
  it('loads every table in one transaction and reports the rows written', async () => {
    const summary = await loadDemo(store.db, { accounts: 150, seed: 7, asOf: AS_OF });
    const counts = await tableCounts(store.db);
    expect(summary.rows).toEqual({ ...counts });
    expect(counts.accounts).toBe(150);
    expect(counts.usage).toBeGreaterThan(5_000);
  });

  it('refuses to load over existing accounts unless asked to replace them', async () => {
    await expect(loadDemo(store.db, { accounts: 10, seed: 1, asOf: AS_OF })).rejects.toThrow(
      /already holds 150 accounts/,
    );
    await loadDemo(store.db, { accounts: 20, seed: 1, asOf: AS_OF, replace: true });
    expect((await tableCounts(store.db)).accounts).toBe(20);
    await loadDemo(store.db, { accounts: 150, seed: 7, asOf: AS_OF, replace: true });
  });

  it('gives a portfolio review whose figures match the raw rows', async () => {
    const data = (await run(context(), 'portfolio_review', {})).data as PortfolioReviewData;
    // Recompute from raw rows, independently of the product's SQL and tools.
    const accounts = await store.db.query<{
      account_id: string;
      status: string;
      renewal_date: string | null;
      contract_term: string;
      arr_cents: number;
    }>('SELECT * FROM accounts');
    const mrr = new Map(
      (
        await store.db.query<{ account_id: string; mrr_cents: number }>(
          "SELECT account_id, mrr_cents FROM revenue WHERE month = '2026-10-01'",
        )
      ).map((r) => [r.account_id, r.mrr_cents]),
    );
    const hasRevenue = new Set(
      (await store.db.query<{ account_id: string }>('SELECT DISTINCT account_id FROM revenue')).map(
        (r) => r.account_id,
      ),
    );
    const active = accounts.filter((a) => a.status === 'active');
    const arrOf = (a: (typeof accounts)[number]) =>
      hasRevenue.has(a.account_id) ? 12 * (mrr.get(a.account_id) ?? 0) : a.arr_cents;
    const days = (a: (typeof accounts)[number]) =>
      (Date.parse(a.renewal_date as string) - Date.parse(AS_OF)) / 86_400_000;
    const renewing = active.filter(
      (a) => a.renewal_date && a.contract_term !== 'monthly' && days(a) >= 0 && days(a) <= 90,
    );
    expect(data.revenue_month).toBe('2026-10');
    expect(data.portfolio.total_accounts).toBe(active.length);
    expect(Math.round(data.portfolio.total_arr * 100)).toBe(active.reduce((s, a) => s + arrOf(a), 0));
    expect(data.renewals.upcoming_90d.count).toBe(renewing.length);
    expect(Math.round(data.renewals.upcoming_90d.arr * 100)).toBe(renewing.reduce((s, a) => s + arrOf(a), 0));
    expect(data.renewals.upcoming_90d.count).toBeGreaterThan(5);
    expect(data.portfolio.by_segment.map((s) => s.segment)).toEqual([
      'enterprise',
      'mid-market',
      'smb',
      'self-serve',
    ]);
  });
});
