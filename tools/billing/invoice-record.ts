import type { MrrPolicy } from '../../knowledge/mrr-policy.ts';
import { rateToBase } from './subscription-mrr.ts';

/** An invoice's fields the store keeps (Stripe's shape). Times are Unix seconds. */
export interface BillingInvoiceHeader {
  id: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  currency: string;
  amount_due: number;
  created: number;
  due_date: number | null;
  attempt_count: number;
  paid_at: number | null;
  finalized_at: number | null;
}

export interface InvoiceRow {
  invoice_id: string;
  account_id: string;
  due_at: string;
  paid_at: string | null;
  amount_cents: number;
  status: 'open' | 'paid' | 'late' | 'failed' | 'void';
  attributes: {
    source: string;
    native_amount: number;
    currency: string;
    attempts: number;
    vendor_status: string;
  };
}

export interface PaymentFailedEvent {
  event_id: string;
  account_id: string;
  at: string;
  details: string;
}

const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/**
 * An invoice as an `invoices` row, and the `payment_failed` event it implies (DESIGN §13): paid →
 * paid; void → void; uncollectible → failed; open after a failed attempt → failed; open past its
 * due date → late; else open. Amounts are converted to the base currency with the policy's rates
 * (the native amount is kept). A payment attempt that failed — an unpaid invoice with attempts, or
 * one paid only on a later attempt — is one `payment_failed` event at its finalisation. Drafts are
 * not invoices yet: null. Pure.
 */
export function invoiceRecord(
  invoice: BillingInvoiceHeader,
  accountId: string,
  now: Date,
  policy: MrrPolicy,
  source: string,
): { row: InvoiceRow; failed: PaymentFailedEvent | null } | null {
  if (invoice.status === 'draft') return null;
  const dueAt = invoice.due_date ?? invoice.created;
  const status: InvoiceRow['status'] =
    invoice.status === 'paid'
      ? 'paid'
      : invoice.status === 'void'
        ? 'void'
        : invoice.status === 'uncollectible' || invoice.attempt_count > 0
          ? 'failed'
          : dueAt * 1000 < now.getTime()
            ? 'late'
            : 'open';
  const currency = invoice.currency.toUpperCase();
  const rate = rateToBase(currency, policy, `invoice ${invoice.id}`);
  const failedAttempts = invoice.status === 'paid' ? invoice.attempt_count - 1 : invoice.attempt_count;
  return {
    row: {
      invoice_id: `${source}-${invoice.id}`,
      account_id: accountId,
      due_at: day(dueAt),
      paid_at: invoice.paid_at === null ? null : day(invoice.paid_at),
      amount_cents: Math.round(invoice.amount_due * rate),
      status,
      attributes: {
        source,
        native_amount: invoice.amount_due,
        currency,
        attempts: invoice.attempt_count,
        vendor_status: invoice.status,
      },
    },
    failed:
      failedAttempts > 0 && invoice.status !== 'void'
        ? {
            event_id: `${source}-payment-failed-${invoice.id}`,
            account_id: accountId,
            at: new Date((invoice.finalized_at ?? invoice.created) * 1000).toISOString(),
            details: `Invoice ${invoice.id}: ${failedAttempts} failed payment attempt(s)${invoice.status === 'paid' ? ', since paid' : ''}`,
          }
        : null,
  };
}
