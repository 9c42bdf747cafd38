import type { MrrPolicy } from '../../knowledge/mrr-policy.ts';
import { type BillingSubscription, monthly, rateToBase } from './subscription-mrr.ts';

type Recurring = BillingSubscription['items'][number]['price']['recurring'];

/** An invoice line as the vendor returns it (Stripe's shape, the fields month-end MRR needs). */
export interface BillingInvoiceLine {
  id: string;
  subscription: string | null;
  /** What the line charges, in the currency's minor unit (negative for unused time credited). */
  amount: number;
  currency: string;
  quantity: number;
  /** The price per unit per interval (a proration line carries the price it prorates). */
  unit_amount: number | null;
  recurring: Recurring | null;
  period: { start: number; end: number };
  proration: boolean;
  /** Discounts applied to the line, each with its coupon's duration when known. */
  discounts: { amount: number; duration: 'forever' | 'repeating' | 'once' | null }[];
}

export interface BillingInvoice {
  id: string;
  customer: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  lines: BillingInvoiceLine[];
}

/**
 * A subscription line's monthly amount in its own currency, by the MRR policy: its price × quantity
 * normalised by the interval, credited (negative) when the line credits unused time, so a mid-period
 * upgrade's "unused time" line cancels the old quantity and its "remaining time" line counts the
 * new one, whatever fraction of the period they bill. A line that charges nothing (a trial) counts
 * nothing. Discounts reduce it, in proportion to the amount, only when their coupon's duration is
 * set to `reduce`. Null for a line that is not a recurring subscription line. Pure.
 */
export function lineMonthlyAmount(line: BillingInvoiceLine, policy: MrrPolicy): number | null {
  if (!line.subscription || !line.recurring || line.unit_amount === null) return null;
  if (line.amount === 0) return 0;
  const full = monthly(line.unit_amount * line.quantity, line.recurring, policy) * Math.sign(line.amount);
  const discount = line.discounts
    .filter((d) => d.duration !== null && policy.coupons[d.duration] === 'reduce')
    .reduce((s, d) => s + d.amount, 0);
  return full * (1 - Math.min(1, discount / Math.abs(line.amount)));
}

export interface InvoicedMrr {
  subscriptionId: string;
  customer: string;
  mrrCents: number;
  native: { amount: number; currency: string };
  /** The invoice lines it came from. */
  lines: string[];
}

/**
 * Each subscription's MRR at a past month end from its invoice lines (DESIGN §13): the lines of
 * open, paid and uncollectible invoices whose period covers the moment, summed per subscription
 * (proration lines included), converted with the policy's rate table. Draft and void invoices
 * count nothing; a subscription with no covering line had no MRR then. Pure.
 */
export function invoicedMrrAt(
  invoices: readonly BillingInvoice[],
  at: number,
  policy: MrrPolicy,
): InvoicedMrr[] {
  const bySubscription = new Map<
    string,
    { customer: string; amount: number; currency: string; lines: string[] }
  >();
  for (const invoice of invoices) {
    if (invoice.status === 'draft' || invoice.status === 'void') continue;
    for (const line of invoice.lines) {
      if (!(line.period.start <= at && at < line.period.end)) continue;
      const amount = lineMonthlyAmount(line, policy);
      if (amount === null || !line.subscription) continue;
      const entry = bySubscription.get(line.subscription) ?? {
        customer: invoice.customer,
        amount: 0,
        currency: line.currency.toUpperCase(),
        lines: [],
      };
      entry.amount += amount;
      entry.lines.push(line.id);
      bySubscription.set(line.subscription, entry);
    }
  }
  return [...bySubscription.entries()]
    .map(([subscriptionId, e]) => {
      const native = Math.max(0, Math.round(e.amount));
      return {
        subscriptionId,
        customer: e.customer,
        mrrCents: Math.round(
          Math.max(0, e.amount) * rateToBase(e.currency, policy, `subscription ${subscriptionId}`),
        ),
        native: { amount: native, currency: e.currency },
        lines: e.lines.sort(),
      };
    })
    .sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
}
