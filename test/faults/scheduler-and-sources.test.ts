import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../bench/fake-slack-api.ts';
import { type FakeZendesk, startFakeZendesk } from '../../bench/fake-zendesk.ts';
import { cse, DATABASE_URL, freePort, privateSchema, startCse, stop } from './helpers.ts';

/**
 * What a team running several processes on one PostgreSQL meets: two ticks of one day at once, a
 * vendor page with a record that cannot be stored, and Redis down when the server starts.
 */
const DAY = '2026-12-22';

let schema: ReturnType<typeof privateSchema>;
let env: Record<string, string>;
let slack: FakeSlackApi;
let zendesk: FakeZendesk;

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql.replaceAll('$schema', schema.schema))).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!DATABASE_URL) return;
  schema = privateSchema();
  slack = await new FakeSlackApi().start();
  zendesk = await startFakeZendesk(
    {
      organizations: [{ id: 1, name: 'Acme', external_id: 'ACC-00001', domain_names: [] }],
      tickets: [
        ...[1, 2, 3].map((k) => ({
          id: 7000 + k,
          organization_id: 1,
          created_at: `2026-11-2${k}T08:00:00Z`,
          updated_at: `2026-11-2${k}T09:00:00Z`,
          priority: 'high',
          status: 'open',
          subject: `Fault ticket ${k}`,
          description: 'body',
        })),
        // Poison: no creation time, and a solved time the database cannot read.
        {
          id: 7004,
          organization_id: 1,
          updated_at: '2026-11-23T09:30:00Z',
          priority: 'high',
          status: 'open',
          subject: 'No creation time',
          description: 'body',
        } as never,
        {
          id: 7005,
          organization_id: 1,
          created_at: '2026-11-23T08:00:00Z',
          updated_at: '2026-11-23T09:40:00Z',
          priority: 'high',
          status: 'solved',
          subject: 'Solved at no time',
          description: 'body',
          solved_at: 'soon-ish',
        },
      ],
    },
    { perMinute: 100_000 },
  );
  env = {
    DATABASE_URL,
    DATABASE_SCHEMA: schema.schema,
    CSE_NOW: `${DAY}T09:00:00Z`,
    SLACK_BOT_TOKEN: 'xoxb-fault-ticks',
    SLACK_SIGNING_SECRET: 'fault-ticks-secret',
    SLACK_API_URL: slack.apiUrl,
  };
  const demo = await cse(['demo', '--accounts', '60', '--as-of', '2026-11-24'], env);
  if (demo.code !== 0) throw new Error(demo.out);
});
afterAll(async () => {
  await slack?.stop();
  await zendesk?.close();
  await schema?.drop();
});

describe.runIf(DATABASE_URL)('one PostgreSQL, several processes', () => {
  it('two cse tick for one day: no crash, one run of the day, no DM sent twice', async () => {
    const [first, second] = await Promise.all([
      cse(['tick', '--as-of', DAY], env),
      cse(['tick', '--as-of', DAY], env),
    ]);
    expect([first.code, second.code], `${first.out}\n---\n${second.out}`).toEqual([0, 0]);
    for (const out of [first.out, second.out]) expect(out).not.toMatch(/duplicate key|This is a bug/);
    const runs = await query<{ job: string; finished: boolean }>(
      `SELECT job, finished_at IS NOT NULL AS finished FROM $schema.scheduled_runs WHERE day = '${DAY}' AND job = 'alerts'`,
    );
    expect(runs).toEqual([{ job: 'alerts', finished: true }]);
    const identities = await query<{ n: number; distinct_n: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (account_id, rule, reason_key))::int AS distinct_n
         FROM $schema.alerts WHERE state <> 'resolved'`,
    );
    expect(identities[0]?.n).toBe(identities[0]?.distinct_n);
    // Every post is one claimed send (DMs, digests, the leaders' week): one made twice would post twice.
    const sent = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM $schema.alert_sends WHERE kind IN ('dm', 'digest', 'leader_digest') AND sent_at IS NOT NULL AND channel <> ''`,
    );
    const dms = slack.callsTo('chat.postMessage').filter((c) => String(c.body.channel).startsWith('U'));
    expect(dms.length).toBe(sent[0]?.n ?? -1);
    expect(dms.length).toBeGreaterThan(0);
    const texts = dms.map((c) => `${String(c.body.channel)} ${String(c.body.text)}`);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('a connector page with poison records: the rest stored, the records quarantined with their reasons, the cursor moved', async () => {
    const zd = {
      ...env,
      ZENDESK_SUBDOMAIN: 'fault',
      ZENDESK_EMAIL: 'agent@vendor.example',
      ZENDESK_API_TOKEN: 'zd-fault',
      ZENDESK_API_BASE_URL: zendesk.url,
    };
    const synced = await cse(['sync', 'zendesk'], zd);
    expect(synced.code, synced.out).toBe(0);
    const tickets = await query<{ ticket_id: string }>(
      `SELECT ticket_id FROM $schema.tickets WHERE ticket_id LIKE 'zendesk-700%' ORDER BY ticket_id`,
    );
    expect(tickets.map((t) => t.ticket_id)).toEqual(['zendesk-7001', 'zendesk-7002', 'zendesk-7003']);
    const held = await query<{ external_id: string; reason: string }>(
      `SELECT external_id, reason FROM $schema.sync_quarantine WHERE source = 'zendesk' ORDER BY external_id`,
    );
    expect(held.map((h) => h.external_id)).toEqual(['7004', '7005']);
    const [source] = await query<{ cursor: string | null; last_error: string | null }>(
      `SELECT cursor, last_error FROM $schema.sync_sources WHERE source = 'zendesk'`,
    );
    expect(source?.cursor).not.toBeNull();
    expect(source?.last_error).toBeNull();
    const listed = await cse(['sources'], zd);
    expect(listed.out).toContain('2 record(s) quarantined');
  });

  it('Redis down when cse serve starts: it listens, /healthz answers within 5 s and says degraded', async () => {
    const port = await freePort();
    const deadRedis = await freePort();
    const { SLACK_BOT_TOKEN: _t, SLACK_SIGNING_SECRET: _s, SLACK_API_URL: _u, ...plain } = env;
    const serve = await startCse(
      ['serve', '--port', String(port)],
      { ...plain, REDIS_URL: `redis://127.0.0.1:${deadRedis}` },
      'serves the HTTP API only',
    );
    try {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
      const report = (await res.json()) as { ok: boolean; degraded: boolean; queue: { ok: boolean } };
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(report).toMatchObject({ ok: true, degraded: true, queue: { ok: false } });
      expect(serve.output()).not.toContain('Unhandled error event');
    } finally {
      expect(await stop(serve)).toBe(0);
    }
  });
});
