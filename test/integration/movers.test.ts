import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../commands/router.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const TODAY = '2026-11-24';
const WEEK_AGO = '2026-11-17';

/** A stored snapshot: tier, score and two dimensions. */
const snapshot = (
  account: string,
  asOf: string,
  tier: string,
  score: number,
  usage: number,
  support: number,
) => [
  account,
  asOf,
  score,
  tier,
  JSON.stringify({ product_usage: { score: usage }, support: { score: support } }),
];

let store: TestStore;
beforeAll(async () => {
  store = await openDemoStore(TODAY);
  const rows = [
    // Acme drops a tier on usage; Globex gains 6 points within its tier; Initech moves 2 (not a mover);
    // Hooli has no snapshot a week ago (nothing to compare).
    snapshot('ACC-00001', WEEK_AGO, 'healthy', 74, 8, 7),
    snapshot('ACC-00001', TODAY, 'at-risk', 55, 4, 7),
    snapshot('ACC-00002', WEEK_AGO, 'healthy', 70, 6, 6),
    snapshot('ACC-00002', TODAY, 'healthy', 76, 6, 9),
    snapshot('ACC-00003', WEEK_AGO, 'healthy', 70, 7, 7),
    snapshot('ACC-00003', TODAY, 'healthy', 72, 7, 7),
    snapshot('ACC-00004', TODAY, 'critical', 30, 2, 2),
  ];
  for (const r of rows)
    await store.db.query(
      `INSERT INTO health_snapshots (account_id, as_of, score, tier, dimensions, model_version)
       VALUES ($1, $2, $3, $4, $5::jsonb, 'test')`,
      r,
    );
}, 120_000);
afterAll(() => store.cleanup());

describe('movers: what changed in the book', () => {
  it('lists a tier change and a move of 5+ points, biggest drop first, with the dimension that moved', async () => {
    const answer = await run(testContext(store.db, TODAY), 'movers', { scope: 'team', days: 7 });
    const data = answer.data as {
      since: string;
      movers: {
        account_id: string;
        from_tier: string;
        to_tier: string;
        score_from: number;
        score_to: number;
        direction: string;
        why: string[];
      }[];
    };
    expect(data.since).toBe(WEEK_AGO);
    expect(
      data.movers.map((m) => [m.account_id, m.from_tier, m.to_tier, m.score_from, m.score_to, m.direction]),
    ).toEqual([
      ['ACC-00001', 'healthy', 'at-risk', 74, 55, 'down'],
      ['ACC-00002', 'healthy', 'healthy', 70, 76, 'up'],
    ]);
    expect(data.movers[0]?.why.join(' ')).toMatch(/usage/i);
    expect(data.movers[1]?.why.join(' ')).toMatch(/support/i);
  });
});
