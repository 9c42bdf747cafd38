import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { fixedClock } from '../../core/clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { AlertNotifier } from '../../jobs/alert-notifier.ts';
import { type DailyParts, schedulerPass } from '../../jobs/daily-run.ts';
import { TEST_AS_OF } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

/**
 * What a worker that died leaves behind: a day's run or a send claimed and never finished. A
 * recent claim is left to its worker (the pass stops there); a stale one is taken over.
 */
let store: TestStore;
const digests: string[] = [];
const notifier: AlertNotifier = {
  alertDm: async () => ({ channel: 'D1', ts: '1.1' }),
  escalation: async () => ({ channel: 'D1', ts: '1.2' }),
  digest: async (to, when) => {
    digests.push(`${to.user_id} ${when.day}`);
    return { posted: { channel: 'D1', ts: '1.3' }, held_back: [] };
  },
  leaderDigest: async () => ({ channel: 'D1', ts: '1.4' }),
  roadmapChange: async () => ({ channel: 'C1', ts: '1.5' }),
  timeZone: async () => 'UTC',
};
const parts = (at: string): DailyParts => ({
  db: store.db,
  logger: createLogger('silent'),
  clock: fixedClock(at),
  notifier,
  worker: 'survivor',
});
const run = async (job: string, day: string) =>
  (
    await store.db.query<{ worker: string; finished: boolean }>(
      'SELECT worker, finished_at IS NOT NULL AS finished FROM scheduled_runs WHERE job = $1 AND day = $2',
      [job, day],
    )
  )[0];

beforeAll(async () => {
  store = await openDemoStore(TEST_AS_OF, 40);
});
afterAll(async () => store?.cleanup());

describe('claims left by a worker that died', () => {
  it('leaves a day another worker started minutes ago, and takes over one started half an hour ago', async () => {
    const day = addDays(TEST_AS_OF, -1);
    // The day before ran to the end; the dead worker had just claimed the next one.
    await store.db.query(
      "INSERT INTO scheduled_runs (job, day, started_at, finished_at, worker) VALUES ('alerts', $1, $2, $2, 'dead-worker')",
      [addDays(day, -1), `${day}T00:10:00.000Z`],
    );
    await store.db.query(
      "INSERT INTO scheduled_runs (job, day, started_at, worker) VALUES ('snapshot', $1, $2, 'dead-worker')",
      [day, `${day}T23:55:00.000Z`],
    );
    // Five minutes later the claim is fresh: this pass stops at that day and runs nothing after it.
    const early = await schedulerPass(parts(`${TEST_AS_OF}T00:00:00.000Z`));
    expect(early.map((r) => [r.day, r.held])).toEqual([[day, true]]);
    expect(await run('snapshot', day)).toEqual({ worker: 'dead-worker', finished: false });
    expect(await run('alerts', day)).toBeUndefined();
    // 31 minutes after the claim: the dead worker's day is taken over, then the next day runs.
    const later = await schedulerPass(parts(`${TEST_AS_OF}T00:26:00.000Z`));
    expect(later.map((r) => [r.day, r.held])).toEqual([
      [day, false],
      [TEST_AS_OF, false],
    ]);
    expect(await run('snapshot', day)).toEqual({ worker: 'survivor', finished: true });
    expect(await run('alerts', TEST_AS_OF)).toEqual({ worker: 'survivor', finished: true });
  });

  it('sends a digest whose claim went stale, once, and not one claimed a minute ago', async () => {
    const [csm] = await store.db.query<{ user_id: string }>(
      "SELECT user_id FROM users WHERE role = 'csm' AND slack_id IS NOT NULL ORDER BY user_id LIMIT 1",
    );
    const [other] = await store.db.query<{ user_id: string }>(
      "SELECT user_id FROM users WHERE role = 'csm' AND slack_id IS NOT NULL AND user_id <> $1 ORDER BY user_id LIMIT 1",
      [csm?.user_id],
    );
    await store.db.query(
      `INSERT INTO alert_sends (send_key, kind, recipient, day, claimed_at) VALUES
         ($1, 'digest', $2, $3, $4), ($5, 'digest', $6, $3, $7)`,
      [
        `digest:${csm?.user_id}:${TEST_AS_OF}`,
        csm?.user_id,
        TEST_AS_OF,
        `${TEST_AS_OF}T08:00:00.000Z`,
        `digest:${other?.user_id}:${TEST_AS_OF}`,
        other?.user_id,
        `${TEST_AS_OF}T08:19:00.000Z`,
      ],
    );
    await schedulerPass(parts(`${TEST_AS_OF}T08:20:00.000Z`));
    await schedulerPass(parts(`${TEST_AS_OF}T08:21:00.000Z`));
    expect(digests.filter((d) => d === `${csm?.user_id} ${TEST_AS_OF}`)).toHaveLength(1);
    expect(digests.filter((d) => d === `${other?.user_id} ${TEST_AS_OF}`)).toHaveLength(0);
  });
});
