import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

const Fraction = z.tuple([z.number().int().positive(), z.number().int().positive()]);

/**
 * How billing subscriptions become month-end MRR (knowledge/billing/mrr-policy.json): interval
 * normalisation, which coupons reduce MRR, a rule per subscription status, paused collection,
 * cancel at period end, and the exchange-rate table with its date. Versioned and echoed in every
 * revenue answer built from a billing sync.
 */
export const MrrPolicy = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    base_currency: z.string().length(3),
    intervals: z.object({ day: Fraction, week: Fraction, month: Fraction, year: Fraction }).strict(),
    coupons: z
      .object({
        forever: z.enum(['reduce', 'ignore']),
        repeating: z.enum(['reduce', 'ignore']),
        once: z.enum(['reduce', 'ignore']),
      })
      .strict(),
    statuses: z
      .object({
        active: z.literal('count'),
        trialing: z.enum(['zero_until_first_paid_period', 'count']),
        past_due: z.enum(['count_until_cancelled', 'zero']),
        unpaid: z.enum(['count_until_cancelled', 'zero']),
        paused: z.enum(['zero', 'count']),
        canceled: z.literal('zero'),
        incomplete: z.enum(['zero', 'count']),
        incomplete_expired: z.literal('zero'),
      })
      .strict(),
    pause_collection: z.enum(['keep_and_flag', 'zero']),
    cancel_at_period_end: z.enum(['churn_at_period_end', 'churn_now']),
    exchange_rates: z
      .object({
        as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        source: z.string(),
        to_base: z.record(z.string().length(3), z.number().positive()),
      })
      .strict(),
  })
  .strict();
export type MrrPolicy = z.infer<typeof MrrPolicy>;

let cached: MrrPolicy | undefined;
export function mrrPolicy(): MrrPolicy {
  cached ??= loadKnowledge('billing/mrr-policy.json', MrrPolicy);
  return cached;
}
