import type { ZendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import { type AccountKeys, type AccountMatch, matchAccount } from '../connectors/account-match.ts';

/** A ticket as the incremental export returns it (the fields the sync reads). */
export interface ZendeskTicket {
  id: number;
  organization_id: number | null;
  created_at: string;
  updated_at: string;
  priority: string | null;
  status: string;
  subject: string | null;
  description: string | null;
  satisfaction_rating?: { score?: string | null } | null;
  tags?: string[];
}

export interface ZendeskOrganization {
  id: number;
  name: string;
  external_id: string | null;
  domain_names: string[];
}

export interface ZendeskMetricSet {
  ticket_id: number;
  solved_at: string | null;
}

export interface TicketRow {
  ticket_id: string;
  account_id: string;
  opened_at: string;
  severity: 'p1' | 'p2' | 'p3' | 'p4' | null;
  status: string;
  resolved_at: string | null;
  csat: number | null;
  subject: string | null;
  body: string | null;
  attributes: {
    source: 'zendesk';
    zendesk_id: number;
    priority: string | null;
    satisfaction: string | null;
    tags: string[];
  };
}

/** Which account an organisation is: a stored link, its external_id, else one of its domains; never a new account. */
export const organizationAccount = (
  org: ZendeskOrganization,
  accounts: AccountKeys,
  linked: string | null,
): AccountMatch =>
  matchAccount({ linked, namedId: org.external_id, domains: org.domain_names }, accounts, null);

/**
 * A Zendesk ticket as a ticket row (DESIGN §13): priority → severity and rating → CSAT by the
 * mapping (values it does not list give none), the metric set's solved time → resolved_at. Pure.
 */
export function ticketRow(
  ticket: ZendeskTicket,
  accountId: string,
  metrics: ZendeskMetricSet | undefined,
  mapping: ZendeskMapping,
): TicketRow {
  const score = ticket.satisfaction_rating?.score ?? null;
  return {
    ticket_id: `zendesk-${ticket.id}`,
    account_id: accountId,
    opened_at: ticket.created_at,
    severity: ticket.priority ? (mapping.priority_severity[ticket.priority] ?? null) : null,
    status: ticket.status,
    resolved_at: metrics?.solved_at ?? null,
    csat: score ? (mapping.satisfaction_csat[score] ?? null) : null,
    subject: ticket.subject,
    body: ticket.description,
    attributes: {
      source: 'zendesk',
      zendesk_id: ticket.id,
      priority: ticket.priority,
      satisfaction: score,
      tags: ticket.tags ?? [],
    },
  };
}
