import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeZendesk, type FakeZendeskData, startFakeZendesk } from '../../bench/fake-zendesk.ts';
import { loadConfig } from '../../core/config.ts';
import { zendeskReader } from '../../jobs/sync/zendesk-client.ts';
import { readZendeskPosition, syncZendesk } from '../../jobs/sync/zendesk-sync.ts';
import { zendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import { syncSource } from '../../store/repositories/sync-sources.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

const NOW = new Date('2026-11-20T09:00:00Z');
const PRIORITIES = ['urgent', 'high', 'normal', 'low', null];
const RATINGS = ['good', 'bad', 'offered', null];
/** Organisation 1 names its account by external_id, 2 by domain, 3 matches nothing; every seventh ticket has none. */
const ORG_OF = (k: number) => (k % 7 === 6 ? null : (k % 3) + 1);

const data = (): FakeZendeskData => ({
  organizations: [
    { id: 1, name: 'Beta Org', external_id: 'ACC-B', domain_names: [] },
    { id: 2, name: 'Acme Support', external_id: null, domain_names: ['other.example', 'Acme.example'] },
    { id: 3, name: 'Prospect', external_id: 'not-an-account', domain_names: ['prospect.example'] },
  ],
  tickets: Array.from({ length: 40 }, (_, k) => ({
    id: 1000 + k,
    organization_id: ORG_OF(k),
    created_at: new Date(Date.UTC(2026, 9, 1 + (k % 20), 8)).toISOString(),
    updated_at: new Date(Date.UTC(2026, 10, 1, k)).toISOString().replace('.000', ''),
    priority: PRIORITIES[k % 5] ?? null,
    status: k % 4 === 0 ? 'solved' : 'open',
    subject: `Ticket ${k}`,
    description: `Body of ticket ${k}`,
    satisfaction_rating: RATINGS[k % 4] ? { score: RATINGS[k % 4] } : null,
    tags: k % 2 ? ['billing'] : [],
    solved_at: k % 4 === 0 ? new Date(Date.UTC(2026, 10, 2, k)).toISOString() : null,
  })),
});
const expectedIds = (d: FakeZendeskData) =>
  d.tickets
    .filter((t) => t.organization_id === 1 || t.organization_id === 2)
    .map((t) => `zendesk-${t.id}`)
    .sort();

describe('Zendesk sync through node-zendesk against a local incremental export', () => {
  let store: TestStore;
  let fake: FakeZendesk;
  const waits: number[] = [];
  const reader = (requestsPerMinute = 10, pageSize = 7) =>
    zendeskReader(
      loadConfig({
        ZENDESK_SUBDOMAIN: 'acme',
        ZENDESK_EMAIL: 'agent@vendor.example',
        ZENDESK_API_TOKEN: 'zd-token-123',
        ZENDESK_API_BASE_URL: fake.url,
      }),
      {
        requestsPerMinute,
        pageSize,
        elapsed: () => fake.clock.now,
        wait: async (ms) => {
          waits.push(ms);
          fake.clock.now += ms;
        },
      },
    );
  const sync = async (perMinute?: number, since?: Date, pageSize?: number) =>
    syncZendesk({
      db: store.db,
      zendesk: await reader(perMinute, pageSize),
      mapping: zendeskMapping(),
      now: NOW,
      ...(since ? { since } : {}),
    });
  const ticketIds = async () =>
    (await store.db.query<{ ticket_id: string }>('SELECT ticket_id FROM tickets ORDER BY ticket_id')).map(
      (r) => r.ticket_id,
    );

  beforeAll(async () => {
    store = await openTestStore();
    fake = await startFakeZendesk(data());
    await store.db.query(
      `INSERT INTO accounts (account_id, name, domain, status) VALUES
        ('ACC-A', 'Acme', 'acme.example', 'active'), ('ACC-B', 'Beta', 'beta.example', 'active')`,
    );
  });
  afterAll(async () => {
    await fake.close();
    await store.cleanup();
  });

  it('resumes a sync killed mid-way from its stored cursor, every ticket exactly once, at 10 requests a minute', async () => {
    fake.failOn(3, 503);
    await expect(sync()).rejects.toThrow();
    const killed = await syncSource(store.db, 'zendesk');
    expect(killed?.pages).toBe(2);
    const position = readZendeskPosition(killed?.cursor ?? null);
    expect(position).toEqual({ cursor: expect.any(String) });
    expect((await store.db.query('SELECT count(*)::int AS n FROM tickets'))[0]).toEqual({ n: 8 });
    expect(killed?.last_error).not.toContain('zd-token-123');

    const resumed = await sync();
    expect(resumed.resumedFrom).toBe(killed?.cursor);
    expect(fake.requests[3]?.query.get('cursor')).toBe((position as { cursor: string }).cursor);
    expect(fake.requests[3]?.query.get('start_time')).toBeNull();
    expect(await ticketIds()).toEqual(expectedIds(fake.data));
    expect((await syncSource(store.db, 'zendesk'))?.counts).toEqual({
      tickets: 23,
      tickets_deleted: 0,
      tickets_without_account: 17,
    });
    // Paced to the export's limit: never two requests within six seconds, so never a 429.
    expect(fake.throttled).toBe(0);
    const run = fake.requests.slice(3);
    const gaps = run.slice(1).map((r, k) => r.at - (run[k]?.at ?? 0));
    expect(gaps).toHaveLength(3);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(6000);
    expect(
      fake.requests.every(
        (r) =>
          r.authorization ===
          `Basic ${Buffer.from('agent@vendor.example/token:zd-token-123').toString('base64')}`,
      ),
    ).toBe(true);
  });

  it('maps priority to severity, the solved time to resolved_at and ratings to CSAT, organisations by external_id or domain', async () => {
    const rows = await store.db.query(
      `SELECT ticket_id, account_id, severity, status, resolved_at::text IS NOT NULL AS resolved, csat, subject
         FROM tickets WHERE ticket_id IN ('zendesk-1000', 'zendesk-1001', 'zendesk-1004', 'zendesk-1005', 'zendesk-1003') ORDER BY ticket_id`,
    );
    expect(rows).toEqual([
      {
        ticket_id: 'zendesk-1000',
        account_id: 'ACC-B',
        severity: 'p1',
        status: 'solved',
        resolved: true,
        csat: 5,
        subject: 'Ticket 0',
      },
      {
        ticket_id: 'zendesk-1001',
        account_id: 'ACC-A',
        severity: 'p2',
        status: 'open',
        resolved: false,
        csat: 1,
        subject: 'Ticket 1',
      },
      {
        ticket_id: 'zendesk-1003',
        account_id: 'ACC-B',
        severity: 'p4',
        status: 'open',
        resolved: false,
        csat: null,
        subject: 'Ticket 3',
      },
      {
        ticket_id: 'zendesk-1004',
        account_id: 'ACC-A',
        severity: null,
        status: 'solved',
        resolved: true,
        csat: 5,
        subject: 'Ticket 4',
      },
    ]);
    const [solved] = await store.db.query<{ resolved_at: string }>(
      "SELECT to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS resolved_at FROM tickets WHERE ticket_id = 'zendesk-1004'",
    );
    expect(solved?.resolved_at).toBe('2026-11-02 04:00');
    const links = await store.db.query(
      "SELECT external_id, account_id, matched_by FROM sync_links WHERE source = 'zendesk' ORDER BY external_id",
    );
    expect(links).toEqual([
      { external_id: '1', account_id: 'ACC-B', matched_by: 'named id' },
      { external_id: '2', account_id: 'ACC-A', matched_by: 'domain' },
    ]);
  });

  it('reads only what changed on the next sync, removes deleted tickets, and honours Retry-After when the pace is exceeded', async () => {
    const t1 = fake.data.tickets.find((t) => t.id === 1001);
    const t3 = fake.data.tickets.find((t) => t.id === 1003);
    Object.assign(t1 ?? {}, { priority: 'urgent', updated_at: '2026-11-10T00:00:00Z' });
    Object.assign(t3 ?? {}, { status: 'deleted', updated_at: '2026-11-10T00:00:01Z' });
    const before = fake.requests.length;
    const result = await sync(600);
    expect(result.counts).toEqual({ tickets: 1, tickets_deleted: 1, tickets_without_account: 0 });
    expect(fake.requests.length - before).toBe(1);
    expect(
      (await store.db.query("SELECT severity FROM tickets WHERE ticket_id = 'zendesk-1001'"))[0],
    ).toEqual({ severity: 'p1' });
    expect(await ticketIds()).not.toContain('zendesk-1003');

    // Going faster than 10 a minute (20 pages at 100 a minute): the server answers 429 with
    // Retry-After; the sync waits what it says and finishes.
    fake.clock.now += 120_000;
    waits.length = 0;
    const full = await sync(100, new Date('2026-01-01T00:00:00Z'), 2);
    expect(fake.throttled).toBeGreaterThan(0);
    expect(waits.some((ms) => ms >= 1000)).toBe(true);
    expect(full.counts.tickets).toBe(22);
    expect(await ticketIds()).toEqual(expectedIds(fake.data).filter((id) => id !== 'zendesk-1003'));
  });

  it('stores the rest of a page around a poison record: NULs cleaned, a ticket without created_at and one the database refuses quarantined with their reasons, the cursor moved', async () => {
    const base = {
      organization_id: 1,
      updated_at: '2026-11-15T00:00:00Z',
      priority: 'normal',
      status: 'open',
      description: 'poison page',
      satisfaction_rating: null,
      tags: [] as string[],
    };
    fake.data.tickets.push(
      {
        ...base,
        id: 2001,
        created_at: '2026-11-14T08:00:00Z',
        subject: 'NUL \u0000 in the subject',
        tags: ['a\u0000b'],
      },
      { ...base, id: 2002, subject: 'no created_at' } as unknown as (typeof fake.data.tickets)[number],
      {
        ...base,
        id: 2003,
        created_at: '2026-11-14T09:00:00Z',
        subject: 'solved at no time',
        solved_at: 'soon-ish',
      },
      { ...base, id: 2004, created_at: '2026-11-14T10:00:00Z', subject: 'x'.repeat(200_000) },
      { ...base, id: 2005, created_at: '2026-11-14T11:00:00Z', subject: 'a plain ticket after them' },
    );
    const before = await syncSource(store.db, 'zendesk');
    fake.clock.now += 120_000;
    const result = await sync(600, undefined, 10);
    expect(result.counts).toMatchObject({ tickets: 3, quarantined: 2 });
    const stored = await store.db.query<{
      ticket_id: string;
      subject: string;
      attributes: { tags: string[] };
    }>(
      "SELECT ticket_id, left(subject, 30) AS subject, attributes FROM tickets WHERE ticket_id IN ('zendesk-2001', 'zendesk-2004', 'zendesk-2005') ORDER BY ticket_id",
    );
    expect(stored.map((r) => [r.ticket_id, r.subject, r.attributes.tags])).toEqual([
      ['zendesk-2001', 'NUL  in the subject', ['ab']],
      ['zendesk-2004', 'x'.repeat(30), []],
      ['zendesk-2005', 'a plain ticket after them', []],
    ]);
    const held = await store.db.query<{ external_id: string; reason: string }>(
      "SELECT external_id, reason FROM sync_quarantine WHERE source = 'zendesk' ORDER BY external_id",
    );
    expect(held.map((h) => h.external_id)).toEqual(['2002', '2003']);
    expect(held[0]?.reason).toBe('created_at is missing or not a time');
    expect(held[1]?.reason).toMatch(/^the database refused it: /);
    // The cursor moved past them: the next sync reads nothing again, and nothing is quarantined twice.
    const after = await syncSource(store.db, 'zendesk');
    expect(after?.cursor).not.toBe(before?.cursor);
    expect(after?.last_error).toBeNull();
    fake.clock.now += 120_000;
    const again = await sync(600, undefined, 10);
    expect(again.counts).toEqual({ tickets: 0, tickets_deleted: 0, tickets_without_account: 0 });
  });
});
