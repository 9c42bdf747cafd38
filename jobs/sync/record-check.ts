import { z } from 'zod';
import type { QuarantinedRecord } from '../../records/sync.ts';

/** A vendor record's id as the quarantine names it (its `id`, else "(no id)"). */
export function recordId(record: unknown): string {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '(no id)';
}

/** The id of the last record that has one: where a list API's next page starts (null when none has). */
export function lastId(records: readonly unknown[]): string | null {
  for (let k = records.length - 1; k >= 0; k--) {
    const id = (records[k] as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return null;
}

/** "items.data: expected array; currency: required": what a vendor record lacks, field by field. */
const problemsOf = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');

/**
 * Maps a page's records one by one: a record without the fields the mapping reads (its `shape`),
 * or whose mapping fails, is quarantined with the reason, and the others are mapped. One bad
 * record never fails its page.
 */
export function mapEach<R, T>(
  records: readonly R[],
  kind: string,
  shape: z.ZodType,
  map: (record: R) => T,
  /** The vendor's record inside `record` (when it is checked with what it was matched to). */
  vendorRecord: (record: R) => unknown = (record) => record,
): { mapped: { record: R; value: T }[]; quarantined: QuarantinedRecord[] } {
  const mapped: { record: R; value: T }[] = [];
  const quarantined: QuarantinedRecord[] = [];
  const hold = (record: R, reason: string) => {
    const vendor = vendorRecord(record);
    quarantined.push({ kind, external_id: recordId(vendor), reason, record: vendor });
  };
  for (const record of records) {
    const checked = shape.safeParse(vendorRecord(record));
    if (!checked.success) {
      hold(record, problemsOf(checked.error));
      continue;
    }
    try {
      mapped.push({ record, value: map(record) });
    } catch (error) {
      hold(record, `could not be mapped: ${(error as Error).message}`);
    }
  }
  return { mapped, quarantined };
}

/** What every CRM object carries: an id and its properties (values are text or empty). */
export const CrmObjectShape = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable().optional()),
});

const Timestamp = z.number().int().nullable();

/** A customer as a Stripe record names it: its id, or the expanded customer. */
const StripeCustomer = z.union([
  z.string().min(1),
  z.object({
    id: z.string().min(1),
    name: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  }),
]);

/** The fields of a Stripe subscription the MRR policy reads. */
export const StripeSubscriptionShape = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  currency: z.string().min(1),
  customer: StripeCustomer,
  items: z.object({
    data: z.array(
      z.object({
        quantity: z.number().nullable().optional(),
        price: z.object({
          unit_amount: z.number().nullable(),
          recurring: z.object({ interval: z.string(), interval_count: z.number() }).nullable(),
        }),
      }),
    ),
  }),
  trial_end: Timestamp,
  cancel_at_period_end: z.boolean(),
  ended_at: Timestamp,
});

/** The fields of a Stripe invoice the invoice sync reads. */
export const StripeInvoiceShape = z.object({
  id: z.string().min(1),
  status: z.string().nullable(),
  currency: z.string().min(1),
  amount_due: z.number(),
  created: z.number().int(),
  due_date: Timestamp.optional(),
  attempt_count: z.number().int().min(0),
  status_transitions: z
    .object({ paid_at: Timestamp.optional(), finalized_at: Timestamp.optional() })
    .nullable()
    .optional(),
  customer: StripeCustomer,
  lines: z.object({
    data: z.array(
      z
        .object({
          id: z.string().min(1),
          amount: z.number(),
          currency: z.string().min(1),
          quantity: z.number().nullable().optional(),
          period: z.object({ start: z.number().int(), end: z.number().int() }),
        })
        .passthrough(),
    ),
    has_more: z.boolean(),
  }),
});
