import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeHubspot, startFakeHubspot } from '../../bench/fake-hubspot.ts';
import { type FakeZendesk, startFakeZendesk } from '../../bench/fake-zendesk.ts';
import { runCli } from '../helpers/run-cli.ts';
import { cliTestStore } from '../helpers/test-db.ts';

/** `cse sync` and `cse sources` as an operator runs them, against local HubSpot and Zendesk servers. */
describe('cse sync and cse sources', () => {
  let store: Awaited<ReturnType<typeof cliTestStore>>;
  let hubspot: FakeHubspot;
  let zendesk: FakeZendesk;
  const env = () => ({
    ...store.env,
    CSE_NOW: '2026-11-20T09:00:00Z',
    HUBSPOT_ACCESS_TOKEN: 'pat-cli-secret',
    HUBSPOT_API_BASE_URL: hubspot.url,
    ZENDESK_SUBDOMAIN: 'acme',
    ZENDESK_EMAIL: 'agent@vendor.example',
    ZENDESK_API_TOKEN: 'zd-cli-secret',
    ZENDESK_API_BASE_URL: zendesk.url,
  });

  beforeAll(async () => {
    store = await cliTestStore();
    hubspot = await startFakeHubspot({
      owners: [{ id: '7', email: 'kim@vendor.example' }],
      companies: Array.from({ length: 6 }, (_, k) => ({
        id: String(k + 1),
        properties: {
          name: `Firm ${k + 1}`,
          domain: `firm${k + 1}.example`,
          cs_segment: 'SMB',
          hubspot_owner_id: '7',
          hs_lastmodifieddate: `2026-11-0${k + 1}T00:00:00Z`,
        },
      })),
      contacts: [],
      deals: [],
    });
    zendesk = await startFakeZendesk({
      organizations: [{ id: 5, name: 'Firm 1', external_id: null, domain_names: ['firm1.example'] }],
      tickets: [
        {
          id: 77,
          organization_id: 5,
          created_at: '2026-11-10T10:00:00Z',
          updated_at: '2026-11-11T10:00:00Z',
          priority: 'urgent',
          status: 'open',
          subject: 'Export broken',
          description: 'Cannot export',
          satisfaction_rating: null,
        },
      ],
    });
  });
  afterAll(async () => {
    await hubspot.close();
    await zendesk.close();
    await store.cleanup();
  });

  it('previews five HubSpot companies without writing, then syncs HubSpot and Zendesk and lists both sources', async () => {
    const dry = await runCli(['sync', 'hubspot', '--dry-run'], env());
    expect(dry.stderr).toBe('');
    expect(dry.stdout.split('\n').filter((l) => l.startsWith('  company '))).toEqual(
      [1, 2, 3, 4, 5].map(
        (k) =>
          `  company ${k} "Firm ${k}" → account hubspot-${k} by new account; segment smb; CSM kim@vendor.example`,
      ),
    );
    expect((await runCli(['sources', '--json'], env())).stdout.trim()).toBe('[]');

    const hub = await runCli(['sync', 'hubspot'], env());
    expect(hub.code).toBe(0);
    expect(hub.stdout).toContain('HubSpot: 3 page(s): 6 companies, 6 accounts created');
    const zd = await runCli(['sync', 'zendesk'], env());
    expect(zd.stdout).toContain(
      'Zendesk: 1 page(s): 1 tickets, 0 tickets deleted, 0 tickets without account',
    );

    const listed = JSON.parse((await runCli(['sources', '--json'], env())).stdout) as {
      source: string;
      counts: object;
      last_error: null;
    }[];
    expect(listed.map((s) => [s.source, s.counts, s.last_error])).toEqual([
      [
        'hubspot',
        {
          companies: 6,
          accounts_created: 6,
          contacts: 0,
          contacts_without_company: 0,
          deals: 0,
          deals_without_company: 0,
          accounts_with_terms: 0,
        },
        null,
      ],
      ['zendesk', { tickets: 1, tickets_deleted: 0, tickets_without_account: 0 }, null],
    ]);
    const text = (await runCli(['sources'], env())).stdout;
    expect(text).toMatch(/^hubspot: last success 2026-11-20T09:00:00\.000Z; cursor \{"object":"companies"/m);
    expect(text + hub.stdout + hub.stderr).not.toContain('pat-cli-secret');
  });

  it('names the sources when asked for an unknown one, and says what to set when a source is not configured', async () => {
    const unknown = await runCli(['sync', 'salesforce'], env());
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("Unknown source 'salesforce'");
    expect(unknown.stderr).toContain('stripe, hubspot, zendesk');
    const bare = await runCli(['sync', 'zendesk'], store.env);
    expect(bare.stderr).toContain('Zendesk is not configured');
    expect(bare.stderr).toContain('ZENDESK_API_TOKEN');
  });
});
