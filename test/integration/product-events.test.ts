import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApi } from '../../bot/http/api-server.ts';
import { type AuthFailureLog, authFailureLog } from '../../bot/http/auth-failures.ts';
import { productEventRoutes } from '../../bot/http/product-events-route.ts';
import { fixedClock } from '../../core/clock.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { runDay } from '../../jobs/daily-run.ts';
import { usageRollupConfig, usageRollupRules } from '../../knowledge/usage-rollup.ts';
import { rollupUsageDay } from '../../store/repositories/product-events.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

const TOKEN = 'events-token-1';
const DAY = '2026-11-18';
const EVENTS = [
  'Report Created',
  'Report Viewed',
  'Export Run',
  'Dashboard Viewed',
  'Workflow Run',
  'API Call',
  'Page Viewed',
];

/**
 * 10,000 track calls over the 30 days to DAY: users u1–u20 belong to ACC-1 and u21–u30 to ACC-2 by
 * group calls (their track calls carry no groupId); u31–u36 name ACC-3 in context.groupId; u37–u40
 * name ACC-404, which the store does not have. Call k is user k·7 mod 40 (+1), event k mod 7, and
 * falls ⌊k/7⌋ mod 30 days before DAY.
 */
function trackCalls() {
  return Array.from({ length: 10_000 }, (_, k) => {
    const user = ((k * 7) % 40) + 1;
    const day = new Date(
      Date.parse(`${DAY}T00:00:00Z`) - (Math.floor(k / 7) % 30) * 86_400_000 + (k % 1440) * 60_000,
    );
    const groupId = user > 36 ? 'ACC-404' : user > 30 ? 'ACC-3' : undefined;
    return {
      type: 'track' as const,
      messageId: `m-${k}`,
      userId: `u${user}`,
      event: EVENTS[k % EVENTS.length] as string,
      timestamp: day.toISOString(),
      ...(groupId ? { context: { groupId } } : {}),
    };
  });
}

/** The rollup computed plainly from the calls, the way the definition reads: an independent check. */
function expectedUsage(calls: ReturnType<typeof trackCalls>) {
  const config = usageRollupConfig();
  const featureOf = new Map<string, string>();
  for (const [feature, events] of Object.entries(config.features))
    for (const e of events) featureOf.set(e, feature);
  const accountOf = (c: (typeof calls)[number]) => {
    const n = Number(c.userId.slice(1));
    return c.context?.groupId ?? (n <= 20 ? 'ACC-1' : 'ACC-2');
  };
  const daysBefore = (iso: string) =>
    Math.round((Date.parse(`${DAY}T00:00:00Z`) - Date.parse(`${iso.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
  const out: Record<
    string,
    { dau: number; wau: number; mau: number; core_actions: number; features_used: number }
  > = {};
  for (const account of ['ACC-1', 'ACC-2', 'ACC-3']) {
    const mine = calls.filter(
      (c) => accountOf(c) === account && daysBefore(c.timestamp) >= 0 && daysBefore(c.timestamp) < 30,
    );
    const users = (maxAgo: number) =>
      new Set(mine.filter((c) => daysBefore(c.timestamp) <= maxAgo).map((c) => c.userId)).size;
    out[account] = {
      dau: users(0),
      wau: users(6),
      mau: users(29),
      core_actions: mine.filter((c) => daysBefore(c.timestamp) === 0 && config.core_actions.includes(c.event))
        .length,
      features_used: new Set(mine.map((c) => featureOf.get(c.event)).filter(Boolean)).size,
    };
  }
  return out;
}

describe('product events: Segment calls over HTTP, rolled up into daily usage', () => {
  let store: TestStore;
  let server: Server;
  let base: string;
  const calls = trackCalls();
  const post = (path: string, body: unknown, token: string | null = TOKEN) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  let authFailures: AuthFailureLog;

  beforeAll(async () => {
    store = await openTestStore();
    authFailures = authFailureLog({
      db: store.db,
      logger: createLogger('silent'),
      limit: 10,
      now: () => Date.parse(`${DAY}T23:00:00Z`),
      manual: true,
    });
    await store.db.query(
      `INSERT INTO accounts (account_id, name, status) VALUES ('ACC-1', 'One', 'active'), ('ACC-2', 'Two', 'active'),
         ('ACC-3', 'Three', 'active'), ('ACC-9', 'Nine', 'active')`,
    );
    const config = loadConfig({ CSE_API_TOKEN: TOKEN, CSE_API_RATE_LIMIT: '100000' });
    const deps = {
      db: store.db,
      config,
      logger: createLogger('silent'),
      clock: fixedClock(`${DAY}T23:00:00Z`),
      queue: null,
      apiToken: TOKEN,
      authFailures,
    };
    server = await startHttpApi(productEventRoutes(deps), 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.cleanup();
  });

  it('stores group, identify and 10,000 track calls (500 one by one, the rest in batches), each once', async () => {
    for (let u = 1; u <= 30; u++) {
      const res = await post('/v1/group', {
        userId: `u${u}`,
        groupId: u <= 20 ? 'ACC-1' : 'ACC-2',
        messageId: `g-${u}`,
        timestamp: '2026-10-01T00:00:00Z',
      });
      expect(res.status).toBe(200);
    }
    expect(
      await (
        await post('/v1/identify', {
          userId: 'u1',
          messageId: 'identify-u1',
          traits: { email: 'u1@one.example', name: 'Una Ng', phone: '+44 20 7946 0958' },
        })
      ).json(),
    ).toEqual({
      success: true,
      accepted: 1,
      already_stored: 0,
    });
    // The audit log keeps what was called, never the person's traits.
    const [identify] = await store.db.query<{ args: Record<string, unknown> }>(
      "SELECT args FROM audit_log WHERE intent = 'record_product_events' ORDER BY id DESC LIMIT 1",
    );
    expect(identify?.args).toEqual({ calls: 1, types: ['identify'], message_ids: ['identify-u1'] });
    expect(JSON.stringify(identify)).not.toMatch(/u1@one\.example|Una Ng|7946/);
    for (const call of calls.slice(0, 500)) {
      const { type: _type, ...message } = call;
      expect((await post('/v1/track', message)).status).toBe(200);
    }
    for (let k = 500; k < calls.length; k += 500) {
      const res = await post('/v1/batch', { batch: calls.slice(k, k + 500) });
      expect(await res.json()).toEqual({ success: true, accepted: 500, already_stored: 0 });
    }
    // A retried batch stores nothing new.
    expect(await (await post('/v1/batch', { batch: calls.slice(9_500) })).json()).toEqual({
      success: true,
      accepted: 0,
      already_stored: 500,
    });
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM product_events WHERE kind = 'track'",
    );
    expect(n).toBe(10_000);
  });

  it('rolls the calls up into the expected usage rows: DAU, WAU, MAU, core actions and features', async () => {
    const result = await rollupUsageDay(store.db, DAY, usageRollupRules());
    const expected = expectedUsage(calls);
    const rows = await store.db.query<Record<string, number | string>>(
      `SELECT account_id, dau, wau, mau, seats_active, core_actions, features_used, features_total FROM usage
        WHERE date = $1 ORDER BY account_id`,
      [DAY],
    );
    expect(rows).toEqual(
      ['ACC-1', 'ACC-2', 'ACC-3'].map((account_id) => ({
        account_id,
        ...expected[account_id],
        seats_active: expected[account_id]?.mau,
        features_total: 8,
      })),
    );
    // Hand checks: every user calls within 30 days, so MAU is the account's users: 20, 10 and 6.
    expect([expected['ACC-1']?.mau, expected['ACC-2']?.mau, expected['ACC-3']?.mau]).toEqual([20, 10, 6]);
    const onDay = calls.filter((c) => c.timestamp.startsWith(DAY));
    expect(result).toEqual({
      day: DAY,
      accounts: 3,
      events: onDay.length,
      unattributed: onDay.filter((c) => c.context?.groupId === 'ACC-404').length,
    });
    expect(result.unattributed).toBeGreaterThan(0);
  });

  it('refuses a call without the token (audited), and names the bad field of an invalid one', async () => {
    expect((await post('/v1/track', calls[0], null)).status).toBe(401);
    await authFailures.close();
    const [audit] = await store.db.query<{ intent: string; error_code: string }>(
      "SELECT intent, error_code FROM audit_log WHERE actor = 'api:unauthenticated' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toEqual({ intent: 'record_product_events', error_code: 'unauthorized' });
    // A NUL inside a nested property (JSON allows \u0000; the database cannot store it) is cleaned, not a 500.
    const nul = await post('/v1/track', {
      userId: 'u1',
      event: 'Report Created',
      messageId: 'nul-1',
      timestamp: '2026-11-19T10:00:00Z',
      properties: { title: 'Q4\u0000 report', nested: { deep: ['a\u0000b'] } },
      context: { groupId: 'ACC-1' },
    });
    expect(nul.status).toBe(200);
    const [stored] = await store.db.query<{ payload: string }>(
      "SELECT body::text AS payload FROM product_events WHERE message_id = 'nul-1'",
    );
    expect(stored?.payload).toContain('Q4 report');
    expect(stored?.payload).not.toContain('\\u0000');
    const bad = await post('/v1/track', { event: 'Report Created' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string; problem: string }[] }).fields).toEqual([
      { field: 'userId', problem: 'send userId or anonymousId' },
    ]);
    const [ok] = await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE intent = 'record_product_events' AND outcome = 'ok' AND actor = 'api'",
    );
    expect(ok?.n).toBe(30 + 1 + 500 + 19 + 1 + 1);
  });

  it("runs the rollup as the scheduler's usage job for the day before", async () => {
    await store.db.query('DELETE FROM usage');
    const run = await runDay(
      {
        db: store.db,
        logger: createLogger('silent'),
        clock: fixedClock('2026-11-19T06:00:00Z'),
        notifier: null,
      },
      '2026-11-19',
    );
    expect(run.snapshot).not.toBeNull();
    const [job] = await store.db.query<{ summary: { day: string; accounts: number } }>(
      "SELECT summary FROM scheduled_runs WHERE job = 'usage_rollup' AND day = '2026-11-19'",
    );
    expect(job?.summary).toMatchObject({ day: DAY, accounts: 3 });
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM usage WHERE date = $1',
      [DAY],
    );
    expect(n).toBe(3);
  });
});
