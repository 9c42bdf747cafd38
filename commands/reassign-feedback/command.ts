import { z } from 'zod';
import { FEEDBACK_OWNERS } from '../../knowledge/feedback-themes.ts';
import { setFeedbackState } from '../../records/feedback.ts';
import { FEEDBACK_STATE_DEFINITION, FeedbackItemArgs } from '../feedback-item-arg.ts';
import { defineCommand } from '../registry-types.ts';
import { renderReassignFeedback } from './render.ts';

export const ReassignFeedbackArgs = FeedbackItemArgs.extend({ owner: z.enum(FEEDBACK_OWNERS) }).strict();

export const ReassignFeedbackData = z.object({
  feedback_id: z.string(),
  owner: z.string(),
  /** False when the item was already resolved: nothing changed. */
  changed: z.boolean(),
});

export const reassignFeedback = defineCommand({
  intent: 'reassign_feedback',
  title: 'Reassign feedback',
  summary: 'Moves a feedback request to another owning team',
  examples: [],
  triggers: null,
  render: renderReassignFeedback,
  account: 'none',
  access: { area: 'feedback_queue', write: true, target: 'feedback_request' },
  args: ReassignFeedbackArgs,
  result: ReassignFeedbackData,
  async run(ctx, args) {
    const changed = await setFeedbackState(ctx.db, args.feedback_id, { reassignTo: args.owner }, ctx.now);
    return {
      data: { feedback_id: args.feedback_id, owner: args.owner, changed },
      asOf: ctx.today,
      definitions: { status: FEEDBACK_STATE_DEFINITION },
    };
  },
});
