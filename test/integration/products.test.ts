import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../commands/router.ts';
import { importFile } from '../../store/import/import-file.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, openTestStore, type TestStore } from '../helpers/test-db.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cse-products-'));
const file = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

describe('revenue, usage and goals per product on import', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
    await store.db.query(
      "INSERT INTO accounts (account_id, name, segment, status) VALUES ('A1', 'Acme', 'enterprise', 'active'), ('A2', 'Globex', 'smb', 'active')",
    );
  });
  afterAll(async () => store.cleanup());

  it('keeps each product line, makes the account row their sum, and imports the same file again as unchanged', async () => {
    const path = file(
      'revenue-by-product.csv',
      'account_id,month,product,mrr\nA1,2026-09,Platform,7000\nA1,2026-09,Analytics,3000\nA1,2026-10,Platform,7000\nA1,2026-10,Analytics,3500\nA2,2026-10,Platform,400\n',
    );
    expect(await importFile(store.db, 'revenue', path)).toMatchObject({ rows: 5, inserted: 5, updated: 0 });
    expect(
      await store.db.query(
        "SELECT account_id, to_char(month, 'YYYY-MM') AS month, mrr_cents FROM revenue ORDER BY 1, 2",
      ),
    ).toEqual([
      { account_id: 'A1', month: '2026-09', mrr_cents: 1_000_000 },
      { account_id: 'A1', month: '2026-10', mrr_cents: 1_050_000 },
      { account_id: 'A2', month: '2026-10', mrr_cents: 40_000 },
    ]);
    expect(await importFile(store.db, 'revenue', path)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
    // A changed line moves the account's sum with it.
    const change = file('revenue-change.csv', 'account_id,month,product,mrr\nA1,2026-10,Analytics,2500\n');
    expect(await importFile(store.db, 'revenue', change)).toMatchObject({ updated: 1 });
    const [oct] = await store.db.query<{ mrr_cents: number }>(
      "SELECT mrr_cents FROM revenue WHERE account_id = 'A1' AND month = '2026-10-01'",
    );
    expect(oct?.mrr_cents).toBe(950_000);
  });

  it('rejects a file that names a product on some rows only, with the file, line and field, and writes nothing', async () => {
    const path = file(
      'revenue-mixed.csv',
      'account_id,month,product,mrr\nA2,2026-11,Platform,400\nA2,2026-11,,100\n',
    );
    await expect(importFile(store.db, 'revenue', path)).rejects.toMatchObject({
      code: 'import_invalid',
      message:
        'Import rejected, nothing was written: revenue-mixed.csv line 3, column product: empty, while other rows name a product',
    });
    expect(await store.db.query("SELECT 1 FROM product_revenue WHERE month = '2026-11-01'")).toEqual([]);
  });

  it('keeps usage per product beside the account rows, and a goal may name its product', async () => {
    const usage = file(
      'usage-by-product.csv',
      'account_id,date,product,wau,mau,features_used,features_total\nA1,2026-11-20,Platform,80,100,12,20\nA1,2026-11-20,Analytics,20,30,3,10\n',
    );
    expect(await importFile(store.db, 'usage', usage)).toMatchObject({ inserted: 2 });
    expect(await store.db.query('SELECT count(*)::int AS n FROM usage')).toEqual([{ n: 0 }]);
    const goals = file(
      'goals.csv',
      'goal_id,account_id,objective,product\nG1,A1,Weekly dashboards for every team,Analytics\n',
    );
    await importFile(store.db, 'goals', goals);
    expect(await store.db.query("SELECT product FROM goals WHERE goal_id = 'G1'")).toEqual([
      { product: 'Analytics' },
    ]);
  });
});

/** The demo's multi-product customers (200 accounts, seed 42), the same on both drivers. */
describe('multi-product customers on the demo', () => {
  const AS_OF = '2026-11-24';
  let store: TestStore;
  const ask = <I extends 'score' | 'churn_risk' | 'expansion_opportunities' | 'qbr_prep'>(
    intent: I,
    account: string,
  ) => run(testContext(store.db, AS_OF), intent, { account, as_of: AS_OF });

  beforeAll(async () => {
    store = await openDemoStore(AS_OF);
  });
  afterAll(async () => store.cleanup());

  it('scores each product on its own usage and weights them by ARR into one score', async () => {
    const { data } = await ask('score', 'ACC-00066');
    expect(data.products).toEqual({
      month: '2026-10',
      lines: [
        {
          product: 'Platform',
          arr: 75876,
          share_percent: 70,
          health: { score: 65, tier: 'healthy' },
          weekly_users: 414,
          feature_breadth: 0.6,
        },
        {
          product: 'Analytics',
          arr: 32520,
          share_percent: 30,
          health: { score: 55, tier: 'at-risk' },
          weekly_users: 65,
          feature_breadth: 0.6,
        },
      ],
      // 0.7 × 65 + 0.3 × 55 = 62
      unified: { score: 62, tier: 'healthy' },
    });
    // The product lines sum to the account's MRR, so its revenue figures are unchanged.
    const [sums] = await store.db.query<{ lines: number; account: number }>(
      `SELECT (SELECT sum(mrr_cents) FROM product_revenue WHERE account_id = 'ACC-00066')::int AS lines,
              (SELECT sum(mrr_cents) FROM revenue r WHERE account_id = 'ACC-00066'
                 AND EXISTS (SELECT 1 FROM product_revenue p WHERE p.account_id = r.account_id AND p.month = r.month))::int AS account`,
    );
    expect(sums?.lines).toBe(sums?.account);
    const single = await ask('score', 'Acme Corp');
    expect(single.data.products).toBeNull();
  });

  it('flags the product that is declining while the others hold, with its own play', async () => {
    const { data } = await ask('churn_risk', 'ACC-00066');
    expect(data.indicators.find((i) => i.id === 'product_decline')?.evidence).toEqual([
      'Analytics: core actions down 66% vs the 4 weeks before, while Platform held',
    ]);
    expect(data.save_play?.title).toBe('Cross-product risk');
  });

  it('suggests the product teams adopt next from what the account uses well, and bundles the products in one QBR', async () => {
    const expansion = await ask('expansion_opportunities', 'ACC-00091');
    expect(expansion.data.cross_product).toEqual([
      {
        product: 'Automation',
        from: 'Platform',
        why: 'teams that run their work on the platform measure it next, then automate it',
        evidence: 'Platform: 618 weekly users, 60 % of its features',
      },
    ]);
    expect(expansion.data.plays.find((p) => p.play === 'cross_sell')?.because).toContain(
      'Automation next (Platform: 618 weekly users, 60 % of its features): teams that run their work on the platform measure it next, then automate it',
    );
    // An account that holds every product has nothing to adopt next.
    expect((await ask('expansion_opportunities', 'ACC-00031')).data.cross_product).toEqual([]);
    const qbr = await ask('qbr_prep', 'ACC-00031');
    expect(qbr.data.products?.lines.map((l) => [l.product, l.share_percent])).toEqual([
      ['Platform', 60],
      ['Analytics', 25],
      ['Automation', 15],
    ]);
  });

  it('filters revenue retention to one product line', async () => {
    const ctx = testContext(store.db, AS_OF);
    const analytics = await run(ctx, 'nrr_report', { product: 'Analytics', as_of: '2026-10' });
    expect(analytics.data.product).toBe('Analytics');
    const rows = await store.db.query<{ account_id: string; mrr_cents: number }>(
      "SELECT account_id, mrr_cents FROM product_revenue WHERE product = 'Analytics' AND month = '2026-10-01' ORDER BY 1",
    );
    const base = await store.db.query<{ mrr_cents: number }>(
      "SELECT mrr_cents FROM product_revenue WHERE product = 'Analytics' AND month = '2025-10-01'",
    );
    // Recomputed from the raw lines: the accounts that held Analytics a year ago all still do.
    expect(analytics.data.headline.trailing_12?.logo_retention.den).toBe(base.length);
    expect(rows.length).toBe(3);
    await expect(run(ctx, 'nrr_report', { product: 'Telepathy', as_of: '2026-10' })).rejects.toMatchObject({
      message: 'No revenue for the product Telepathy in this book',
    });
    await expect(run(ctx, 'nrr_report', { product: 'Telepathy' })).rejects.toMatchObject({
      message: 'No revenue for the product Telepathy in this book',
    });
    // Without --as-of, a product's report month is its own latest revenue month.
    expect((await run(ctx, 'nrr_report', { product: 'Analytics' })).data.month).toBe('2026-10');
  });
});
