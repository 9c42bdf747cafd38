import { z } from 'zod';
import { saveProductEvents } from '../../records/product-events.ts';
import { productEventRow, SegmentCall } from '../../tools/usage/segment-message.ts';
import { defineCommand } from '../registry-types.ts';
import { renderRecordProductEvents } from './render.ts';

export const RecordProductEventsArgs = z
  .object({
    /** Segment calls: track, identify or group, each with its type. */
    messages: z.array(SegmentCall).min(1).max(500),
  })
  .strict();

export const RecordProductEventsData = z.object({
  /** Calls stored now. */
  accepted: z.number().int(),
  /** Calls stored before (same messageId): nothing changed. */
  already_stored: z.number().int(),
});

export const recordProductEvents = defineCommand({
  intent: 'record_product_events',
  title: 'Record product events',
  summary:
    "Stores product analytics calls (Segment's track, identify and group) as sent; a daily rollup turns them into usage rows",
  examples: [],
  triggers: null,
  render: renderRecordProductEvents,
  account: 'none',
  access: { area: 'product_usage', write: true, target: 'portfolio' },
  args: RecordProductEventsArgs,
  result: RecordProductEventsData,
  // Traits and properties (names, emails, phone numbers) are the sender's data, not an audit record.
  auditArgs: (args) => ({
    calls: args.messages.length,
    types: [...new Set(args.messages.map((m) => m.type))].sort(),
    message_ids: args.messages.flatMap((m) => (m.messageId ? [m.messageId] : [])).slice(0, 20),
  }),
  async run(ctx, args) {
    const rows = args.messages.map((m) => productEventRow(m.type, m, ctx.now));
    const accepted = await ctx.db.transaction((tx) => saveProductEvents(tx, rows, ctx.now));
    return {
      data: { accepted, already_stored: rows.length - accepted },
      asOf: ctx.today,
      definitions: {
        idempotency:
          'a call is identified by its messageId (else by a hash of the call): sending it again stores nothing',
        account:
          "a track call's account is its context.groupId, else the account of the user's latest group call",
      },
    };
  },
});
