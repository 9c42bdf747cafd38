import type { z } from 'zod';
import type { UnmergeFeedbackData } from './command.ts';

export function renderUnmergeFeedback(data: z.infer<typeof UnmergeFeedbackData>): string {
  return data.from
    ? `Separated ${data.feedback_id} from ${data.from}: it is its own request now and will not be merged into it again.`
    : `${data.feedback_id} is not merged into another item: nothing changed.`;
}
