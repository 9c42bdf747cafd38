import { z } from 'zod';
import { addDays, startOfDay } from '../../core/calendar.ts';
import type { MrrPolicy } from '../../knowledge/mrr-policy.ts';
import {
  accountKeys,
  createBillingAccount,
  invoiceLinesBetween,
  replaceInvoicedHistory,
  type StoredInvoiceLine,
  type SubscriptionMrrRow,
  saveInvoiceLines,
  savePaymentFailures,
  upsertBillingInvoices,
} from '../../records/billing.ts';
import type { Db, Queryable } from '../../store/db.ts';
import {
  type CustomerMapping,
  customersToAccounts,
  type NewAccount,
} from '../../tools/billing/customer-account.ts';
import { type BillingInvoice, invoicedMrrAt } from '../../tools/billing/invoice-line-mrr.ts';
import { type BillingInvoiceHeader, invoiceRecord } from '../../tools/billing/invoice-record.ts';
import { type Quarantine, type QuarantinedRecord, runPagedSync } from './paged-sync.ts';
import { mapEach } from './record-check.ts';
import { rememberAccounts, STRIPE_SOURCE } from './stripe-sync.ts';

export const STRIPE_INVOICES_SOURCE = 'stripe-invoices';
/** How far back past months are rebuilt from invoice lines. */
export const HISTORY_MONTHS = 36;

/** An invoice in the policy's terms, with its customer: what the Stripe reader returns. */
export interface StripeInvoice {
  header: BillingInvoiceHeader;
  customer: { id: string; name: string | null; email: string | null; metadata: Record<string, string> };
  invoice: BillingInvoice;
}

export interface StripeInvoiceReader {
  listInvoices(params: { limit: number; starting_after?: string }): Promise<{
    data: StripeInvoice[];
    has_more: boolean;
    /** Invoices of the page that could not be read (quarantined by the sync), with why. */
    quarantined?: QuarantinedRecord[];
    /** The id of the page's last invoice, read or not: where the next page starts. */
    last_id?: string | null;
  }>;
}

export interface StripeInvoiceSyncResult {
  pages: number;
  invoices: number;
  paymentFailures: number;
  /** Past months whose MRR was rebuilt from invoice lines. */
  months: string[];
}

interface InvoicePage {
  invoices: StripeInvoice[];
  created: NewAccount[];
  mapped: Map<string, CustomerMapping>;
}

const monthStart = (d: Date) => `${d.toISOString().slice(0, 7)}-01`;
const secondsAt = (isoDay: string) => Date.parse(startOfDay(isoDay)) / 1000;

/**
 * Stripe invoices into the store (DESIGN §13), page by page with the cursor: each invoice as an
 * `invoices` row, its failed payment attempts as a `payment_failed` event, its lines kept; then
 * every past month's MRR, up to HISTORY_MONTHS back, rebuilt from the lines covering its month end.
 * The current month is left to the live subscriptions.
 */
export interface StripeInvoiceSyncOptions {
  db: Db;
  stripe: StripeInvoiceReader;
  policy: MrrPolicy;
  now: Date;
  pageSize?: number;
  secrets?: readonly (string | undefined)[];
  onPage?: (progress: { pages: number; counts: Record<string, number> }) => void;
}

/**
 * One page of invoices: the accounts its customers make, each invoice as an `invoices` row (one
 * the policy cannot read, a currency without a rate, is quarantined), its failed payments as
 * events, and its lines.
 */
async function writeInvoicePage(
  tx: Queryable,
  { invoices, created, mapped }: InvoicePage,
  when: { now: Date; at: string; policy: MrrPolicy },
  quarantine: Quarantine,
): Promise<Record<string, number>> {
  for (const m of created)
    await createBillingAccount(tx, { account_id: m.accountId, name: m.name, domain: m.domain });
  const checked = mapEach(
    invoices,
    'invoice',
    z.unknown(),
    (i) => {
      const accountId = (mapped.get(i.customer.id) as CustomerMapping).accountId;
      const record = invoiceRecord(i.header, accountId, when.now, when.policy, STRIPE_SOURCE);
      return record ? { ...record, accountId, i } : null;
    },
    (i) => i.header,
  );
  quarantine(checked.quarantined);
  const records = checked.mapped.flatMap((m) => (m.value ? [m.value] : []));
  await upsertBillingInvoices(
    tx,
    records.map((r) => r.row),
  );
  const failures = await savePaymentFailures(
    tx,
    records.flatMap((r) => (r.failed ? [r.failed] : [])),
  );
  const lines: StoredInvoiceLine[] = records.flatMap(({ i, accountId }) =>
    i.invoice.lines.map((l) => ({
      ...l,
      invoice_id: i.invoice.id,
      invoice_status: i.invoice.status,
      account_id: accountId,
      customer_id: i.customer.id,
    })),
  );
  await saveInvoiceLines(tx, STRIPE_SOURCE, lines, when.at);
  return {
    invoices: records.length,
    payment_failures: failures,
    invoice_lines: lines.length,
    accounts_created: created.length,
  };
}

export async function syncStripeInvoices(
  options: StripeInvoiceSyncOptions,
): Promise<StripeInvoiceSyncResult> {
  const { db, stripe, policy, now } = options;
  const keys = await accountKeys(db);
  const at = now.toISOString();
  const run = await runPagedSync<InvoicePage>({
    db,
    source: STRIPE_INVOICES_SOURCE,
    now,
    finish: 'clear',
    secrets: options.secrets,
    async fetch(cursor) {
      const page = await stripe.listInvoices({
        limit: options.pageSize ?? 100,
        ...(cursor ? { starting_after: cursor } : {}),
      });
      const { mapped, created } = customersToAccounts(
        page.data.map((i) => i.customer),
        keys,
        STRIPE_SOURCE,
      );
      return {
        page: { invoices: page.data, created, mapped },
        cursor: page.last_id ?? page.data.at(-1)?.header.id ?? cursor,
        done: !page.has_more || (page.data.length === 0 && (page.quarantined ?? []).length === 0),
        quarantined: page.quarantined ?? [],
      };
    },
    write: (tx, page, quarantine) => writeInvoicePage(tx, page, { now, at, policy }, quarantine),
    split: (page) =>
      page.invoices.map((i) => ({
        kind: 'invoice',
        external_id: i.header.id,
        record: i.header,
        page: {
          ...page,
          invoices: [i],
          created: page.created.filter((c) => c.accountId === page.mapped.get(i.customer.id)?.accountId),
        },
      })),
    committed({ created }) {
      rememberAccounts(keys, created);
    },
    onPage: options.onPage,
  });
  const months = await rebuildInvoicedHistory(db, policy, now);
  return {
    pages: run.pages,
    invoices: run.counts.invoices ?? 0,
    paymentFailures: run.counts.payment_failures ?? 0,
    months,
  };
}

/**
 * Every past month's subscription MRR from the stored invoice lines covering its month end, in one
 * transaction: last rebuild's rows replaced, and each touched account-month's revenue row set to
 * the sum of its subscriptions (a month whose lines are gone loses its billing revenue row).
 */
export async function rebuildInvoicedHistory(db: Db, policy: MrrPolicy, now: Date): Promise<string[]> {
  const current = monthStart(now);
  const first = new Date(startOfDay(current));
  first.setUTCMonth(first.getUTCMonth() - HISTORY_MONTHS);
  const { invoices, accountOf } = await invoiceLinesBetween(
    db,
    STRIPE_SOURCE,
    first.getTime() / 1000,
    secondsAt(current),
  );
  const rows: SubscriptionMrrRow[] = [];
  const months: string[] = [];
  for (let m = new Date(first); monthStart(m) < current; m.setUTCMonth(m.getUTCMonth() + 1)) {
    const month = monthStart(m);
    const next = new Date(m);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const monthEnd = secondsAt(addDays(monthStart(next), 0)) - 1;
    const mrr = invoicedMrrAt(invoices, monthEnd, policy);
    if (mrr.length > 0) months.push(month.slice(0, 7));
    for (const r of mrr)
      rows.push({
        subscription_id: r.subscriptionId,
        month,
        source: STRIPE_SOURCE,
        account_id: accountOf.get(r.subscriptionId) as string,
        customer_id: r.customer,
        mrr_cents: r.mrrCents,
        native_amount: r.native.amount,
        currency: r.native.currency,
        flags: ['from_invoices'],
        policy_version: policy.version,
        synced_at: now.toISOString(),
      });
  }
  await db.transaction((tx) => replaceInvoicedHistory(tx, STRIPE_SOURCE, current, rows));
  return months;
}

type StripeDiscount =
  | string
  | {
      id: string;
      coupon?: { duration: 'forever' | 'repeating' | 'once' };
      source?: { coupon?: string | { duration: 'forever' | 'repeating' | 'once' } };
    };

/** An invoice line as the Stripe API (2025 and later) returns it. */
export interface StripeInvoiceLineObject {
  id: string;
  amount: number;
  currency: string;
  quantity: number | null;
  period: { start: number; end: number };
  pricing?: {
    price_details?: { price: string | { id: string } } | null;
    unit_amount_decimal?: string | null;
  } | null;
  parent?: { subscription_item_details?: { subscription: string | null; proration: boolean } | null } | null;
  discount_amounts?: { amount: number; discount: StripeDiscount }[] | null;
  discounts?: StripeDiscount[] | null;
}

/** An invoice as the Stripe API returns it, customer expanded. */
export interface StripeInvoiceObject {
  id: string;
  status: BillingInvoiceHeader['status'];
  currency: string;
  amount_due: number;
  created: number;
  due_date: number | null;
  attempt_count: number;
  status_transitions?: { paid_at: number | null; finalized_at: number | null } | null;
  customer:
    | string
    | { id: string; name?: string | null; email?: string | null; metadata?: Record<string, string> };
  lines: { data: StripeInvoiceLineObject[]; has_more: boolean };
}

/** A price's recurring terms and unit amount, as looked up by the reader (cached per sync). */
export type PriceTerms = {
  unit_amount: number | null;
  recurring: { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number } | null;
};

const couponDuration = (d: StripeDiscount | undefined) => {
  if (!d || typeof d === 'string') return null;
  const source = d.source?.coupon;
  return d.coupon?.duration ?? (typeof source === 'object' ? source.duration : null) ?? null;
};

/** The API's invoice in the MRR policy's terms: lines with their subscription, price terms and discounts. */
export function stripeInvoice(
  api: StripeInvoiceObject,
  lines: StripeInvoiceLineObject[],
  prices: ReadonlyMap<string, PriceTerms>,
): StripeInvoice {
  const c = api.customer;
  const customer =
    typeof c === 'string'
      ? { id: c, name: null, email: null, metadata: {} }
      : { id: c.id, name: c.name ?? null, email: c.email ?? null, metadata: c.metadata ?? {} };
  return {
    customer,
    header: {
      id: api.id,
      status: api.status,
      currency: api.currency,
      amount_due: api.amount_due,
      created: api.created,
      due_date: api.due_date,
      attempt_count: api.attempt_count,
      paid_at: api.status_transitions?.paid_at ?? null,
      finalized_at: api.status_transitions?.finalized_at ?? null,
    },
    invoice: {
      id: api.id,
      customer: customer.id,
      status: api.status,
      lines: lines.map((l) => {
        const priceRef = l.pricing?.price_details?.price;
        const priceId = typeof priceRef === 'string' ? priceRef : priceRef?.id;
        const price = priceId ? prices.get(priceId) : undefined;
        const details = l.parent?.subscription_item_details;
        const byId = new Map(
          (l.discounts ?? []).flatMap((d) => (typeof d === 'string' ? [] : [[d.id, d] as const])),
        );
        return {
          id: l.id,
          subscription: details?.subscription ?? null,
          amount: l.amount,
          currency: l.currency,
          quantity: l.quantity ?? 1,
          unit_amount:
            price?.unit_amount ??
            (l.pricing?.unit_amount_decimal ? Number(l.pricing.unit_amount_decimal) : null),
          recurring: price?.recurring ?? null,
          period: l.period,
          proration: details?.proration ?? false,
          discounts: (l.discount_amounts ?? []).map((d) => ({
            amount: d.amount,
            duration: couponDuration(typeof d.discount === 'string' ? byId.get(d.discount) : d.discount),
          })),
        };
      }),
    },
  };
}
