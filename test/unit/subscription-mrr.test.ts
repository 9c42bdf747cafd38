import { describe, expect, it } from 'vitest';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { type BillingSubscription, subscriptionMrr } from '../../tools/billing/subscription-mrr.ts';
import { accountMovements } from '../../tools/metrics/movements.ts';
import { buildMrrGrid } from '../../tools/metrics/mrr-grid.ts';
import { stripeFixture } from '../helpers/stripe-fixture.ts';

const fixture = stripeFixture();
const policy = mrrPolicy();
const months = Object.keys(fixture.month_ends);

describe('month-end MRR from billing subscriptions, by the stated policy (mrr-policy-1)', () => {
  it('has the sixteen subscription cases the policy must cover', () => {
    expect(fixture.cases.map((c) => c.case)).toEqual([
      'monthly',
      'annual',
      'quarterly',
      'weekly',
      'quantity 25',
      'forever coupon',
      'once coupon',
      'trial to paid',
      'trial to cancelled',
      'past due',
      'pause collection',
      'status paused',
      'cancel at period end',
      'EUR subscription',
      'mid-month upgrade with proration',
      'repeating coupon',
    ]);
  });

  it.each(fixture.cases.flatMap((c) => months.map((m) => [c.case, m, c] as const)))(
    '%s at the end of %s equals the hand computation',
    (_, month, c) => {
      const snapshot = c.snapshots[month] as BillingSubscription;
      expect(subscriptionMrr(snapshot, fixture.month_ends[month] as number, policy).mrrCents).toBe(
        c.expected_mrr_cents[month],
      );
    },
  );

  it('adds up to the hand-computed totals and NRR movements', () => {
    const facts = fixture.cases.flatMap((c) =>
      months.map((month) => ({
        accountId: c.customer,
        month,
        mrrCents: subscriptionMrr(
          c.snapshots[month] as BillingSubscription,
          fixture.month_ends[month] as number,
          policy,
        ).mrrCents,
      })),
    );
    for (const month of months)
      expect(facts.filter((f) => f.month === month).reduce((s, f) => s + f.mrrCents, 0)).toBe(
        fixture.expected_totals_cents[month],
      );
    const movements = accountMovements(buildMrrGrid(facts)).filter((m) => m.month === '2026-11');
    expect(
      movements.map((m) => ({ customer: m.accountId, type: m.type, amount_cents: m.amountCents })),
    ).toEqual(
      fixture.expected_movements_2026_11.map(({ customer, type, amount_cents }) => ({
        customer,
        type,
        amount_cents,
      })),
    );
  });

  it('keeps the native amount, flags what a person should know, and churns a cancel-at-period-end when the period ends', () => {
    const byCase = new Map(fixture.cases.map((c) => [c.case, c]));
    const eur = byCase.get('EUR subscription')?.snapshots['2026-11'] as BillingSubscription;
    expect(subscriptionMrr(eur, fixture.month_ends['2026-11'] as number, policy)).toMatchObject({
      mrrCents: 10800,
      native: { amount: 10000, currency: 'EUR' },
      flags: ['converted_from_EUR_at_1.08'],
    });
    const cancelling = byCase.get('cancel at period end')?.snapshots['2026-10'] as BillingSubscription;
    expect(subscriptionMrr(cancelling, fixture.month_ends['2026-10'] as number, policy).flags).toEqual([
      'cancels_at_period_end',
    ]);
    expect(subscriptionMrr(cancelling, fixture.month_ends['2026-11'] as number, policy)).toMatchObject({
      mrrCents: 0,
      flags: ['cancelled_at_period_end'],
    });
    const paused = byCase.get('pause collection')?.snapshots['2026-11'] as BillingSubscription;
    expect(subscriptionMrr(paused, fixture.month_ends['2026-11'] as number, policy).flags).toEqual([
      'collection_paused',
    ]);
  });

  it('counts a once coupon when a team sets it to reduce MRR, and refuses a currency with no rate', () => {
    const once = fixture.cases.find((c) => c.case === 'once coupon')?.snapshots[
      '2026-11'
    ] as BillingSubscription;
    const reducing = { ...policy, coupons: { ...policy.coupons, once: 'reduce' as const } };
    expect(subscriptionMrr(once, 0, reducing).mrrCents).toBe(15000);
    expect(() => subscriptionMrr({ ...once, currency: 'jpy' }, 0, policy)).toThrow(
      'no exchange rate for JPY in knowledge/billing/mrr-policy.json',
    );
  });
});
