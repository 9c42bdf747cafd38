import type { MrrPolicy } from '../../knowledge/mrr-policy.ts';

/**
 * A billing subscription as the vendor returns it at one moment (Stripe's shape, the fields MRR
 * needs). Amounts are in the currency's minor unit; times are Unix seconds.
 */
export interface BillingSubscription {
  id: string;
  customer: string;
  status:
    | 'active'
    | 'trialing'
    | 'past_due'
    | 'unpaid'
    | 'paused'
    | 'canceled'
    | 'incomplete'
    | 'incomplete_expired';
  currency: string;
  items: {
    quantity: number;
    price: {
      unit_amount: number;
      recurring: { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number };
    };
  }[];
  /** The discount in force: a coupon with its duration. */
  discount: {
    coupon: {
      duration: 'forever' | 'repeating' | 'once';
      percent_off: number | null;
      amount_off: number | null;
    };
  } | null;
  trial_end: number | null;
  current_period_end: number;
  cancel_at_period_end: boolean;
  ended_at: number | null;
  pause_collection: { behavior: string } | null;
}

export interface SubscriptionMrr {
  subscriptionId: string;
  customer: string;
  /** MRR in the base currency's minor unit (cents), after the policy. */
  mrrCents: number;
  /** The same in the subscription's own currency, before conversion. */
  native: { amount: number; currency: string };
  /** What the policy did that a person should know: trialing, collection_paused, cancels_at_period_end, ... */
  flags: string[];
}

/** One period's amount as a monthly amount: the interval's factor, divided by interval_count. */
export function monthly(
  amount: number,
  recurring: BillingSubscription['items'][number]['price']['recurring'],
  policy: MrrPolicy,
) {
  const [multiply, divide] = policy.intervals[recurring.interval];
  return (amount * multiply) / (divide * recurring.interval_count);
}

/**
 * The subscription's MRR at a moment (a month end, say), by the policy: every item's price ×
 * quantity normalised to a month; a coupon reduces it only when its duration is set to `reduce`
 * (forever by default); the status rule (a trial counts from its first paid period, past due until
 * cancelled, paused counts nothing); paused collection keeps MRR and is flagged; cancel at period
 * end churns when the period ends; converted to the base currency with the stated rate table.
 * Pure.
 */
export function subscriptionMrr(sub: BillingSubscription, at: number, policy: MrrPolicy): SubscriptionMrr {
  const flags: string[] = [];
  const zero = (flag: string): SubscriptionMrr => ({
    subscriptionId: sub.id,
    customer: sub.customer,
    mrrCents: 0,
    native: { amount: 0, currency: sub.currency.toUpperCase() },
    flags: [flag],
  });
  if (sub.ended_at !== null && sub.ended_at <= at) return zero('ended');
  const rule = policy.statuses[sub.status];
  if (rule === 'zero') return zero(sub.status);
  const inTrial = sub.status === 'trialing' || (sub.trial_end !== null && at < sub.trial_end);
  if (inTrial && policy.statuses.trialing === 'zero_until_first_paid_period') return zero('trialing');
  if (sub.cancel_at_period_end) {
    if (policy.cancel_at_period_end === 'churn_now' || at >= sub.current_period_end)
      return zero('cancelled_at_period_end');
    flags.push('cancels_at_period_end');
  }
  if (sub.pause_collection) {
    if (policy.pause_collection === 'zero') return zero('collection_paused');
    flags.push('collection_paused');
  }
  if (sub.status === 'past_due' || sub.status === 'unpaid') flags.push(sub.status);
  let amount = 0;
  for (const item of sub.items)
    amount += monthly(item.price.unit_amount * item.quantity, item.price.recurring, policy);
  const coupon = sub.discount?.coupon;
  if (coupon && policy.coupons[coupon.duration] === 'reduce') {
    if (coupon.percent_off !== null) amount *= 1 - coupon.percent_off / 100;
    // An amount off is taken from each invoice: a month's worth at the first item's interval.
    const first = sub.items[0];
    if (coupon.amount_off !== null && first)
      amount -= monthly(coupon.amount_off, first.price.recurring, policy);
    flags.push(`coupon_${coupon.duration}`);
  } else if (coupon) flags.push(`coupon_${coupon.duration}_ignored`);
  amount = Math.max(0, amount);
  const currency = sub.currency.toUpperCase();
  const rate = rateToBase(currency, policy, `subscription ${sub.id}`);
  if (currency !== policy.base_currency) flags.push(`converted_from_${currency}_at_${rate}`);
  return {
    subscriptionId: sub.id,
    customer: sub.customer,
    mrrCents: Math.round(amount * rate),
    native: { amount: Math.round(amount), currency },
    flags,
  };
}

/** The policy's rate from a currency to the base currency; a currency with no rate is an error naming the record. */
export function rateToBase(currency: string, policy: MrrPolicy, what: string): number {
  const rate = policy.exchange_rates.to_base[currency.toUpperCase()];
  if (rate === undefined)
    throw new Error(
      `no exchange rate for ${currency.toUpperCase()} in knowledge/billing/mrr-policy.json (exchange_rates.to_base); add one to count ${what}`,
    );
  return rate;
}
