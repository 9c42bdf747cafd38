/** Ticket severities, most severe first: what imports accept and connectors map priorities to. */
export const TICKET_SEVERITIES = ['p1', 'p2', 'p3', 'p4'] as const;
export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];

/** A ticket's severity as the rules read it: one without a known severity counts as the least severe. */
export const severityOf = (severity: string | null): TicketSeverity =>
  (TICKET_SEVERITIES as readonly string[]).includes(severity ?? '') ? (severity as TicketSeverity) : 'p4';
