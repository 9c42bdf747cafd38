import { severityOf } from '../../core/tickets.ts';
import type { SupportTickets } from '../../knowledge/support-tickets.ts';

/** The one severe-ticket rule: a ticket whose severity is in the severe list (P1/P2 by default). */
export const isSevere = (severity: string | null, config: SupportTickets): boolean =>
  (config.severe as readonly string[]).includes(severityOf(severity));

/** The severe tickets among `tickets`, in their order. */
export function severeTickets<T extends { severity: string | null }>(
  tickets: readonly T[],
  config: SupportTickets,
): T[] {
  return tickets.filter((t) => isSevere(t.severity, config));
}

/** How the list reads in an answer: "P1/P2". */
export const severeLabel = (config: SupportTickets): string =>
  config.severe.map((s) => s.toUpperCase()).join('/');
