import { z } from 'zod';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { decidedPairDecision, decideSuggestedPair } from '../../records/feedback-decisions.ts';
import { FeedbackItemArgs } from '../feedback-item-arg.ts';
import { defineCommand } from '../registry-types.ts';
import { renderDecideDuplicate } from './render.ts';

export const DecideDuplicateArgs = FeedbackItemArgs.extend({
  /** The request that was suggested as a possible duplicate. */
  candidate_id: z.string().trim().min(1, 'name the suggested request, e.g. FB-000120').max(200),
  decision: z.enum(['merged', 'not_duplicate']),
}).strict();

export const DecideDuplicateData = z.object({
  feedback_id: z.string(),
  candidate_id: z.string(),
  decision: z.enum(['merged', 'not_duplicate']),
  similarity: z.number().nullable(),
  shared_subjects: z.array(z.string()),
  /** False when the same decision had been made already: nothing changed. */
  changed: z.boolean(),
});

export const decideDuplicate = defineCommand({
  intent: 'decide_duplicate',
  title: 'Merge or not a duplicate',
  summary:
    'Decides on a suggested possible duplicate: merge the item into the request, or mark it not a duplicate (never suggested again)',
  examples: [],
  triggers: null,
  render: renderDecideDuplicate,
  account: 'none',
  access: { area: 'feedback_queue', write: true, target: 'feedback_request' },
  args: DecideDuplicateArgs,
  result: DecideDuplicateData,
  async run(ctx, args) {
    const pair = { feedbackId: args.feedback_id, candidateId: args.candidate_id };
    const decided = await ctx.db.transaction((tx) =>
      decideSuggestedPair(tx, pair, args.decision, ctx.actor.id, ctx.now),
    );
    const definitions = {
      decision:
        'merged: the item and what was merged into it join the request; not a duplicate: the pair is never suggested or merged again. Every decision is kept to recalibrate the dedup thresholds (cse feedback calibrate)',
    };
    if (decided)
      return {
        data: {
          ...args,
          similarity: Number(decided.similarity),
          shared_subjects: decided.shared_subjects,
          changed: true,
        },
        asOf: ctx.today,
        definitions,
      };
    const earlier = await decidedPairDecision(ctx.db, pair);
    if (earlier?.decision !== args.decision)
      throw new CseError(
        ErrorCode.BadInput,
        earlier
          ? `${args.candidate_id} was already decided for ${args.feedback_id}: ${earlier.decision.replace('_', ' ')}`
          : `${args.candidate_id} was not suggested as a possible duplicate of ${args.feedback_id}`,
        {
          hint: 'The owner notice lists the suggestions; cse feedback export shows each item and its request',
        },
      );
    return {
      data: {
        ...args,
        similarity: Number(earlier.similarity),
        shared_subjects: earlier.shared_subjects,
        changed: false,
      },
      asOf: ctx.today,
      definitions,
    };
  },
});
