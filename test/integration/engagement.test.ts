import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../commands/router.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';

/** Engagement levels on the demo portfolio (200 accounts, seed 42), the same on both drivers. */
describe('engagement level in score and portfolio_review', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openDemoStore(AS_OF);
  });
  afterAll(async () => {
    await store.cleanup();
  });

  it("shows an account's level with its evidence, expected renewal odds and action", async () => {
    const ctx = testContext(store.db, AS_OF);
    const { data } = await run(ctx, 'score', { account: 'ACC-00102', as_of: AS_OF });
    expect(data.engagement).toEqual({
      level: 'power_user',
      label: 'power user',
      behaviour: 'most users on most days, many features',
      renewal_odds: '95 %+',
      action: 'advocacy and expansion (cse run advocates; expansion opportunities)',
      dau_mau: 0.502,
      feature_breadth: 0.75,
      last_active: '2026-11-23',
      from: '2026-10-28',
      to: AS_OF,
      version: 'engagement-1',
    });
  });

  it('counts the book by level, with ARR, odds and action per level', async () => {
    const ctx = testContext(store.db, AS_OF);
    const { data } = await run(ctx, 'portfolio_review', { as_of: AS_OF, scope: 'team' });
    expect(data.engagement_levels.levels.map((l) => [l.level, l.accounts, l.arr])).toEqual([
      ['power_user', 21, 2_708_388],
      ['regular', 104, 6_813_264],
      ['casual', 43, 2_559_936],
      ['dormant', 5, 27_612],
      ['ghost', 0, 0],
    ]);
    expect(data.engagement_levels.no_usage).toBe(0);
    expect(data.engagement_levels.levels.reduce((s, l) => s + l.accounts, 0)).toBe(
      data.portfolio.total_accounts,
    );
  });
});
