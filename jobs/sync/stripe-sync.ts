import type { MrrPolicy } from '../../knowledge/mrr-policy.ts';
import {
  accountKeys,
  createBillingAccount,
  type SubscriptionMrrRow,
  saveSubscriptionMrr,
} from '../../records/billing.ts';
import type { Db } from '../../store/db.ts';
import {
  type BillingCustomer,
  type CustomerMapping,
  customerAccount,
  customersToAccounts,
  type NewAccount,
} from '../../tools/billing/customer-account.ts';
import { type BillingSubscription, subscriptionMrr } from '../../tools/billing/subscription-mrr.ts';
import { type QuarantinedRecord, runPagedSync } from './paged-sync.ts';
import { lastId, mapEach, StripeSubscriptionShape } from './record-check.ts';

export const STRIPE_SOURCE = 'stripe';

/** The part of the Stripe SDK the sync reads: one page of subscriptions, customers expanded. */
export interface StripeReader {
  listSubscriptions(params: { limit: number; starting_after?: string }): Promise<{
    data: StripeSubscriptionObject[];
    has_more: boolean;
  }>;
}

/** A subscription as the Stripe API returns it (the fields the MRR policy reads). */
export interface StripeSubscriptionObject {
  id: string;
  status: BillingSubscription['status'];
  currency: string;
  customer:
    | string
    | { id: string; name?: string | null; email?: string | null; metadata?: Record<string, string> };
  items: {
    data: {
      quantity?: number | null;
      current_period_end?: number;
      price: {
        unit_amount: number | null;
        recurring: { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number } | null;
      };
    }[];
  };
  discount?: { coupon: StripeCoupon } | null;
  discounts?: (string | { coupon?: StripeCoupon; source?: { coupon?: StripeCoupon | string } })[];
  trial_end: number | null;
  current_period_end?: number;
  cancel_at_period_end: boolean;
  ended_at: number | null;
  pause_collection: { behavior: string } | null;
}

interface StripeCoupon {
  duration: 'forever' | 'repeating' | 'once';
  percent_off: number | null;
  amount_off: number | null;
}

function couponOf(sub: StripeSubscriptionObject): StripeCoupon | null {
  if (sub.discount?.coupon) return sub.discount.coupon;
  for (const d of sub.discounts ?? []) {
    if (typeof d === 'string') continue;
    const coupon = d.coupon ?? (typeof d.source?.coupon === 'object' ? d.source.coupon : undefined);
    if (coupon) return coupon;
  }
  return null;
}

/** The API's subscription in the MRR policy's terms (tools/billing/subscription-mrr). */
export function billingSubscription(sub: StripeSubscriptionObject): BillingSubscription {
  const coupon = couponOf(sub);
  return {
    id: sub.id,
    customer: typeof sub.customer === 'string' ? sub.customer : sub.customer.id,
    status: sub.status,
    currency: sub.currency,
    items: sub.items.data
      .filter((i) => i.price.recurring !== null)
      .map((i) => ({
        quantity: i.quantity ?? 1,
        price: {
          unit_amount: i.price.unit_amount ?? 0,
          recurring: i.price.recurring as NonNullable<typeof i.price.recurring>,
        },
      })),
    discount: coupon
      ? {
          coupon: {
            duration: coupon.duration,
            percent_off: coupon.percent_off,
            amount_off: coupon.amount_off,
          },
        }
      : null,
    trial_end: sub.trial_end,
    current_period_end: sub.current_period_end ?? sub.items.data[0]?.current_period_end ?? 0,
    cancel_at_period_end: sub.cancel_at_period_end,
    ended_at: sub.ended_at,
    pause_collection: sub.pause_collection,
  };
}

function customerOf(sub: StripeSubscriptionObject): BillingCustomer {
  const c = sub.customer;
  return typeof c === 'string'
    ? { id: c, name: null, email: null, metadata: {} }
    : { id: c.id, name: c.name ?? null, email: c.email ?? null, metadata: c.metadata ?? {} };
}

export interface StripeSyncResult {
  pages: number;
  subscriptions: number;
  accountsCreated: number;
  /** Where a resumed sync started: the cursor of the last page a killed run committed. */
  resumedFrom: string | null;
  month: string;
  mrrCents: number;
}

export interface StripeSyncOptions {
  db: Db;
  stripe: StripeReader;
  policy: MrrPolicy;
  /** The sync's moment (the injected clock): MRR is taken as of now, for the current month. */
  now: Date;
  pageSize?: number;
  onPage?: (done: { pages: number; subscriptions: number }) => void;
  secrets?: readonly (string | undefined)[];
}

interface StripePage {
  rows: SubscriptionMrrRow[];
  created: NewAccount[];
}

/**
 * One page of subscriptions as rows of the month's MRR, each mapped on its own (one without the
 * fields the MRR policy reads is quarantined), with the accounts their customers map to or make.
 */
function subscriptionPage(
  subscriptions: readonly StripeSubscriptionObject[],
  keys: Awaited<ReturnType<typeof accountKeys>>,
  when: { month: string; at: number; now: Date; policy: MrrPolicy },
): StripePage & { quarantined: QuarantinedRecord[] } {
  const { month, at, now, policy } = when;
  const checked = mapEach(subscriptions, 'subscription', StripeSubscriptionShape, (sub) => ({
    customer: customerOf(sub),
    mrr: subscriptionMrr(billingSubscription(sub), at, policy),
  }));
  const { mapped, created } = customersToAccounts(
    checked.mapped.map((m) => m.value.customer),
    keys,
    STRIPE_SOURCE,
  );
  const rows = checked.mapped.map(
    ({ record: sub, value: { customer, mrr } }): SubscriptionMrrRow => ({
      subscription_id: sub.id,
      month,
      source: STRIPE_SOURCE,
      account_id: (mapped.get(customer.id) as CustomerMapping).accountId,
      customer_id: customer.id,
      mrr_cents: mrr.mrrCents,
      native_amount: mrr.native.amount,
      currency: mrr.native.currency,
      flags: mrr.flags,
      policy_version: policy.version,
      synced_at: now.toISOString(),
    }),
  );
  return { rows, created, quarantined: checked.quarantined };
}

/**
 * The current month's MRR from live Stripe subscriptions, page by page (jobs/sync/paged-sync):
 * each page's customers mapped to accounts (new ones created), its subscriptions' MRR under the
 * policy, the accounts' revenue rows and the cursor in one transaction. A killed sync resumes
 * after the last committed page; a finished one clears the cursor, so the next sync is a full
 * pass that replaces rows, never adds to them.
 */
export async function syncStripe(options: StripeSyncOptions): Promise<StripeSyncResult> {
  const { db, stripe, policy, now } = options;
  const month = `${now.toISOString().slice(0, 7)}-01`;
  const at = Math.floor(now.getTime() / 1000);
  // Read once; the accounts each page creates are added as its transaction commits.
  const keys = await accountKeys(db);
  let mrrCents = 0;
  const run = await runPagedSync<StripePage>({
    db,
    source: STRIPE_SOURCE,
    now,
    finish: 'clear',
    secrets: options.secrets,
    async fetch(cursor) {
      const page = await stripe.listSubscriptions({
        limit: options.pageSize ?? 100,
        ...(cursor ? { starting_after: cursor } : {}),
      });
      const { rows, created, quarantined } = subscriptionPage(page.data, keys, { month, at, now, policy });
      return {
        page: { rows, created },
        cursor: lastId(page.data) ?? cursor,
        done: !page.has_more || page.data.length === 0,
        quarantined,
      };
    },
    split: ({ rows, created }) =>
      rows.map((row) => ({
        kind: 'subscription',
        external_id: row.subscription_id,
        record: row,
        page: { rows: [row], created: created.filter((c) => c.accountId === row.account_id) },
      })),
    async write(tx, { rows, created }) {
      for (const m of created)
        await createBillingAccount(tx, { account_id: m.accountId, name: m.name, domain: m.domain });
      await saveSubscriptionMrr(tx, rows);
      return { subscriptions: rows.length, accounts_created: created.length };
    },
    committed({ rows, created }) {
      rememberAccounts(keys, created);
      mrrCents += rows.reduce((s, r) => s + r.mrr_cents, 0);
    },
    onPage: (p) => options.onPage?.({ pages: p.pages, subscriptions: p.counts.subscriptions ?? 0 }),
  });
  return {
    pages: run.pages,
    subscriptions: run.counts.subscriptions ?? 0,
    accountsCreated: run.counts.accounts_created ?? 0,
    resumedFrom: run.resumedFrom,
    month,
    mrrCents,
  };
}

/** Accounts a committed page created, added to the keys later pages map customers with. */
export function rememberAccounts(
  keys: { ids: Set<string>; byDomain: Map<string, string> },
  created: readonly NewAccount[],
): void {
  for (const m of created) {
    keys.ids.add(m.accountId);
    if (m.domain && !keys.byDomain.has(m.domain)) keys.byDomain.set(m.domain, m.accountId);
  }
}

export interface StripePreviewRecord {
  subscription: string;
  customer: string;
  account: string;
  via: CustomerMapping['via'];
  mrrCents: number;
  native: { amount: number; currency: string };
  flags: string[];
}

/** The first `count` subscriptions and how they would map, computed as a sync would; writes nothing. */
export async function previewStripe(
  options: Pick<StripeSyncOptions, 'db' | 'stripe' | 'policy' | 'now'> & { count?: number },
): Promise<StripePreviewRecord[]> {
  const page = await options.stripe.listSubscriptions({ limit: options.count ?? 5 });
  const keys = await accountKeys(options.db);
  const at = Math.floor(options.now.getTime() / 1000);
  return page.data.map((sub) => {
    const customer = customerOf(sub);
    const mapping = customerAccount(customer, keys, STRIPE_SOURCE);
    const mrr = subscriptionMrr(billingSubscription(sub), at, options.policy);
    return {
      subscription: sub.id,
      customer: customer.id,
      account: mapping.accountId,
      via: mapping.via,
      mrrCents: mrr.mrrCents,
      native: mrr.native,
      flags: mrr.flags,
    };
  });
}
