import type { z } from 'zod';
import { mergeReason } from '../../tools/feedback/merge-reason.ts';
import type { DecideDuplicateData } from './command.ts';

export function renderDecideDuplicate(data: z.infer<typeof DecideDuplicateData>): string {
  const why = mergeReason(data.similarity, data.shared_subjects);
  if (!data.changed)
    return `${data.feedback_id} and ${data.candidate_id} were already decided: ${data.decision === 'merged' ? 'merged' : 'not a duplicate'}.`;
  return data.decision === 'merged'
    ? `Merged ${data.feedback_id} into ${data.candidate_id} (${why}).`
    : `${data.feedback_id} is not a duplicate of ${data.candidate_id}: it will not be suggested again.`;
}
