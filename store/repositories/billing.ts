import type { BillingInvoice, BillingInvoiceLine } from '../../tools/billing/invoice-line-mrr.ts';
import type { InvoiceRow, PaymentFailedEvent } from '../../tools/billing/invoice-record.ts';
import type { Queryable } from '../db.ts';

export interface SubscriptionMrrRow {
  subscription_id: string;
  month: string;
  source: string;
  account_id: string;
  customer_id: string;
  mrr_cents: number;
  native_amount: number;
  currency: string;
  flags: string[];
  policy_version: string;
  synced_at: string;
}

/**
 * Writes subscriptions' month-end MRR (again: a re-sync replaces a row, never adds one), then sets
 * each touched account's revenue row for the month to the sum of its subscriptions, naming them in
 * the row's attributes.
 */
export async function saveSubscriptionMrr(tx: Queryable, rows: readonly SubscriptionMrrRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO billing_subscription_mrr (subscription_id, month, source, account_id, customer_id, mrr_cents,
            native_amount, currency, flags, policy_version, synced_at)
     SELECT r.subscription_id, r.month::date, r.source, r.account_id, r.customer_id, r.mrr_cents, r.native_amount,
            r.currency, ARRAY(SELECT json_array_elements_text(r.flags)), r.policy_version, r.synced_at
       FROM json_to_recordset($1::json) AS r(subscription_id text, month text, source text, account_id text,
            customer_id text, mrr_cents bigint, native_amount bigint, currency text, flags json, policy_version text,
            synced_at timestamptz)
     ON CONFLICT (subscription_id, month) DO UPDATE SET account_id = EXCLUDED.account_id,
            customer_id = EXCLUDED.customer_id, mrr_cents = EXCLUDED.mrr_cents, native_amount = EXCLUDED.native_amount,
            currency = EXCLUDED.currency, flags = EXCLUDED.flags, policy_version = EXCLUDED.policy_version,
            synced_at = EXCLUDED.synced_at`,
    [JSON.stringify(rows)],
  );
  await tx.query(
    `WITH touched AS (SELECT DISTINCT r.account_id, r.month::date AS month
                        FROM json_to_recordset($1::json) AS r(account_id text, month text)),
          sums AS (SELECT t.account_id, t.month, sum(b.mrr_cents)::bigint AS mrr_cents,
                          jsonb_build_object('source', min(b.source), 'policy', min(b.policy_version),
                            'subscriptions', jsonb_agg(b.subscription_id ORDER BY b.subscription_id)) AS attributes
                     FROM touched t JOIN billing_subscription_mrr b USING (account_id, month)
                    GROUP BY t.account_id, t.month)
     INSERT INTO revenue (account_id, month, mrr_cents, attributes)
     SELECT account_id, month, mrr_cents, attributes FROM sums
     ON CONFLICT (account_id, month) DO UPDATE SET mrr_cents = EXCLUDED.mrr_cents, attributes = EXCLUDED.attributes`,
    [JSON.stringify(rows.map((r) => ({ account_id: r.account_id, month: r.month })))],
  );
}

/** Accounts by id, by lower-cased domain, for mapping billing customers. */
export async function accountKeys(
  db: Queryable,
): Promise<{ ids: Set<string>; byDomain: Map<string, string> }> {
  const rows = await db.query<{ account_id: string; domain: string | null }>(
    'SELECT account_id, domain FROM accounts',
  );
  return {
    ids: new Set(rows.map((r) => r.account_id)),
    byDomain: new Map(
      rows.filter((r) => r.domain).map((r) => [(r.domain as string).toLowerCase(), r.account_id]),
    ),
  };
}

/** A billing customer with no account yet becomes one (idempotent on the id). */
export async function createBillingAccount(
  tx: Queryable,
  account: { account_id: string; name: string; domain: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO accounts (account_id, name, domain, status) VALUES ($1, $2, $3, 'active')
     ON CONFLICT (account_id) DO NOTHING`,
    [account.account_id, account.name, account.domain],
  );
}

/** Invoices from a billing sync, inserted or updated by id. */
export async function upsertBillingInvoices(tx: Queryable, rows: readonly InvoiceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO invoices (invoice_id, account_id, due_at, paid_at, amount_cents, status, attributes)
     SELECT r.invoice_id, r.account_id, r.due_at::date, r.paid_at::date, r.amount_cents, r.status, r.attributes
       FROM json_to_recordset($1::json) AS r(invoice_id text, account_id text, due_at text, paid_at text,
            amount_cents bigint, status text, attributes jsonb)
     ON CONFLICT (invoice_id) DO UPDATE SET account_id = EXCLUDED.account_id, due_at = EXCLUDED.due_at,
            paid_at = EXCLUDED.paid_at, amount_cents = EXCLUDED.amount_cents, status = EXCLUDED.status,
            attributes = invoices.attributes || EXCLUDED.attributes`,
    [JSON.stringify(rows)],
  );
}

/** `payment_failed` events from a billing sync, each once (by id). */
export async function savePaymentFailures(
  tx: Queryable,
  events: readonly PaymentFailedEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO events (event_id, account_id, at, type, details, attributes)
     SELECT e.event_id, e.account_id, e.at, 'payment_failed', e.details, '{"source": "billing sync"}'::jsonb
       FROM json_to_recordset($1::json) AS e(event_id text, account_id text, at timestamptz, details text)
     ON CONFLICT (event_id) DO UPDATE SET details = EXCLUDED.details RETURNING event_id`,
    [JSON.stringify(events)],
  );
  return rows.length;
}

export interface StoredInvoiceLine extends BillingInvoiceLine {
  invoice_id: string;
  invoice_status: BillingInvoice['status'];
  account_id: string;
  customer_id: string;
}

/** Invoice lines from a billing sync, inserted or replaced by id. */
export async function saveInvoiceLines(
  tx: Queryable,
  source: string,
  lines: readonly StoredInvoiceLine[],
  at: string,
): Promise<void> {
  if (lines.length === 0) return;
  await tx.query(
    `INSERT INTO billing_invoice_lines (line_id, invoice_id, invoice_status, source, account_id, customer_id,
            subscription_id, currency, amount, quantity, unit_amount, interval, interval_count, proration,
            period_start, period_end, discounts, synced_at)
     SELECT l.id, l.invoice_id, l.invoice_status, $2, l.account_id, l.customer_id, l.subscription, l.currency,
            l.amount, l.quantity, l.unit_amount, l.recurring->>'interval', (l.recurring->>'interval_count')::int,
            l.proration, (l.period->>'start')::bigint, (l.period->>'end')::bigint, l.discounts, $3
       FROM json_to_recordset($1::json) AS l(id text, invoice_id text, invoice_status text, account_id text,
            customer_id text, subscription text, currency text, amount bigint, quantity int, unit_amount bigint,
            recurring jsonb, proration boolean, period jsonb, discounts jsonb)
     ON CONFLICT (line_id) DO UPDATE SET invoice_status = EXCLUDED.invoice_status, account_id = EXCLUDED.account_id,
            amount = EXCLUDED.amount, quantity = EXCLUDED.quantity, unit_amount = EXCLUDED.unit_amount,
            interval = EXCLUDED.interval, interval_count = EXCLUDED.interval_count, proration = EXCLUDED.proration,
            period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, discounts = EXCLUDED.discounts,
            synced_at = EXCLUDED.synced_at`,
    [JSON.stringify(lines), source, at],
  );
}

/** A source's stored subscription lines covering any moment in [from, to), grouped back into invoices. */
export async function invoiceLinesBetween(
  db: Queryable,
  source: string,
  from: number,
  to: number,
): Promise<{ invoices: BillingInvoice[]; accountOf: Map<string, string> }> {
  const rows = await db.query<{
    line_id: string;
    invoice_id: string;
    invoice_status: BillingInvoice['status'];
    account_id: string;
    customer_id: string;
    subscription_id: string | null;
    currency: string;
    amount: string;
    quantity: number;
    unit_amount: string | null;
    interval: 'day' | 'week' | 'month' | 'year' | null;
    interval_count: number | null;
    proration: boolean;
    period_start: string;
    period_end: string;
    discounts: BillingInvoiceLine['discounts'];
  }>(
    `SELECT line_id, invoice_id, invoice_status, account_id, customer_id, subscription_id, currency, amount, quantity,
            unit_amount, interval, interval_count, proration, period_start, period_end, discounts
       FROM billing_invoice_lines WHERE source = $1 AND subscription_id IS NOT NULL
        AND period_end > $2 AND period_start < $3 ORDER BY invoice_id, line_id`,
    [source, from, to],
  );
  const invoices = new Map<string, BillingInvoice>();
  const accountOf = new Map<string, string>();
  for (const r of rows) {
    const invoice = invoices.get(r.invoice_id) ?? {
      id: r.invoice_id,
      customer: r.customer_id,
      status: r.invoice_status,
      lines: [],
    };
    invoice.lines.push({
      id: r.line_id,
      subscription: r.subscription_id,
      amount: Number(r.amount),
      currency: r.currency,
      quantity: r.quantity,
      unit_amount: r.unit_amount === null ? null : Number(r.unit_amount),
      recurring:
        r.interval && r.interval_count ? { interval: r.interval, interval_count: r.interval_count } : null,
      period: { start: Number(r.period_start), end: Number(r.period_end) },
      proration: r.proration,
      discounts: r.discounts,
    });
    invoices.set(r.invoice_id, invoice);
    if (r.subscription_id) accountOf.set(r.subscription_id, r.account_id);
  }
  return { invoices: [...invoices.values()], accountOf };
}

/**
 * Past months' subscription MRR rebuilt from invoice lines, replacing the last rebuild: rows before
 * `currentMonth` flagged `from_invoices` deleted, the new ones written with their accounts' revenue
 * rows, and a revenue row of the source left with no subscription behind it removed.
 */
export async function replaceInvoicedHistory(
  tx: Queryable,
  source: string,
  currentMonth: string,
  rows: readonly SubscriptionMrrRow[],
): Promise<void> {
  const stale = await tx.query<{ account_id: string; month: string }>(
    `DELETE FROM billing_subscription_mrr WHERE source = $1 AND month < $2::date AND 'from_invoices' = ANY(flags)
     RETURNING account_id, to_char(month, 'YYYY-MM-DD') AS month`,
    [source, currentMonth],
  );
  await saveSubscriptionMrr(tx, rows);
  await tx.query(
    `DELETE FROM revenue r USING json_to_recordset($1::json) AS s(account_id text, month text)
      WHERE r.account_id = s.account_id AND r.month = s.month::date AND r.attributes->>'source' = $2
        AND NOT EXISTS (SELECT 1 FROM billing_subscription_mrr b WHERE b.account_id = r.account_id AND b.month = r.month)`,
    [JSON.stringify(stale), source],
  );
}
