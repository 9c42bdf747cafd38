import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../commands/router.ts';
import type { ScoreData } from '../../commands/score/command.ts';
import { backfillDays, backfillSnapshots } from '../../jobs/score-all.ts';
import { accountIdsActiveOn } from '../../store/repositories/health-snapshots.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
const FROM = '2026-06-02';
let store: TestStore;

beforeAll(async () => {
  store = await openDemoStore(AS_OF, 60);
});
afterAll(async () => store.cleanup());

const snapshotCount = async () =>
  (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM health_snapshots'))[0]?.n ?? 0;

describe('point-in-time snapshot back-fill', () => {
  it('steps from the first day to the last, both included', () => {
    expect(backfillDays('2026-11-03', '2026-11-24', 'week')).toEqual([
      '2026-11-03',
      '2026-11-10',
      '2026-11-17',
      '2026-11-24',
    ]);
    expect(backfillDays('2026-11-22', '2026-11-24', 'day')).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
    expect(backfillDays('2026-11-25', '2026-11-24', 'day')).toEqual([]);
  });

  it('scores, on each day, the accounts that were customers then, and replaces a day scored again', async () => {
    const summary = await backfillSnapshots(store.db, { from: FROM, to: AS_OF, every: 'week' });
    expect(summary.days.map((d) => d.as_of)).toEqual(backfillDays(FROM, AS_OF, 'week'));
    for (const day of summary.days)
      expect(day.accounts).toBe((await accountIdsActiveOn(store.db, day.as_of)).length);
    expect(await snapshotCount()).toBe(summary.snapshots);
    // A customer who churned inside the range has snapshots up to their churn and none after.
    const [churned] = await store.db.query<{
      account_id: string;
      churned_at: string;
      contract_start: string | null;
    }>(
      `SELECT account_id, churned_at::text, contract_start::text FROM accounts
        WHERE status = 'churned' AND churned_at > $1 AND churned_at <= $2 AND (contract_start IS NULL OR contract_start < $1)
        ORDER BY account_id LIMIT 1`,
      [FROM, AS_OF],
    );
    expect(churned).toBeDefined();
    const days = (
      await store.db.query<{ as_of: string }>(
        'SELECT as_of::text FROM health_snapshots WHERE account_id = $1 ORDER BY as_of',
        [churned?.account_id],
      )
    ).map((r) => r.as_of);
    expect(days).toEqual(summary.days.map((d) => d.as_of).filter((d) => d < (churned?.churned_at ?? '')));
    // Again: the same snapshots, no more.
    await backfillSnapshots(store.db, { from: FROM, to: AS_OF, every: 'week' });
    expect(await snapshotCount()).toBe(summary.snapshots);
  });

  it('stores for a past day the score the score command computes for that day', async () => {
    const [row] = await store.db.query<{ account_id: string; score: number; tier: string }>(
      "SELECT account_id, score::float AS score, tier FROM health_snapshots WHERE as_of = '2026-08-25' ORDER BY account_id LIMIT 1",
    );
    const answer = await run(testContext(store.db, AS_OF), 'score', {
      account: row?.account_id,
      as_of: '2026-08-25',
    });
    const data = answer.data as ScoreData;
    expect({ score: data.score, tier: data.tier }).toEqual({ score: row?.score, tier: row?.tier });
  });
});
