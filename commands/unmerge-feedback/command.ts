import { z } from 'zod';
import { unmergeFeedback as separate } from '../../records/feedback.ts';
import { recordUnmergeDecision } from '../../records/feedback-decisions.ts';
import { FeedbackItemArgs } from '../feedback-item-arg.ts';
import { defineCommand } from '../registry-types.ts';
import { renderUnmergeFeedback } from './render.ts';

export const UnmergeFeedbackData = z.object({
  feedback_id: z.string(),
  /** The request it was merged into, or null when it was not merged. */
  from: z.string().nullable(),
});

export const unmergeFeedback = defineCommand({
  intent: 'unmerge_feedback',
  title: 'Not a duplicate',
  summary: 'Separates a feedback item from the request it was merged into; it is never merged into it again',
  examples: [],
  triggers: null,
  render: renderUnmergeFeedback,
  account: 'none',
  access: { area: 'feedback_queue', write: true, target: 'feedback_request' },
  args: FeedbackItemArgs,
  result: UnmergeFeedbackData,
  async run(ctx, args) {
    const result = await ctx.db.transaction(async (tx) => {
      const separated = await separate(tx, args.feedback_id);
      if (separated)
        await recordUnmergeDecision(
          tx,
          { feedbackId: args.feedback_id, candidateId: separated.from, similarity: separated.similarity },
          ctx.actor.id,
          ctx.now,
        );
      return separated;
    });
    return {
      data: { feedback_id: args.feedback_id, from: result?.from ?? null },
      asOf: ctx.today,
      definitions: {
        unmerge:
          'the item becomes its own request; a later re-process never merges it into the same request again',
      },
    };
  },
});
