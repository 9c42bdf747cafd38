import type { z } from 'zod';
import type { RecordProductEventsData } from './command.ts';

export function renderRecordProductEvents(data: z.output<typeof RecordProductEventsData>): string {
  return `Stored ${data.accepted} product event(s)${data.already_stored > 0 ? `; ${data.already_stored} already stored` : ''}.`;
}
