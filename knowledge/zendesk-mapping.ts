import { z } from 'zod';
import { TICKET_SEVERITIES } from '../core/tickets.ts';
import { loadKnowledge } from './load-knowledge.ts';

/**
 * How Zendesk tickets become tickets (knowledge/connectors/zendesk.json): priority → severity,
 * satisfaction rating → CSAT, and the incremental export's pace. Versioned; echoed by the sync.
 */
export const ZendeskMapping = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    priority_severity: z.record(z.string(), z.enum(TICKET_SEVERITIES)),
    satisfaction_csat: z.record(z.string(), z.number().int().min(1).max(5)),
    requests_per_minute: z.number().int().min(1).max(600),
    page_size: z.number().int().min(1).max(1000),
  })
  .strict();
export type ZendeskMapping = z.infer<typeof ZendeskMapping>;

let cached: ZendeskMapping | undefined;
export function zendeskMapping(): ZendeskMapping {
  cached ??= loadKnowledge('connectors/zendesk.json', ZendeskMapping);
  return cached;
}
