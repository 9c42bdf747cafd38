import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../../bench/fake-stripe.ts';
import { loadConfig } from '../../core/config.ts';
import { stripeReader } from '../../jobs/sync/stripe-client.ts';
import { syncStripeInvoices } from '../../jobs/sync/stripe-invoices.ts';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { syncSource } from '../../store/repositories/sync-sources.ts';
import type { BillingInvoice } from '../../tools/billing/invoice-line-mrr.ts';
import { INVOICES } from '../fixtures/stripe/invoice-lines.ts';
import { stripeFixture } from '../helpers/stripe-fixture.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

const fixture = stripeFixture();
const NOW = new Date('2026-11-30T12:00:00Z');
/** Payment attempts per invoice (1 unless listed): the past-due invoice failed twice; the weekly one was paid on its second try. */
const ATTEMPTS: Record<string, number> = { in_past_due: 2, in_weekly: 2, in_draft: 0 };

/** The fixture's invoices as the API returns them: customer expanded, lines with pricing, parent and discounts. */
function apiInvoice(invoice: BillingInvoice, k: number) {
  const created = Date.UTC(2026, 9, 1) / 1000 + k * 3600;
  return {
    id: invoice.id,
    object: 'invoice',
    status: invoice.status,
    currency: invoice.lines[0]?.currency ?? 'usd',
    amount_due: invoice.lines.reduce((s, l) => s + l.amount, 0),
    created,
    due_date: created + 30 * 86_400,
    attempt_count: ATTEMPTS[invoice.id] ?? 1,
    status_transitions: {
      finalized_at: created + 60,
      paid_at: invoice.status === 'paid' ? created + 120 : null,
    },
    customer: {
      id: invoice.customer,
      object: 'customer',
      name: `Customer ${invoice.customer.slice(4)}`,
      email: `billing@${invoice.customer.slice(4)}.example`,
      metadata: invoice.customer === 'cus_monthly' ? { account_id: 'ACC-M' } : {},
    },
    lines: {
      object: 'list',
      has_more: false,
      data: invoice.lines.map((l) => ({
        id: l.id,
        object: 'line_item',
        amount: l.amount,
        currency: l.currency,
        quantity: l.quantity,
        period: l.period,
        pricing: {
          type: 'price_details',
          price_details: { price: `price_${l.id}` },
          unit_amount_decimal: String(l.unit_amount),
        },
        parent: {
          type: 'subscription_item_details',
          subscription_item_details: { subscription: l.subscription, proration: l.proration },
        },
        discount_amounts: l.discounts.map((d, j) => ({ amount: d.amount, discount: `di_${l.id}_${j}` })),
        discounts: l.discounts.map((d, j) => ({
          id: `di_${l.id}_${j}`,
          object: 'discount',
          source: { type: 'coupon', coupon: { id: `co_${j}`, object: 'coupon', duration: d.duration } },
        })),
      })),
    },
  };
}

const prices = Object.fromEntries(
  INVOICES.flatMap((i) => i.lines).map((l) => [
    `price_${l.id}`,
    { id: `price_${l.id}`, unit_amount: l.unit_amount, currency: l.currency, recurring: l.recurring },
  ]),
);

describe('Stripe invoices: invoices, failed payments and past months through the SDK', () => {
  let store: TestStore;
  let fake: FakeStripe;
  const sync = async (pageSize = 100) =>
    syncStripeInvoices({
      db: store.db,
      stripe: await stripeReader(
        loadConfig({ STRIPE_SECRET_KEY: 'sk_test_invoices', STRIPE_API_BASE_URL: fake.url }),
        { maxNetworkRetries: 0 },
      ),
      policy: mrrPolicy(),
      now: NOW,
      pageSize,
    });

  beforeAll(async () => {
    store = await openTestStore();
    fake = await startFakeStripe([], { invoices: INVOICES.map(apiInvoice), prices });
    await store.db.query(
      `INSERT INTO accounts (account_id, name, domain, status) VALUES ('ACC-M', 'Monthly Co', 'monthly.example', 'active')`,
    );
  });
  afterAll(async () => {
    await fake.close();
    await store.cleanup();
  });

  it('resumes a sync killed after its second page, every invoice once, then rebuilds October from the lines', async () => {
    fake.failOn(3, 500, {}, '/v1/invoices');
    await expect(sync(5)).rejects.toThrow('scripted failure');
    const killed = await syncSource(store.db, 'stripe-invoices');
    expect(killed?.pages).toBe(2);
    expect(killed?.cursor).toBe(INVOICES[9]?.id);
    const resumed = await sync(5);
    expect(resumed.pages).toBe(3);
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM invoices WHERE invoice_id LIKE 'stripe-%'",
    );
    expect(n).toBe(INVOICES.length - 1);
    // The annual invoice covers January 2026 on: those months hold its $1,000 a month alone.
    expect(resumed.months).toEqual(
      Array.from({ length: 10 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`),
    );
    const january = await store.db.query(
      "SELECT account_id, mrr_cents::int AS mrr FROM revenue WHERE month = '2026-01-01'",
    );
    expect(january).toEqual([{ account_id: 'stripe-cus_annual', mrr: 100_000 }]);
  });

  it("writes each account's October MRR as computed by hand, from invoices", async () => {
    const rows = await store.db.query<{
      account_id: string;
      mrr_cents: string;
      attributes: { subscriptions: string[] };
    }>(
      "SELECT account_id, mrr_cents, attributes FROM revenue WHERE month = '2026-10-01' ORDER BY account_id",
    );
    const byAccount = new Map(rows.map((r) => [r.account_id, Number(r.mrr_cents)]));
    for (const c of fixture.cases) {
      const account = c.customer === 'cus_monthly' ? 'ACC-M' : `stripe-${c.customer}`;
      expect(byAccount.get(account) ?? 0, c.case).toBe(c.expected_mrr_cents['2026-10']);
    }
    expect(rows.reduce((s, r) => s + Number(r.mrr_cents), 0)).toBe(fixture.expected_totals_cents['2026-10']);
    // November is the current month: left to the live subscriptions.
    const [{ november } = { november: 0 }] = await store.db.query<{ november: number }>(
      "SELECT count(*)::int AS november FROM revenue WHERE month = '2026-11-01'",
    );
    expect(november).toBe(0);
  });

  it('maps invoice statuses and records failed payment attempts as payment_failed events', async () => {
    const invoices = await store.db.query(
      `SELECT invoice_id, status, amount_cents::int AS amount, to_char(paid_at, 'YYYY-MM-DD') AS paid_at FROM invoices
        WHERE invoice_id IN ('stripe-in_past_due', 'stripe-in_void', 'stripe-in_eur', 'stripe-in_weekly') ORDER BY invoice_id`,
    );
    expect(invoices).toEqual([
      { invoice_id: 'stripe-in_eur', status: 'paid', amount: 10800, paid_at: '2026-10-01' },
      { invoice_id: 'stripe-in_past_due', status: 'failed', amount: 25000, paid_at: null },
      { invoice_id: 'stripe-in_void', status: 'void', amount: 99900, paid_at: null },
      { invoice_id: 'stripe-in_weekly', status: 'paid', amount: 5000, paid_at: '2026-10-01' },
    ]);
    const events = await store.db.query(
      'SELECT event_id, account_id, type, details FROM events ORDER BY event_id',
    );
    expect(events).toEqual([
      {
        event_id: 'stripe-payment-failed-in_past_due',
        account_id: 'stripe-cus_past_due',
        type: 'payment_failed',
        details: 'Invoice in_past_due: 2 failed payment attempt(s)',
      },
      {
        event_id: 'stripe-payment-failed-in_weekly',
        account_id: 'stripe-cus_weekly',
        type: 'payment_failed',
        details: 'Invoice in_weekly: 1 failed payment attempt(s), since paid',
      },
    ]);
    // A second sync changes nothing: rows replaced, events once.
    await sync();
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(n).toBe(2);
  });
});
