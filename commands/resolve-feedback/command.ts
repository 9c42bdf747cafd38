import { z } from 'zod';
import { resolveRequest } from '../../records/feedback-notices.ts';
import { FEEDBACK_STATE_DEFINITION, FeedbackItemArgs } from '../feedback-item-arg.ts';
import { defineCommand } from '../registry-types.ts';
import { renderResolveFeedback } from './render.ts';

export const ResolveFeedbackData = z.object({
  feedback_id: z.string(),
  /** Every item resolved now: the request and the items merged into it. Empty when it was resolved already. */
  resolved: z.array(z.object({ feedback_id: z.string(), account_id: z.string() })),
  /** One item per account asking, for its closed-loop email (draft_email --kind closed_loop). */
  accounts: z.array(z.object({ account_id: z.string(), feedback_id: z.string() })),
});
export type ResolveFeedbackData = z.infer<typeof ResolveFeedbackData>;

export const resolveFeedback = defineCommand({
  intent: 'resolve_feedback',
  title: 'Resolve feedback',
  summary:
    'Closes a feedback request and every item merged into it; each account asking then gets a closed-loop draft',
  examples: [],
  triggers: null,
  render: renderResolveFeedback,
  account: 'none',
  access: { area: 'feedback_queue', write: true, target: 'feedback_request' },
  args: FeedbackItemArgs,
  result: ResolveFeedbackData,
  async run(ctx, args) {
    const resolved = await resolveRequest(ctx.db, args.feedback_id, ctx.now);
    const accounts = [...new Map(resolved.map((i) => [i.account_id, i.feedback_id])).entries()].map(
      ([account_id, feedback_id]) => ({ account_id, feedback_id }),
    );
    return {
      data: { feedback_id: args.feedback_id, resolved, accounts },
      asOf: ctx.today,
      definitions: { status: FEEDBACK_STATE_DEFINITION },
    };
  },
});
