/**
 * What the Stripe sync records: billing accounts, subscriptions' MRR, invoices and their lines, failed payments.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  accountKeys,
  createBillingAccount,
  invoiceLinesBetween,
  replaceInvoicedHistory,
  type StoredInvoiceLine,
  type SubscriptionMrrRow,
  saveInvoiceLines,
  savePaymentFailures,
  saveSubscriptionMrr,
  upsertBillingInvoices,
} from '../store/repositories/billing.ts';
