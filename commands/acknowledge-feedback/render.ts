import type { z } from 'zod';
import type { AcknowledgeFeedbackData } from './command.ts';

export function renderAcknowledgeFeedback(data: z.infer<typeof AcknowledgeFeedbackData>): string {
  return data.changed
    ? `Acknowledged ${data.feedback_id}: the SLA clock stops escalating.`
    : `${data.feedback_id} is already resolved: nothing changed.`;
}
