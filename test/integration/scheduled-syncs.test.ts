import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeZendesk, startFakeZendesk } from '../../bench/fake-zendesk.ts';
import { freePort } from '../../bench/slack-request.ts';
import { fixedClock } from '../../core/clock.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { runDay, schedulerPass } from '../../jobs/daily-run.ts';
import { configuredSources } from '../../jobs/sync/scheduled-syncs.ts';
import { listSyncSources } from '../../store/repositories/sync-sources.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

describe("the scheduler's daily sync of each configured source", () => {
  let store: TestStore;
  let zendesk: FakeZendesk;
  let deadPort: number;
  /** Zendesk configured against the local export. */
  const zendeskSettings = () => ({
    ZENDESK_SUBDOMAIN: 'acme',
    ZENDESK_EMAIL: 'a@vendor.example',
    ZENDESK_API_TOKEN: 'zd-scheduled',
    ZENDESK_API_BASE_URL: zendesk.url,
  });

  beforeAll(async () => {
    store = await openTestStore();
    deadPort = await freePort();
    zendesk = await startFakeZendesk({
      organizations: [{ id: 1, name: 'Acme', external_id: 'ACC-1', domain_names: [] }],
      tickets: [1, 2, 3].map((id) => ({
        id,
        organization_id: 1,
        created_at: '2026-11-10T10:00:00Z',
        updated_at: `2026-11-1${id}T10:00:00Z`,
        priority: 'high',
        status: 'open',
        subject: `T${id}`,
        description: 'd',
      })),
    });
    await store.db.query(
      "INSERT INTO accounts (account_id, name, status) VALUES ('ACC-1', 'Acme', 'active')",
    );
  });
  afterAll(async () => {
    await zendesk.close();
    await store.cleanup();
  });

  it('syncs every configured source before the snapshot; a source that fails is recorded and the day goes on', async () => {
    const config = loadConfig({
      ...zendeskSettings(),
      HUBSPOT_ACCESS_TOKEN: 'pat-scheduled-secret',
      HUBSPOT_API_BASE_URL: `http://127.0.0.1:${deadPort}`,
    });
    expect(configuredSources(config)).toEqual(['hubspot', 'zendesk']);
    const day = '2026-11-20';
    const run = await runDay(
      {
        db: store.db,
        config,
        logger: createLogger('silent'),
        clock: fixedClock(`${day}T05:00:00Z`),
        notifier: null,
      },
      day,
    );
    expect(run.snapshot?.accounts).toBe(1);
    const [job] = await store.db.query<{ summary: Record<string, unknown> }>(
      "SELECT summary FROM scheduled_runs WHERE job = 'syncs' AND day = $1",
      [day],
    );
    expect(job?.summary.zendesk).toEqual({ tickets: 3, tickets_deleted: 0, tickets_without_account: 0 });
    expect(job?.summary.hubspot).toEqual({ error: expect.stringMatching(/ECONNREFUSED|connect/) });
    const sources = await listSyncSources(store.db);
    expect(sources.map((s) => [s.source, s.last_error === null])).toEqual([
      ['hubspot', false],
      ['zendesk', true],
    ]);
    expect(sources[0]?.last_error).not.toContain('pat-scheduled-secret');
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
    expect(n).toBe(3);
  });

  it('defers a source whose vendor asks to wait an hour: the day runs on at once, and the sync runs by itself after the wait', async () => {
    const config = loadConfig(zendeskSettings());
    zendesk.data.tickets.push({
      id: 4,
      organization_id: 1,
      created_at: '2026-11-21T10:00:00Z',
      updated_at: '2026-11-21T10:00:00Z',
      priority: 'high',
      status: 'open',
      subject: 'T4',
      description: 'd',
    });
    zendesk.failOn(zendesk.requests.length + 1, 429, { 'retry-after': '3600' });
    const day = '2026-11-21';
    const parts = (at: string) => ({
      db: store.db,
      config,
      logger: createLogger('silent'),
      clock: fixedClock(at),
      notifier: null,
    });
    const run = await runDay(parts(`${day}T05:00:00Z`), day);
    // The snapshot and the alerts ran: the day did not wait the hour.
    expect(run.snapshot?.accounts).toBe(1);
    expect(run.alerts).not.toBeNull();
    const [job] = await store.db.query<{ summary: Record<string, unknown> }>(
      "SELECT summary FROM scheduled_runs WHERE job = 'syncs' AND day = $1",
      [day],
    );
    expect(job?.summary.zendesk).toEqual({ deferred_until: '2026-11-21T06:00:00.000Z' });
    const deferred = (await listSyncSources(store.db)).find((s) => s.source === 'zendesk');
    expect(deferred?.deferred_until).toBe('2026-11-21T06:00:00.000Z');
    // Before the wait is over, a pass leaves it; after, one pass runs it, and only one.
    await schedulerPass(parts(`${day}T05:30:00Z`));
    expect((await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets'))[0]?.n).toBe(3);
    await schedulerPass(parts(`${day}T06:01:00Z`));
    expect((await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets'))[0]?.n).toBe(4);
    expect((await listSyncSources(store.db)).find((s) => s.source === 'zendesk')?.deferred_until).toBeNull();
  });
});
