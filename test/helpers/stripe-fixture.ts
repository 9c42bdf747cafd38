import { readFileSync } from 'node:fs';
import type { BillingSubscription } from '../../tools/billing/subscription-mrr.ts';

/** test/fixtures/stripe/subscription-cases.json: subscription snapshots with hand-computed MRR. */
export interface StripeFixture {
  month_ends: Record<string, number>;
  cases: {
    case: string;
    customer: string;
    snapshots: Record<string, BillingSubscription>;
    expected_mrr_cents: Record<string, number>;
  }[];
  expected_totals_cents: Record<string, number>;
  expected_movements_2026_11: { customer: string; type: string; amount_cents: number }[];
}

export const stripeFixture = (): StripeFixture =>
  JSON.parse(
    readFileSync(new URL('../fixtures/stripe/subscription-cases.json', import.meta.url), 'utf8'),
  ) as StripeFixture;
