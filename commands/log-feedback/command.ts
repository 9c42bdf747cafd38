import { z } from 'zod';
import { ingestFeedback } from '../../jobs/ingest-feedback.ts';
import { FEEDBACK_SOURCES } from '../../store/import/kinds.ts';
import { defineCommand } from '../registry-types.ts';
import { renderLogFeedback } from './render.ts';

export const LogFeedbackArgs = z
  .object({
    /** What the customer said, as they said it. */
    text: z.string().trim().min(1, 'write what the customer said').max(20_000),
    /** Where it came from; default `slack` in Slack, `call_note` elsewhere. */
    source: z.enum(FEEDBACK_SOURCES).optional(),
    score: z.coerce.number().int().min(0).max(10).optional(),
    /** Who said it (a name or a source-system user); default the person logging it. */
    author: z.string().max(200).optional(),
    /** Your id for the item; re-sending the same id stores nothing new. */
    feedback_id: z.string().min(1).max(200).optional(),
    /** An id from the source system: the idempotency key when feedback_id is absent. */
    external_id: z.string().min(1).max(200).optional(),
    /** When the customer said it (ISO date-time); default now. */
    created_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const LogFeedbackData = z.object({
  feedback_id: z.string(),
  account_id: z.string(),
  account_name: z.string(),
  /** `accepted`: stored now; `already_stored`: the same item was stored before (nothing changed). */
  status: z.enum(['accepted', 'already_stored']),
  /** Whether processing was queued now (false when the queue is down: it catches up from the store). */
  queued: z.boolean(),
});
export type LogFeedbackData = z.infer<typeof LogFeedbackData>;

export const logFeedback = defineCommand({
  intent: 'log_feedback',
  title: 'Log feedback',
  summary:
    'Stores what a customer said for an account; it is then deduplicated, tagged with a theme and routed to its owner with an SLA',
  examples: ['feedback Acme Corp: the CSV export times out on big workspaces'],
  triggers: null,
  render: renderLogFeedback,
  account: 'required',
  access: { area: 'account_feedback', write: true, target: 'account' },
  args: LogFeedbackArgs,
  result: LogFeedbackData,
  async run(ctx, args, account) {
    const result = await ingestFeedback(
      ctx.db,
      ctx.queue ?? null,
      { id: account.id, name: account.name },
      {
        text: args.text,
        source: args.source ?? (ctx.surface === 'slack' ? 'slack' : 'call_note'),
        score: args.score ?? null,
        author: args.author ?? (ctx.actor.user ? ctx.actor.id : null),
        ...(args.feedback_id ? { feedback_id: args.feedback_id } : {}),
        ...(args.external_id ? { external_id: args.external_id } : {}),
        ...(args.created_at ? { created_at: args.created_at } : {}),
      },
      new Date(ctx.now),
      ctx.logger,
    );
    return {
      data: {
        feedback_id: result.feedback_id,
        account_id: result.account_id,
        account_name: result.account_name,
        status: result.inserted ? ('accepted' as const) : ('already_stored' as const),
        queued: result.queued,
      },
      asOf: ctx.today,
      definitions: {
        idempotency:
          'an item is identified by feedback_id, else by source and external_id, else by account, source and text: sending it again stores nothing new, and the same id with other content is refused',
      },
    };
  },
});
