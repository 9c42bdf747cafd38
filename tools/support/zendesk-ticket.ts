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

export interface MappedTicket {
  ticket: ZendeskTicket;
  /** The account, or null when the ticket has no organisation or it matches none. */
  accountId: string | null;
  via: AccountMatch['via'] | 'no organisation';
  /** The ticket row to store; null for a deleted ticket, one without an account, or one that cannot be stored. */
  row: TicketRow | null;
  /** Why the ticket cannot be stored (quarantined by the sync), or null. */
  problem: string | null;
}

const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Why a ticket the export returned cannot be stored as a ticket row, or null when it can. Pure. */
export function ticketProblem(ticket: ZendeskTicket): string | null {
  if (typeof ticket.id !== 'number' || !Number.isFinite(ticket.id)) return 'the ticket has no numeric id';
  if (!isTime(ticket.created_at)) return 'created_at is missing or not a time';
  if (typeof ticket.status !== 'string' || ticket.status === '') return 'status is missing';
  if (ticket.subject !== null && ticket.subject !== undefined && typeof ticket.subject !== 'string')
    return 'subject is not text';
  if (
    ticket.description !== null &&
    ticket.description !== undefined &&
    typeof ticket.description !== 'string'
  )
    return 'description is not text';
  return null;
}

/**
 * One page of the incremental export mapped, as a sync and its dry run both read it: each
 * side-loaded organisation to its account (a stored link, external_id, then a domain), each
 * ticket to its row on that account (an organisation not side-loaded is found by its stored
 * link), and the links the page adds. Pure.
 */
export function mapExportPage(
  page: {
    tickets: readonly ZendeskTicket[];
    organizations: readonly ZendeskOrganization[];
    metric_sets: readonly ZendeskMetricSet[];
  },
  accounts: AccountKeys,
  links: ReadonlyMap<string, string>,
  mapping: ZendeskMapping,
): { tickets: MappedTicket[]; newLinks: { external_id: string; account_id: string; matched_by: string }[] } {
  const matches = new Map<number, AccountMatch>();
  const newLinks = [];
  for (const org of page.organizations) {
    const match = organizationAccount(org, accounts, links.get(String(org.id)) ?? null);
    matches.set(org.id, match);
    if (match.accountId !== null && match.via !== 'link')
      newLinks.push({ external_id: String(org.id), account_id: match.accountId, matched_by: match.via });
  }
  const metrics = new Map(page.metric_sets.map((m) => [m.ticket_id, m]));
  const tickets = page.tickets.map((t): MappedTicket => {
    if (t.organization_id === null || t.organization_id === undefined)
      return { ticket: t, accountId: null, via: 'no organisation', row: null, problem: null };
    const linked = links.get(String(t.organization_id));
    const match: AccountMatch =
      matches.get(t.organization_id) ??
      (linked ? { accountId: linked, via: 'link' } : { accountId: null, via: 'unmatched' });
    const stored = match.accountId !== null && t.status !== 'deleted';
    const problem = stored ? ticketProblem(t) : null;
    return {
      ticket: t,
      accountId: match.accountId,
      via: match.via,
      row:
        stored && problem === null
          ? ticketRow(t, match.accountId as string, metrics.get(t.id), mapping)
          : null,
      problem,
    };
  });
  return { tickets, newLinks };
}
