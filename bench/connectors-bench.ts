import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHttpApi } from '../bot/http/api-server.ts';
import { productEventRoutes } from '../bot/http/product-events-route.ts';
import { fixedClock } from '../core/clock.ts';
import { type Config, loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { hubspotReader } from '../jobs/sync/hubspot-client.ts';
import { syncHubspot } from '../jobs/sync/hubspot-sync.ts';
import { stripeReader } from '../jobs/sync/stripe-client.ts';
import { syncStripeInvoices } from '../jobs/sync/stripe-invoices.ts';
import { syncStripe } from '../jobs/sync/stripe-sync.ts';
import { zendeskReader } from '../jobs/sync/zendesk-client.ts';
import { syncZendesk } from '../jobs/sync/zendesk-sync.ts';
import { hubspotMapping } from '../knowledge/hubspot-mapping.ts';
import { mrrPolicy } from '../knowledge/mrr-policy.ts';
import { usageRollupRules } from '../knowledge/usage-rollup.ts';
import { zendeskMapping } from '../knowledge/zendesk-mapping.ts';
import type { Db } from '../store/db.ts';
import { createBillingAccount } from '../store/repositories/billing.ts';
import { connectorRowCounts, forgetSourceRows, sourcePages } from '../store/repositories/connector-rows.ts';
import { rollupUsageDay } from '../store/repositories/product-events.ts';
import { scratchStore } from '../store/scratch-store.ts';
import { startFakeHubspot } from './fake-hubspot.ts';
import { startFakeStripe } from './fake-stripe.ts';
import { startFakeZendesk } from './fake-zendesk.ts';

export interface ConnectorFigure {
  source: string;
  rows: number;
  first_rows_per_s: number;
  /** A second sync over unchanged data: a full pass for Stripe, an incremental one for the others. */
  again_s: number;
  /** A sync killed at its middle page, then resumed: pages the resumed run read, and the rows stored once each. */
  resume: { killed_after_pages: number; resumed_pages: number; rows_stored: number; exactly_once: boolean };
}

const NOW = new Date('2026-11-20T09:00:00Z');
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function withStore<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const store = await scratchStore(config);
  const db = await store.open();
  try {
    return await work(db);
  } finally {
    await db.close();
    await store.dispose();
  }
}

/** Runs a sync scripted to fail part-way, then again: the pages the killed run committed, and the resumed run. */
async function killAndResume<R extends { pages: number }>(
  db: Db,
  source: string,
  sync: () => Promise<R>,
): Promise<{ killed: boolean; killedPages: number; resumed: R }> {
  const before = await sourcePages(db, source);
  const killed = await sync().then(
    () => false,
    () => true,
  );
  const killedPages = (await sourcePages(db, source)) - before;
  return { killed, killedPages, resumed: await sync() };
}

/** Accounts ACC-0 … ACC-(n−1), which Zendesk organisations and product events name. */
async function createAccounts(db: Db, n: number): Promise<void> {
  await db.transaction(async (tx) => {
    for (let k = 0; k < n; k++)
      await createBillingAccount(tx, { account_id: `ACC-${k}`, name: `Account ${k}`, domain: null });
  });
}

/** The source's page size, smaller for a small run so that there is a middle page to kill. */
const pageFor = (n: number, vendorPage: number) => Math.min(vendorPage, Math.ceil(n / 4));

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Customer k as the API returns it expanded: its email's domain names its account. */
const benchCustomer = (k: number) => ({
  id: `cus_${k}`,
  object: 'customer',
  name: `Customer ${k}`,
  email: `ap@c${k}.example`,
  metadata: {},
});

function stripeSubscriptions(n: number) {
  return Array.from({ length: n }, (_, k) => ({
    id: `sub_${String(k).padStart(6, '0')}`,
    object: 'subscription',
    status: 'active',
    currency: 'usd',
    customer: benchCustomer(k),
    items: {
      object: 'list',
      data: [
        {
          id: `si_${k}`,
          quantity: 1 + (k % 25),
          current_period_end: 1796083200,
          price: {
            id: `price_${k % 3}`,
            unit_amount: [5000, 12000, 90000][k % 3],
            recurring: { interval: k % 3 === 2 ? 'year' : 'month', interval_count: 1 },
          },
        },
      ],
      has_more: false,
    },
    discounts: [],
    trial_end: null,
    cancel_at_period_end: false,
    ended_at: null,
    pause_collection: null,
  }));
}

const PRICES = {
  price_0: {
    id: 'price_0',
    unit_amount: 5000,
    currency: 'usd',
    recurring: { interval: 'month', interval_count: 1 },
  },
  price_1: {
    id: 'price_1',
    unit_amount: 12000,
    currency: 'usd',
    recurring: { interval: 'month', interval_count: 1 },
  },
  price_2: {
    id: 'price_2',
    unit_amount: 90000,
    currency: 'usd',
    recurring: { interval: 'year', interval_count: 1 },
  },
};

/** One invoice a subscription, for October 2026, one line each. */
function stripeInvoices(n: number) {
  const start = Date.UTC(2026, 9, 1) / 1000;
  return Array.from({ length: n }, (_, k) => {
    const unit = PRICES[`price_${k % 3}` as keyof typeof PRICES];
    const quantity = 1 + (k % 25);
    return {
      id: `in_${String(k).padStart(6, '0')}`,
      object: 'invoice',
      status: k % 50 === 0 ? 'open' : 'paid',
      currency: 'usd',
      amount_due: unit.unit_amount * quantity,
      created: start,
      due_date: start + 30 * 86_400,
      attempt_count: k % 50 === 0 ? 2 : 1,
      status_transitions: { finalized_at: start, paid_at: k % 50 === 0 ? null : start + 60 },
      customer: benchCustomer(k),
      lines: {
        object: 'list',
        has_more: false,
        data: [
          {
            id: `il_${k}`,
            amount: unit.unit_amount * quantity,
            currency: 'usd',
            quantity,
            period: {
              start,
              end: unit.recurring.interval === 'year' ? start + 365 * 86_400 : Date.UTC(2026, 10, 1) / 1000,
            },
            pricing: { price_details: { price: unit.id } },
            parent: {
              subscription_item_details: {
                subscription: `sub_${String(k).padStart(6, '0')}`,
                proration: false,
              },
            },
            discount_amounts: [],
            discounts: [],
          },
        ],
      },
    };
  });
}

async function stripeBench(config: Config, n: number): Promise<ConnectorFigure[]> {
  const fake = await startFakeStripe(stripeSubscriptions(n), { invoices: stripeInvoices(n), prices: PRICES });
  const reader = await stripeReader(
    loadConfig({ STRIPE_SECRET_KEY: 'sk_bench', STRIPE_API_BASE_URL: fake.url }),
    { maxNetworkRetries: 0 },
  );
  const pageSize = pageFor(n, 100);
  const sync = (db: Db) => syncStripe({ db, stripe: reader, policy: mrrPolicy(), now: NOW, pageSize });
  try {
    return await withStore(config, async (db) => {
      const first = await timed(() => sync(db));
      const again = await timed(() => sync(db));
      const pages = Math.ceil(n / pageSize);
      await forgetSourceRows(db, 'stripe');
      fake.failOn(fake.requests.length + Math.ceil(pages / 2) + 1, 500);
      const { killed, killedPages, resumed } = await killAndResume(db, 'stripe', () => sync(db));
      const stored = (await connectorRowCounts(db)).subscription_mrr;
      const invoices = (db2: Db) =>
        syncStripeInvoices({ db: db2, stripe: reader, policy: mrrPolicy(), now: NOW, pageSize });
      const firstInvoices = await timed(() => invoices(db));
      const againInvoices = await timed(() => invoices(db));
      await forgetSourceRows(db, 'stripe-invoices');
      fake.failOn(
        Math.ceil(pages / 2) + 1 + fake.requests.filter((r) => r.path === '/v1/invoices').length,
        500,
        {},
        '/v1/invoices',
      );
      const invoiceRun = await killAndResume(db, 'stripe-invoices', () => invoices(db));
      const invoicesStored = (await connectorRowCounts(db)).invoices;
      const invoiceFigure: ConnectorFigure = {
        source: 'stripe invoices (+ past months from lines)',
        rows: n,
        first_rows_per_s: rate(firstInvoices.value.invoices, firstInvoices.ms),
        again_s: seconds(againInvoices.ms),
        resume: {
          killed_after_pages: invoiceRun.killedPages,
          resumed_pages: invoiceRun.resumed.pages,
          rows_stored: invoicesStored,
          exactly_once: invoicesStored === n && invoiceRun.killed,
        },
      };
      return [
        {
          source: 'stripe (subscriptions → MRR rows)',
          rows: n,
          first_rows_per_s: rate(first.value.subscriptions, first.ms),
          again_s: seconds(again.ms),
          resume: {
            killed_after_pages: killedPages,
            resumed_pages: resumed.pages,
            rows_stored: stored,
            exactly_once: stored === n && killed,
          },
        },
        invoiceFigure,
      ];
    });
  } finally {
    await fake.close();
  }
}

async function hubspotBench(config: Config, n: number): Promise<ConnectorFigure> {
  const stamp = (k: number) => new Date(Date.UTC(2026, 9, 1) + k * 60_000).toISOString();
  const fake = await startFakeHubspot({
    owners: [{ id: '1', email: 'csm@vendor.example' }],
    companies: Array.from({ length: n }, (_, k) => ({
      id: String(k + 1),
      properties: {
        name: `Company ${k}`,
        domain: `c${k}.example`,
        cs_segment: 'SMB',
        hubspot_owner_id: '1',
        hs_lastmodifieddate: stamp(k),
      },
    })),
    contacts: Array.from({ length: n }, (_, k) => ({
      id: String(k + 1),
      properties: {
        firstname: `P${k}`,
        email: `p${k}@c${k}.example`,
        cs_role: 'Champion',
        lastmodifieddate: stamp(k),
      },
      companies: [{ id: String(k + 1), labels: [] }],
    })),
    deals: Array.from({ length: n }, (_, k) => ({
      id: String(k + 1),
      properties: {
        pipeline: 'renewals',
        dealstage: 'open',
        closedate: '2027-03-01T00:00:00Z',
        amount: '12000',
        hs_lastmodifieddate: stamp(k),
      },
      companies: [{ id: String(k + 1), labels: [] }],
    })),
  });
  const reader = await hubspotReader(
    loadConfig({ HUBSPOT_ACCESS_TOKEN: 'pat-bench', HUBSPOT_API_BASE_URL: fake.url }),
  );
  const pageSize = pageFor(n, 100);
  const sync = (db: Db) =>
    syncHubspot({ db, hubspot: reader, mapping: hubspotMapping(), now: NOW, pageSize });
  try {
    return await withStore(config, async (db) => {
      const first = await timed(() => sync(db));
      const again = await timed(() => sync(db));
      const rows = 3 * n;
      // Start over: no cursor, no links, contacts or deals, so the resumed run must write each once.
      await forgetSourceRows(db, 'hubspot');
      const pages = Math.ceil(n / pageSize);
      fake.failOn(fake.requests.length + 1 + Math.ceil(pages / 2), 500);
      const { killed, killedPages, resumed } = await killAndResume(db, 'hubspot', () => sync(db));
      const { hubspot_companies: links, contacts, deals } = await connectorRowCounts(db);
      return {
        source: 'hubspot (companies, contacts, deals)',
        rows,
        first_rows_per_s: rate(rows, first.ms),
        again_s: seconds(again.ms),
        resume: {
          killed_after_pages: killedPages,
          resumed_pages: resumed.pages,
          rows_stored: links + contacts + deals,
          exactly_once: links === n && contacts === n && deals === n && killed,
        },
      };
    });
  } finally {
    await fake.close();
  }
}

async function zendeskBench(config: Config, n: number): Promise<ConnectorFigure> {
  const fake = await startFakeZendesk(
    {
      organizations: Array.from({ length: 50 }, (_, k) => ({
        id: k + 1,
        name: `Org ${k}`,
        external_id: `ACC-${k}`,
        domain_names: [],
      })),
      tickets: Array.from({ length: n }, (_, k) => ({
        id: k + 1,
        organization_id: (k % 50) + 1,
        created_at: new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString(),
        updated_at: new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString(),
        priority: ['urgent', 'high', 'normal', 'low'][k % 4] ?? null,
        status: k % 3 ? 'open' : 'solved',
        subject: `Ticket ${k}`,
        description: 'body',
        satisfaction_rating: { score: k % 2 ? 'good' : 'bad' },
        solved_at: k % 3 ? null : new Date(Date.UTC(2026, 0, 2) + k * 60_000).toISOString(),
      })),
    },
    { perMinute: 1_000_000 },
  );
  // The export's pace (10 requests a minute) is left out: this measures the sync, not the wait.
  const pageSize = pageFor(n, 1000);
  const reader = await zendeskReader(
    loadConfig({
      ZENDESK_SUBDOMAIN: 'bench',
      ZENDESK_EMAIL: 'a@b.example',
      ZENDESK_API_TOKEN: 'zd-bench',
      ZENDESK_API_BASE_URL: fake.url,
    }),
    { requestsPerMinute: 600_000, pageSize },
  );
  const sync = (db: Db) => syncZendesk({ db, zendesk: reader, mapping: zendeskMapping(), now: NOW });
  try {
    return await withStore(config, async (db) => {
      await createAccounts(db, 50);
      const first = await timed(() => sync(db));
      const again = await timed(() => sync(db));
      await forgetSourceRows(db, 'zendesk');
      const pages = Math.ceil(n / pageSize);
      fake.failOn(fake.requests.length + Math.ceil(pages / 2) + 1, 503);
      const { killed, killedPages, resumed } = await killAndResume(db, 'zendesk', () => sync(db));
      const stored = (await connectorRowCounts(db)).tickets;
      return {
        source: 'zendesk (tickets)',
        rows: n,
        first_rows_per_s: rate(first.value.counts.tickets ?? 0, first.ms),
        again_s: seconds(again.ms),
        resume: {
          killed_after_pages: killedPages,
          resumed_pages: resumed.pages,
          rows_stored: stored,
          exactly_once: stored === n && killed,
        },
      };
    });
  } finally {
    await fake.close();
  }
}

async function eventsBench(config: Config, n: number): Promise<ConnectorFigure & { rollup_s: number }> {
  return withStore(config, async (db) => {
    await createAccounts(db, 50);
    const token = 'bench-token';
    const deps = {
      db,
      config: loadConfig({ CSE_API_TOKEN: token, CSE_API_RATE_LIMIT: '1000000' }),
      logger: createLogger('silent'),
      clock: fixedClock(NOW),
      queue: null,
      apiToken: token,
    };
    const server: Server = await startHttpApi(productEventRoutes(deps), 0);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/batch`;
    const calls = Array.from({ length: n }, (_, k) => ({
      type: 'track',
      messageId: `b-${k}`,
      userId: `u${k % 500}`,
      event: ['Report Created', 'Export Run', 'Dashboard Viewed'][k % 3],
      timestamp: new Date(NOW.getTime() - (k % 30) * 86_400_000).toISOString(),
      context: { groupId: `ACC-${k % 50}` },
    }));
    const send = async () => {
      for (let k = 0; k < n; k += 500)
        await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ batch: calls.slice(k, k + 500) }),
        });
    };
    try {
      const first = await timed(send);
      const again = await timed(send);
      const stored = (await connectorRowCounts(db)).product_events;
      const rollup = await timed(() =>
        rollupUsageDay(db, NOW.toISOString().slice(0, 10), usageRollupRules()),
      );
      return {
        source: 'product events (track calls in batches of 500)',
        rows: n,
        first_rows_per_s: rate(n, first.ms),
        again_s: seconds(again.ms),
        // Calls are idempotent by messageId: a resent batch is the "resume".
        resume: {
          killed_after_pages: 0,
          resumed_pages: Math.ceil(n / 500),
          rows_stored: stored,
          exactly_once: stored === n,
        },
        rollup_s: seconds(rollup.ms),
      };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
}

/**
 * Each connector against its local fake, on a scratch store of the configured driver: rows a
 * second on a first sync of `records` records (HubSpot: that many each of companies, contacts and
 * deals; Zendesk and events: twice that many tickets and calls), a second sync, and a sync
 * killed at its middle page then resumed, checked for every row exactly once.
 */
export async function runConnectorsBench(
  config: Config,
  options: { records: number; onProgress?: (message: string) => void },
): Promise<ConnectorFigure[]> {
  const say = options.onProgress ?? (() => undefined);
  const n = options.records;
  say(`connectors: Stripe, ${n} subscriptions and ${n} invoices`);
  const stripe = await stripeBench(config, n);
  say(`connectors: HubSpot, ${n} each of companies, contacts and deals`);
  const hubspot = await hubspotBench(config, n);
  say(`connectors: Zendesk, ${2 * n} tickets`);
  const zendesk = await zendeskBench(config, 2 * n);
  say(`connectors: product events, ${2 * n} track calls`);
  const events = await eventsBench(config, 2 * n);
  return [...stripe, hubspot, zendesk, events];
}
