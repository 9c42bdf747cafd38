import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../../bench/fake-stripe.ts';
import { loadConfig } from '../../core/config.ts';
import { stripeReader } from '../../jobs/sync/stripe-client.ts';
import { syncStripe } from '../../jobs/sync/stripe-sync.ts';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { syncSource } from '../../store/repositories/sync-sources.ts';
import type { BillingSubscription } from '../../tools/billing/subscription-mrr.ts';
import { stripeFixture } from '../helpers/stripe-fixture.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

const fixture = stripeFixture();

/** The customer behind each case: one named by metadata, one by email domain, the rest new. */
function customerObject(id: string) {
  if (id === 'cus_monthly')
    return {
      id,
      object: 'customer',
      name: 'Monthly Co',
      email: 'ap@monthly.example',
      metadata: { account_id: 'ACC-M' },
    };
  if (id === 'cus_annual')
    return { id, object: 'customer', name: 'Annual Ltd', email: 'billing@annual.example', metadata: {} };
  return {
    id,
    object: 'customer',
    name: `Customer ${id.slice(4)}`,
    email: `billing@${id.slice(4)}.example`,
    metadata: {},
  };
}

/** A fixture snapshot as the API returns it: items as a list with their period, discounts expanded. */
function apiSubscription(s: BillingSubscription) {
  return {
    id: s.id,
    object: 'subscription',
    status: s.status,
    currency: s.currency,
    customer: customerObject(s.customer),
    items: {
      object: 'list',
      data: s.items.map((item, k) => ({
        id: `si_${s.id}_${k}`,
        object: 'subscription_item',
        quantity: item.quantity,
        current_period_end: s.current_period_end,
        price: {
          id: `price_${s.id}_${k}`,
          object: 'price',
          currency: s.currency,
          unit_amount: item.price.unit_amount,
          recurring: item.price.recurring,
        },
      })),
      has_more: false,
    },
    discounts: s.discount
      ? [
          {
            id: `di_${s.id}`,
            object: 'discount',
            source: { type: 'coupon', coupon: { id: `co_${s.id}`, object: 'coupon', ...s.discount.coupon } },
          },
        ]
      : [],
    trial_end: s.trial_end,
    cancel_at_period_end: s.cancel_at_period_end,
    ended_at: s.ended_at,
    pause_collection: s.pause_collection,
  };
}

const NOW = new Date((fixture.month_ends['2026-11'] as number) * 1000);
const subscriptions = fixture.cases.map((c) =>
  apiSubscription(c.snapshots['2026-11'] as BillingSubscription),
);

describe('Stripe sync through the official SDK against a local server', () => {
  let store: TestStore;
  let fake: FakeStripe;
  const config = () => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_fixture', STRIPE_API_BASE_URL: fake.url });
  const revenue = () =>
    store.db.query<{
      account_id: string;
      mrr_cents: string;
      attributes: { subscriptions: string[]; policy: string };
    }>(
      "SELECT account_id, mrr_cents, attributes FROM revenue WHERE month = '2026-11-01' ORDER BY account_id",
    );

  beforeAll(async () => {
    store = await openTestStore();
    fake = await startFakeStripe(subscriptions);
    await store.db.query(
      `INSERT INTO accounts (account_id, name, domain, status) VALUES
        ('ACC-M', 'Monthly Co', 'monthly.example', 'active'), ('ACC-A', 'Annual Ltd', 'annual.example', 'active')`,
    );
  });
  afterAll(async () => {
    await fake.close();
    await store.cleanup();
  });

  it('resumes a sync killed after its second page from the cursor, every subscription exactly once', async () => {
    fake.failOn(3, 400);
    const stripe = await stripeReader(config(), { maxNetworkRetries: 0 });
    await expect(
      syncStripe({ db: store.db, stripe, policy: mrrPolicy(), now: NOW, pageSize: 5 }),
    ).rejects.toThrow('scripted failure');
    const killed = await syncSource(store.db, 'stripe');
    expect(killed).toMatchObject({
      cursor: 'sub_past_due',
      pages: 2,
      counts: { subscriptions: 10 },
      last_error: 'scripted failure',
    });

    const resumed = await syncStripe({ db: store.db, stripe, policy: mrrPolicy(), now: NOW, pageSize: 5 });
    expect(resumed).toMatchObject({ resumedFrom: 'sub_past_due', pages: 2, subscriptions: 6 });
    expect(fake.requests.at(-2)?.query.get('starting_after')).toBe('sub_past_due');
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM billing_subscription_mrr',
    );
    expect(n).toBe(16);
    expect(await syncSource(store.db, 'stripe')).toMatchObject({
      cursor: null,
      last_error: null,
      counts: { subscriptions: 16 },
    });
  });

  it("writes each account's month-end MRR as computed by hand, naming its subscriptions and the policy", async () => {
    const rows = await revenue();
    const byAccount = new Map(rows.map((r) => [r.account_id, r]));
    expect(rows.reduce((s, r) => s + Number(r.mrr_cents), 0)).toBe(fixture.expected_totals_cents['2026-11']);
    for (const c of fixture.cases) {
      const account =
        c.customer === 'cus_monthly'
          ? 'ACC-M'
          : c.customer === 'cus_annual'
            ? 'ACC-A'
            : `stripe-${c.customer}`;
      expect(Number(byAccount.get(account)?.mrr_cents), c.case).toBe(c.expected_mrr_cents['2026-11']);
      expect(byAccount.get(account)?.attributes).toMatchObject({
        policy: 'mrr-policy-1',
        subscriptions: [c.snapshots['2026-11']?.id],
      });
    }
    const [created] = await store.db.query<{ name: string; domain: string }>(
      "SELECT name, domain FROM accounts WHERE account_id = 'stripe-cus_eur'",
    );
    expect(created).toEqual({ name: 'Customer eur', domain: 'eur.example' });
    expect(fake.requests.every((r) => r.authorization === 'Bearer sk_test_fixture')).toBe(true);
  });

  it('honours a 429 with Retry-After and backs off, and a second sync replaces rows rather than adding', async () => {
    const before = fake.requests.length;
    fake.failOn(before + 1, 429, { 'retry-after': '0' });
    const stripe = await stripeReader(config(), { maxNetworkRetries: 2 });
    const again = await syncStripe({ db: store.db, stripe, policy: mrrPolicy(), now: NOW, pageSize: 100 });
    expect(again).toMatchObject({
      resumedFrom: null,
      pages: 1,
      subscriptions: 16,
      mrrCents: fixture.expected_totals_cents['2026-11'],
    });
    expect(fake.requests.length - before).toBe(2);
    const rows = await revenue();
    expect(rows.reduce((s, r) => s + Number(r.mrr_cents), 0)).toBe(fixture.expected_totals_cents['2026-11']);
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM billing_subscription_mrr',
    );
    expect(n).toBe(16);
  });
});
