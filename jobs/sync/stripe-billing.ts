import {
  type StripeInvoiceReader,
  type StripeInvoiceSyncResult,
  syncStripeInvoices,
} from './stripe-invoices.ts';
import {
  type StripeReader,
  type StripeSyncOptions,
  type StripeSyncResult,
  syncStripe,
} from './stripe-sync.ts';

/**
 * A Stripe sync as `cse sync stripe` and the scheduler run it: the current month's MRR from live
 * subscriptions, then the invoices, failed payments and past months from invoice lines.
 */
export async function syncStripeBilling(
  options: Omit<StripeSyncOptions, 'stripe' | 'onPage'> & {
    stripe: StripeReader & StripeInvoiceReader;
    onSubscriptionPage?: StripeSyncOptions['onPage'];
    onInvoicePage?: (progress: { pages: number; counts: Record<string, number> }) => void;
  },
): Promise<{ subscriptions: StripeSyncResult; invoices: StripeInvoiceSyncResult }> {
  const { onSubscriptionPage, onInvoicePage, ...common } = options;
  const subscriptions = await syncStripe({
    ...common,
    ...(onSubscriptionPage ? { onPage: onSubscriptionPage } : {}),
  });
  const invoices = await syncStripeInvoices({
    ...common,
    ...(onInvoicePage ? { onPage: onInvoicePage } : {}),
  });
  return { subscriptions, invoices };
}
