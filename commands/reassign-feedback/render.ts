import type { z } from 'zod';
import type { ReassignFeedbackData } from './command.ts';

export function renderReassignFeedback(data: z.infer<typeof ReassignFeedbackData>): string {
  return data.changed
    ? `Reassigned ${data.feedback_id} to ${data.owner}.`
    : `${data.feedback_id} is already resolved: nothing changed.`;
}
