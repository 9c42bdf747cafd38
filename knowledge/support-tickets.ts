import { z } from 'zod';
import { TICKET_SEVERITIES } from '../core/tickets.ts';
import { loadKnowledge } from './load-knowledge.ts';

/** Which ticket severities count as severe (knowledge/support/tickets.json). */
export const SupportTickets = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    severe: z.array(z.enum(TICKET_SEVERITIES)).min(1),
  })
  .strict();
export type SupportTickets = z.infer<typeof SupportTickets>;

let cached: SupportTickets | undefined;
export function supportTickets(): SupportTickets {
  cached ??= loadKnowledge('support/tickets.json', SupportTickets);
  return cached;
}
