import { z } from 'zod';
import { setFeedbackState } from '../../records/feedback.ts';
import { FEEDBACK_STATE_DEFINITION, FeedbackItemArgs } from '../feedback-item-arg.ts';
import { defineCommand } from '../registry-types.ts';
import { renderAcknowledgeFeedback } from './render.ts';

export const AcknowledgeFeedbackData = z.object({
  feedback_id: z.string(),
  /** False when the item was already resolved: nothing changed. */
  changed: z.boolean(),
});

export const acknowledgeFeedback = defineCommand({
  intent: 'acknowledge_feedback',
  title: 'Acknowledge feedback',
  summary: 'Marks a feedback request as seen by its owner: its SLA no longer escalates',
  examples: [],
  triggers: null,
  render: renderAcknowledgeFeedback,
  account: 'none',
  access: { area: 'feedback_queue', write: true, target: 'feedback_request' },
  args: FeedbackItemArgs,
  result: AcknowledgeFeedbackData,
  async run(ctx, args) {
    const changed = await setFeedbackState(ctx.db, args.feedback_id, { status: 'acknowledged' }, ctx.now);
    return {
      data: { feedback_id: args.feedback_id, changed },
      asOf: ctx.today,
      definitions: { status: FEEDBACK_STATE_DEFINITION },
    };
  },
});
