import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCrmObject, type FakeHubspot, startFakeHubspot } from '../../bench/fake-hubspot.ts';
import { loadConfig } from '../../core/config.ts';
import { hubspotReader } from '../../jobs/sync/hubspot-client.ts';
import { previewHubspot, readHubspotCursor, syncHubspot } from '../../jobs/sync/hubspot-sync.ts';
import { hubspotMapping } from '../../knowledge/hubspot-mapping.ts';
import { syncSource } from '../../store/repositories/sync-sources.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

const NOW = new Date('2026-11-20T09:00:00Z');
const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString();

/** Three named companies, then 30 more (three of them modified at the same minute). */
const companies: FakeCrmObject[] = [
  {
    id: '1',
    properties: {
      name: 'Acme Corp',
      domain: 'www.acme.example',
      cs_segment: 'Enterprise',
      hubspot_owner_id: '501',
      industry: 'Software',
      hs_lastmodifieddate: minute(1),
    },
  },
  {
    id: '2',
    properties: {
      name: 'Globex',
      domain: 'globex.example',
      cs_account_id: 'ACC-G',
      cs_segment: 'Mid-Market',
      hubspot_owner_id: '502',
      hs_lastmodifieddate: minute(2),
    },
  },
  {
    id: '3',
    properties: {
      name: 'Initech',
      domain: 'initech.example',
      cs_segment: 'Tier 9',
      hs_lastmodifieddate: minute(3),
    },
  },
  ...Array.from({ length: 30 }, (_, k) => ({
    id: String(100 + k),
    properties: {
      name: `Company ${100 + k}`,
      domain: `c${100 + k}.example`,
      hs_lastmodifieddate: minute(k >= 10 && k <= 12 ? 20 : 10 + k),
    },
  })),
];
const contacts: FakeCrmObject[] = [
  {
    id: '11',
    properties: {
      firstname: 'Ann',
      lastname: 'Lee',
      email: 'Ann@acme.example',
      cs_role: 'Champion',
      jobtitle: 'VP Ops',
      lastmodifieddate: minute(1),
    },
    companies: [{ id: '1', labels: [] }],
  },
  {
    id: '12',
    properties: {
      firstname: 'Bob',
      lastname: 'Stone',
      email: 'bob@acme.example',
      notes_last_contacted: '2026-10-30T15:00:00Z',
      lastmodifieddate: minute(2),
    },
    companies: [{ id: '1', labels: ['Executive Sponsor'] }],
  },
  { id: '13', properties: { firstname: 'Orphan', email: 'o@nowhere.example', lastmodifieddate: minute(3) } },
  {
    id: '14',
    properties: {
      firstname: 'Cy',
      email: 'cy@globex.example',
      cs_role: 'Intern',
      lastmodifieddate: minute(4),
    },
    companies: [{ id: '2', labels: [] }],
  },
];
const deals: FakeCrmObject[] = [
  {
    id: '21',
    properties: {
      dealname: 'Acme new',
      pipeline: 'default',
      dealstage: 'closedwon',
      dealtype: 'newbusiness',
      closedate: '2025-12-15T00:00:00Z',
      amount: '48000',
      hs_lastmodifieddate: minute(1),
    },
    companies: [{ id: '1', labels: [] }],
  },
  {
    id: '22',
    properties: {
      dealname: 'Acme renewal 2026',
      pipeline: 'renewals',
      dealstage: 'appointmentscheduled',
      closedate: '2026-12-15T00:00:00Z',
      amount: '52000',
      hs_lastmodifieddate: minute(2),
    },
    companies: [{ id: '1', labels: [] }],
  },
  {
    id: '23',
    properties: {
      dealname: 'Globex upsell',
      pipeline: 'default',
      dealstage: 'closedlost',
      dealtype: 'existingbusiness',
      closedate: '2026-03-01T00:00:00Z',
      amount: '9000',
      hs_lastmodifieddate: minute(3),
    },
    companies: [{ id: '2', labels: [] }],
  },
  {
    id: '24',
    properties: {
      dealname: 'Globex renewal',
      pipeline: 'renewals',
      dealstage: 'qualifiedtobuy',
      closedate: '2027-02-01T00:00:00Z',
      amount: 'n/a',
      hs_lastmodifieddate: minute(4),
    },
    companies: [{ id: '2', labels: [] }],
  },
];

describe('HubSpot sync through @hubspot/api-client against a local server', () => {
  let store: TestStore;
  let fake: FakeHubspot;
  const waits: number[] = [];
  const reader = () =>
    hubspotReader(loadConfig({ HUBSPOT_ACCESS_TOKEN: 'pat-test-1', HUBSPOT_API_BASE_URL: fake.url }), {
      wait: async (ms) => {
        waits.push(ms);
      },
    });
  const sync = async (extra: { since?: Date } = {}) =>
    syncHubspot({
      db: store.db,
      hubspot: await reader(),
      mapping: hubspotMapping(),
      now: NOW,
      pageSize: 4,
      searchWindow: 12,
      ...extra,
    });
  const account = async (id: string) =>
    (
      await store.db.query<Record<string, unknown>>(
        `SELECT name, domain, segment, industry, csm, arr_cents::int AS arr_cents, to_char(renewal_date, 'YYYY-MM-DD') AS renewal_date,
                to_char(contract_start, 'YYYY-MM-DD') AS contract_start FROM accounts WHERE account_id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    store = await openTestStore();
    fake = await startFakeHubspot(
      {
        owners: [
          { id: '501', email: 'Jo@Vendor.example' },
          { id: '502', email: 'sam@vendor.example' },
        ],
        companies,
        contacts,
        deals,
      },
      { window: 12 },
    );
    await store.db.query(
      `INSERT INTO accounts (account_id, name, domain, status, segment) VALUES ('ACC-1', 'Acme', 'acme.example', 'active', 'smb')`,
    );
    await store.db.query(
      `INSERT INTO users (user_id, name, email, role) VALUES ('u-jo', 'Jo', 'jo@vendor.example', 'csm')`,
    );
  });
  afterAll(async () => {
    await fake.close();
    await store.cleanup();
  });

  it('shows five mapped companies, contacts and deals on a dry run and writes nothing', async () => {
    const before = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
    const preview = await previewHubspot({
      db: store.db,
      hubspot: await reader(),
      mapping: hubspotMapping(),
    });
    expect(preview.companies).toHaveLength(5);
    expect(preview.companies.slice(0, 3)).toEqual([
      {
        company: '1',
        account: 'ACC-1',
        via: 'domain',
        name: 'Acme Corp',
        segment: 'enterprise',
        csm: 'u-jo',
      },
      {
        company: '2',
        account: 'ACC-G',
        via: 'new account',
        name: 'Globex',
        segment: 'mid-market',
        csm: 'sam@vendor.example',
      },
      { company: '3', account: 'hubspot-3', via: 'new account', name: 'Initech', segment: null, csm: null },
    ]);
    expect(preview.contacts.map((c) => [c.contact, c.account, c.role, c.roleFrom])).toEqual([
      ['11', 'ACC-1', 'champion', 'property'],
      ['12', 'ACC-1', 'exec_sponsor', 'association label'],
      ['13', null, null, null],
      ['14', 'ACC-G', null, null],
    ]);
    expect(preview.deals.map((d) => [d.deal, d.renewal, d.won, d.closeDate, d.arrCents])).toEqual([
      ['21', false, true, '2025-12-15', 4_800_000],
      ['22', true, false, '2026-12-15', 5_200_000],
      ['23', true, false, '2026-03-01', 900_000],
      ['24', true, false, '2027-02-01', null],
    ]);
    expect(await store.db.query('SELECT count(*)::int AS n FROM accounts')).toEqual(before);
    expect(await syncSource(store.db, 'hubspot')).toBeNull();
  });

  it('resumes a sync killed mid-way from its cursor, past the search window, each record once', async () => {
    // Requests: 1 owners, then company pages of 4. Kill the fourth company page (request 5).
    fake.failOn(fake.requests.length + 5, 500);
    await expect(sync()).rejects.toThrow();
    const killed = await syncSource(store.db, 'hubspot');
    // Three pages of four reach the window of 12: the cursor is a new query from the twelfth record's time.
    expect(readHubspotCursor(killed?.cursor ?? null)).toEqual({
      object: 'companies',
      after: null,
      since: { companies: Date.parse(minute(18)) },
    });
    expect(killed?.counts).toEqual({ companies: 12, accounts_created: 11 });
    expect(killed?.last_error).toContain('500');
    expect(killed?.last_error).not.toContain('pat-test-1');

    const before = fake.requests.length;
    const resumed = await sync();
    expect(resumed.resumedFrom).toBe(killed?.cursor);
    const searches = fake.requests.slice(before).filter((r) => r.path.endsWith('/companies/search'));
    expect(searches[0]?.body).toMatchObject({
      limit: 4,
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(minute(18))) },
          ],
        },
      ],
    });
    expect(searches.every((r) => Number(r.body?.after ?? 0) + 4 <= 12)).toBe(true);
    const [{ links, distinct } = { links: 0, distinct: 0 }] = await store.db.query<{
      links: number;
      distinct: number;
    }>(
      "SELECT count(*)::int AS links, count(DISTINCT account_id)::int AS distinct FROM sync_links WHERE source = 'hubspot'",
    );
    expect({ links, distinct }).toEqual({ links: 33, distinct: 33 });
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM accounts WHERE account_id LIKE 'hubspot-%' OR account_id IN ('ACC-1', 'ACC-G')",
    );
    expect(n).toBe(33);
  });

  it('maps companies, contacts and deals into accounts, contacts and renewals, the CSM from the owner', async () => {
    expect(await account('ACC-1')).toEqual({
      name: 'Acme Corp',
      domain: 'acme.example',
      segment: 'enterprise',
      industry: 'Software',
      csm: 'u-jo',
      arr_cents: 4_800_000,
      renewal_date: '2026-12-15',
      contract_start: '2025-12-15',
    });
    expect(await account('ACC-G')).toEqual({
      name: 'Globex',
      domain: 'globex.example',
      segment: 'mid-market',
      industry: null,
      csm: 'sam@vendor.example',
      arr_cents: null,
      renewal_date: '2027-02-01',
      contract_start: null,
    });
    expect(await account('hubspot-3')).toMatchObject({ segment: null, csm: null });
    const people = await store.db.query(
      "SELECT contact_id, account_id, name, title, email, role, to_char(last_engaged_at, 'YYYY-MM-DD') AS engaged FROM contacts ORDER BY contact_id",
    );
    expect(people).toEqual([
      {
        contact_id: 'hubspot-11',
        account_id: 'ACC-1',
        name: 'Ann Lee',
        title: 'VP Ops',
        email: 'ann@acme.example',
        role: 'champion',
        engaged: null,
      },
      {
        contact_id: 'hubspot-12',
        account_id: 'ACC-1',
        name: 'Bob Stone',
        title: null,
        email: 'bob@acme.example',
        role: 'exec_sponsor',
        engaged: '2026-10-30',
      },
      {
        contact_id: 'hubspot-14',
        account_id: 'ACC-G',
        name: 'Cy',
        title: null,
        email: 'cy@globex.example',
        role: null,
        engaged: null,
      },
    ]);
    expect((await syncSource(store.db, 'hubspot'))?.counts).toMatchObject({
      contacts: 3,
      contacts_without_company: 1,
      deals: 4,
      accounts_with_terms: 2,
    });
    expect(fake.requests.every((r) => r.authorization === 'Bearer pat-test-1')).toBe(true);
  });

  it('syncs incrementally by modified date, honouring a 429 with Retry-After', async () => {
    const stored = readHubspotCursor((await syncSource(store.db, 'hubspot'))?.cursor ?? null);
    expect(stored).toEqual({
      object: 'companies',
      after: null,
      since: {
        companies: Date.parse(minute(39)),
        contacts: Date.parse(minute(4)),
        deals: Date.parse(minute(4)),
      },
    });
    (fake.data.companies[1] as FakeCrmObject).properties = {
      ...(fake.data.companies[1] as FakeCrmObject).properties,
      cs_segment: 'Enterprise',
      hs_lastmodifieddate: minute(60),
    };
    (fake.data.deals[3] as FakeCrmObject).properties = {
      ...(fake.data.deals[3] as FakeCrmObject).properties,
      dealstage: 'closedwon',
      amount: '30000',
      hs_lastmodifieddate: minute(61),
    };
    const before = fake.requests.length;
    fake.failOn(before + 2, 429, { 'retry-after': '7' });
    const result = await sync();
    expect(waits).toContain(7000);
    expect(result.counts).toEqual({
      companies: 2,
      accounts_created: 0,
      contacts: 1,
      contacts_without_company: 0,
      deals: 1,
      deals_without_company: 0,
      accounts_with_terms: 1,
    });
    const first = fake.requests.slice(before).find((r) => r.path.endsWith('/companies/search'));
    expect(first?.body?.filterGroups).toEqual([
      {
        filters: [
          { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(minute(39))) },
        ],
      },
    ]);
    expect(await account('ACC-G')).toMatchObject({
      segment: 'enterprise',
      arr_cents: 3_000_000,
      renewal_date: '2028-02-01',
      contract_start: '2027-02-01',
    });
  });

  it('a company that changes owner moves its account’s open alerts to the new CSM, in its history', async () => {
    await store.db.query(
      `INSERT INTO alerts (alert_id, account_id, rule, reason_key, owner, severity, state, reason, evidence, inputs_key, since, raised_on, last_seen, updated_at)
       VALUES ('AL-HS-1', 'ACC-G', 'champion_left', '', 'sam@vendor.example', 'critical', 'open', 'Champion left.', '[]', 'x', '2026-11-19', '2026-11-19', '2026-11-19', '2026-11-19T09:00:00Z')`,
    );
    (fake.data.companies[1] as FakeCrmObject).properties = {
      ...(fake.data.companies[1] as FakeCrmObject).properties,
      hubspot_owner_id: '501',
      hs_lastmodifieddate: minute(70),
    };
    const result = await sync();
    expect(result.counts).toMatchObject({ companies: 1, alerts_moved: 1 });
    expect(await account('ACC-G')).toMatchObject({ csm: 'u-jo' });
    const [alert] = await store.db.query<{ owner: string; state: string }>(
      "SELECT owner, state FROM alerts WHERE alert_id = 'AL-HS-1'",
    );
    // Told to the new owner: back to new, so the next run DMs them (or holds it for their digest).
    expect(alert).toEqual({ owner: 'u-jo', state: 'new' });
    const history = await store.db.query<{ from_owner: string; to_owner: string; by: string; at: string }>(
      "SELECT from_owner, to_owner, by, at FROM alert_history WHERE alert_id = 'AL-HS-1'",
    );
    expect(history).toEqual([
      { from_owner: 'sam@vendor.example', to_owner: 'u-jo', by: 'hubspot sync', at: NOW.toISOString() },
    ]);
  });
});
