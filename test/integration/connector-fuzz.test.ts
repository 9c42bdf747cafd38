import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCrmObject, startFakeHubspot } from '../../bench/fake-hubspot.ts';
import { startFakeStripe } from '../../bench/fake-stripe.ts';
import { type FakeZendeskData, startFakeZendesk } from '../../bench/fake-zendesk.ts';
import { loadConfig } from '../../core/config.ts';
import { SeededRandom } from '../../core/random.ts';
import { hubspotReader } from '../../jobs/sync/hubspot-client.ts';
import { syncHubspot } from '../../jobs/sync/hubspot-sync.ts';
import { stripeReader } from '../../jobs/sync/stripe-client.ts';
import { syncStripeInvoices } from '../../jobs/sync/stripe-invoices.ts';
import { syncStripe } from '../../jobs/sync/stripe-sync.ts';
import { zendeskReader } from '../../jobs/sync/zendesk-client.ts';
import { syncZendesk } from '../../jobs/sync/zendesk-sync.ts';
import { hubspotMapping } from '../../knowledge/hubspot-mapping.ts';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { zendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import { syncSource } from '../../store/repositories/sync-sources.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

/**
 * 1,000 vendor records through the three connectors, half of them broken the ways real exports
 * break (a field missing, a NUL inside text, a string of 100,000 characters, a value of the wrong
 * type): no sync fails, nothing internal escapes, every good record is stored, a broken one is
 * stored clean or quarantined with its reason, and each cursor reaches the end.
 */
const NOW = new Date('2026-11-30T12:00:00Z');
const rng = new SeededRandom(20261204);

type Json = Record<string, unknown>;

/**
 * What a vendor always sends (ids, the export's ordering field, a CRM object's properties object,
 * the associations the fake serves): never broken by the fuzz; everything inside them may be.
 */
const KEPT = new Set([
  'id',
  'updated_at',
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'companies',
  // Stripe's SDK parses this one itself and refuses the whole response when it is not a decimal.
  'unit_amount_decimal',
]);
/**
 * Containers a vendor's response always has in its shape (a CRM object's properties; the lists
 * and prices Stripe's SDK walks to coerce decimal strings, and refuses the whole response without):
 * never removed or replaced, but everything inside them may be broken.
 */
const CONTAINERS = new Set(['properties', 'lines', 'items', 'data', 'pricing', 'price']);

/** Every path to a value inside a record (objects and arrays), leaves and branches alike. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, k) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      KEPT.has(k)
        ? []
        : CONTAINERS.has(k)
          ? paths(v, [...prefix, k])
          : [[...prefix, k], ...paths(v, [...prefix, k])],
    );
  return [];
}

/** Breaks one thing in a record, in place; says what. */
function breakRecord(record: Json): string {
  const all = paths(record);
  const path = rng.pick(all);
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Json)[k as string], record) as Json;
  const key = path.at(-1) as string;
  const current = parent[key];
  const how = rng.pick(['missing', 'nul', 'huge', 'type'] as const);
  if (how === 'missing') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (how === 'nul') parent[key] = typeof current === 'string' ? `${current}\u0000x` : '\u0000';
  else if (how === 'huge') parent[key] = 'y'.repeat(100_000);
  else parent[key] = typeof current === 'number' ? 'not a number' : typeof current === 'string' ? 42 : null;
  return `${how} ${path.join('.')}`;
}

/** Half the records broken, each once; the ids of those broken. */
function breakHalf(records: Json[]): Set<string> {
  const broken = new Set<string>();
  for (const r of records)
    if (rng.chance(0.5)) {
      breakRecord(r);
      broken.add(String(r.id));
    }
  return broken;
}

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
  await store.db.query(
    `INSERT INTO accounts (account_id, name, domain, status) VALUES
       ('ACC-Z1', 'Zed One', 'zed-one.example', 'active'), ('ACC-Z2', 'Zed Two', 'zed-two.example', 'active')`,
  );
});
afterAll(async () => store?.cleanup());

const quarantined = async (source: string) =>
  (
    await store.db.query<{ external_id: string; reason: string }>(
      'SELECT external_id, reason FROM sync_quarantine WHERE source = $1',
      [source],
    )
  ).map((r) => r.external_id);

describe('connector fuzz: 1,000 records, half of them broken', () => {
  it('Zendesk: 400 tickets', async () => {
    const tickets = Array.from({ length: 400 }, (_, k) => ({
      id: 5000 + k,
      organization_id: (k % 2) + 1,
      created_at: new Date(Date.UTC(2026, 9, 1 + (k % 28), 8)).toISOString(),
      updated_at: new Date(Date.UTC(2026, 10, 1, 0, k)).toISOString(),
      priority: ['urgent', 'high', 'normal', 'low'][k % 4] as string,
      status: k % 3 ? 'open' : 'solved',
      subject: `Fuzz ticket ${k}`,
      description: `Body ${k}`,
      satisfaction_rating: { score: k % 2 ? 'good' : 'bad' },
      tags: ['fuzz'],
      solved_at: k % 3 ? null : new Date(Date.UTC(2026, 10, 2, k % 24)).toISOString(),
    }));
    const broken = breakHalf(tickets);
    const data: FakeZendeskData = {
      organizations: [
        { id: 1, name: 'Zed One', external_id: 'ACC-Z1', domain_names: [] },
        { id: 2, name: 'Zed Two', external_id: null, domain_names: ['zed-two.example'] },
      ],
      tickets: tickets as unknown as FakeZendeskData['tickets'],
    };
    const fake = await startFakeZendesk(data, { perMinute: 100_000 });
    try {
      const clock = { now: 0 };
      const zendesk = await zendeskReader(
        loadConfig({
          ZENDESK_SUBDOMAIN: 'fuzz',
          ZENDESK_EMAIL: 'agent@vendor.example',
          ZENDESK_API_TOKEN: 'zd-fuzz',
          ZENDESK_API_BASE_URL: fake.url,
        }),
        { requestsPerMinute: 100_000, pageSize: 50, elapsed: () => clock.now, wait: async () => undefined },
      );
      const result = await syncZendesk({ db: store.db, zendesk, mapping: zendeskMapping(), now: NOW });
      const stored = new Set(
        (
          await store.db.query<{ ticket_id: string }>(
            "SELECT ticket_id FROM tickets WHERE ticket_id LIKE 'zendesk-5%'",
          )
        ).map((r) => r.ticket_id.slice('zendesk-'.length)),
      );
      const held = await quarantined('zendesk');
      for (const t of tickets.filter((t) => !broken.has(String(t.id))))
        expect(stored.has(String(t.id))).toBe(true);
      expect(held.filter((id) => !broken.has(id))).toEqual([]);
      expect(held.length).toBeGreaterThan(0);
      expect(result.counts.quarantined).toBe(held.length);
      expect((await syncSource(store.db, 'zendesk'))?.last_error).toBeNull();
    } finally {
      await fake.close();
    }
  });

  it('HubSpot: 100 companies, 100 contacts and 100 deals', async () => {
    const stamp = (k: number) => new Date(Date.UTC(2026, 10, 1, 0, k)).toISOString();
    const companies: FakeCrmObject[] = Array.from({ length: 100 }, (_, k) => ({
      id: String(100 + k),
      properties: {
        name: `Fuzz Co ${k}`,
        domain: `fuzz-${k}.example`,
        cs_segment: 'Enterprise',
        industry: 'Software',
        hubspot_owner_id: '501',
        hs_lastmodifieddate: stamp(k),
      },
    }));
    const contacts: FakeCrmObject[] = Array.from({ length: 100 }, (_, k) => ({
      id: String(300 + k),
      properties: {
        firstname: `First${k}`,
        lastname: `Last${k}`,
        email: `c${k}@fuzz-${k}.example`,
        cs_role: 'Champion',
        jobtitle: 'Ops',
        lastmodifieddate: stamp(k),
      },
      companies: [{ id: String(100 + k), labels: [] }],
    }));
    const deals: FakeCrmObject[] = Array.from({ length: 100 }, (_, k) => ({
      id: String(500 + k),
      properties: {
        dealname: `Renewal ${k}`,
        pipeline: 'renewals',
        dealstage: 'qualifiedtobuy',
        closedate: '2027-02-01T00:00:00Z',
        amount: '12000',
        hs_lastmodifieddate: stamp(k),
      },
      companies: [{ id: String(100 + k), labels: [] }],
    }));
    const broken = new Set([
      ...breakHalf(companies as unknown as Json[]),
      ...breakHalf(contacts as unknown as Json[]),
      ...breakHalf(deals as unknown as Json[]),
    ]);
    const fake = await startFakeHubspot({
      owners: [{ id: '501', email: 'owner@vendor.example' }],
      companies,
      contacts,
      deals,
    });
    try {
      const hubspot = await hubspotReader(
        loadConfig({ HUBSPOT_ACCESS_TOKEN: 'pat-fuzz', HUBSPOT_API_BASE_URL: fake.url }),
        { wait: async () => undefined },
      );
      await syncHubspot({ db: store.db, hubspot, mapping: hubspotMapping(), now: NOW, pageSize: 25 });
      const held = await quarantined('hubspot');
      expect(held.filter((id) => !broken.has(id))).toEqual([]);
      const ids = async (sql: string) =>
        new Set((await store.db.query<{ id: string }>(sql)).map((r) => r.id));
      const linked = await ids(
        "SELECT external_id AS id FROM sync_links WHERE source = 'hubspot' AND object_type = 'company'",
      );
      for (const c of companies.filter((c) => !broken.has(c.id))) expect(linked.has(c.id)).toBe(true);
      const storedContacts = await ids(
        "SELECT substr(contact_id, length('hubspot-') + 1) AS id FROM contacts WHERE contact_id LIKE 'hubspot-%'",
      );
      for (const c of contacts.filter((c) => !broken.has(c.id) && linked.has(c.companies?.[0]?.id ?? '')))
        expect(storedContacts.has(c.id)).toBe(true);
      expect((await syncSource(store.db, 'hubspot'))?.last_error).toBeNull();
    } finally {
      await fake.close();
    }
  });

  it('Stripe: 150 subscriptions and 150 invoices', async () => {
    const customer = (k: number) => ({
      id: `cus_fz_${k}`,
      object: 'customer',
      name: `Fuzz ${k}`,
      email: `b@fz${k}.example`,
      metadata: {},
    });
    const period = { start: Date.UTC(2026, 10, 1) / 1000, end: Date.UTC(2026, 11, 1) / 1000 };
    const subscriptions: Json[] = Array.from({ length: 150 }, (_, k) => ({
      id: `sub_fz_${k}`,
      object: 'subscription',
      status: 'active',
      currency: 'usd',
      customer: customer(k),
      items: {
        object: 'list',
        data: [
          {
            id: `si_fz_${k}`,
            quantity: 2,
            current_period_end: period.end,
            price: { id: `price_fz`, unit_amount: 5000, recurring: { interval: 'month', interval_count: 1 } },
          },
        ],
      },
      discounts: [],
      trial_end: null,
      current_period_end: period.end,
      cancel_at_period_end: false,
      ended_at: null,
      pause_collection: null,
    }));
    const invoices: Json[] = Array.from({ length: 150 }, (_, k) => ({
      id: `in_fz_${k}`,
      object: 'invoice',
      status: 'paid',
      currency: 'usd',
      amount_due: 10000,
      created: period.start + k * 60,
      due_date: period.start + 30 * 86_400,
      attempt_count: 1,
      status_transitions: { finalized_at: period.start + k * 60, paid_at: period.start + k * 60 + 60 },
      customer: customer(k),
      lines: {
        object: 'list',
        has_more: false,
        data: [
          {
            id: `il_fz_${k}`,
            object: 'line_item',
            amount: 10000,
            currency: 'usd',
            quantity: 2,
            period: { ...period },
            pricing: {
              type: 'price_details',
              price_details: { price: 'price_fz' },
              unit_amount_decimal: '5000',
            },
            parent: {
              type: 'subscription_item_details',
              subscription_item_details: { subscription: `sub_fz_${k}`, proration: false },
            },
            discount_amounts: [],
            discounts: [],
          },
        ],
      },
    }));
    const broken = new Set([...breakHalf(subscriptions), ...breakHalf(invoices)]);
    const fake = await startFakeStripe(subscriptions, {
      invoices,
      prices: {
        price_fz: {
          id: 'price_fz',
          unit_amount: 5000,
          currency: 'usd',
          recurring: { interval: 'month', interval_count: 1 },
        },
      },
    });
    try {
      const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_fuzz', STRIPE_API_BASE_URL: fake.url });
      const stripe = await stripeReader(config, { maxNetworkRetries: 0 });
      await syncStripe({ db: store.db, stripe, policy: mrrPolicy(), now: NOW, pageSize: 50 });
      await syncStripeInvoices({ db: store.db, stripe, policy: mrrPolicy(), now: NOW, pageSize: 50 });
      const held = [...(await quarantined('stripe')), ...(await quarantined('stripe-invoices'))];
      expect(held.filter((id) => !broken.has(id))).toEqual([]);
      const stored = new Set(
        (
          await store.db.query<{ id: string }>(
            "SELECT subscription_id AS id FROM billing_subscription_mrr UNION SELECT substr(invoice_id, length('stripe-') + 1) FROM invoices WHERE invoice_id LIKE 'stripe-in_fz_%'",
          )
        ).map((r) => r.id),
      );
      for (const r of [...subscriptions, ...invoices].filter((r) => !broken.has(String(r.id))))
        expect(stored.has(String(r.id)), String(r.id)).toBe(true);
      expect(held.length).toBeGreaterThan(0);
      for (const source of ['stripe', 'stripe-invoices'])
        expect((await syncSource(store.db, source))?.last_error ?? null, source).toBeNull();
    } finally {
      await fake.close();
    }
  });
});
