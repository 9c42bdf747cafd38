import type { ZendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import type { Db } from '../../store/db.ts';
import { accountKeys } from '../../store/repositories/billing.ts';
import { saveSyncLinks, syncLinks } from '../../store/repositories/sync-links.ts';
import { deleteTickets, upsertTickets } from '../../store/repositories/tickets.ts';
import { organizationAccount, type TicketRow, ticketRow } from '../../tools/support/zendesk-ticket.ts';
import { runPagedSync } from './paged-sync.ts';
import type { ZendeskExportPage, ZendeskReader } from './zendesk-client.ts';

export const ZENDESK_SOURCE = 'zendesk';

/** Where the export stands: a start time (first run, or `--since`) or the export's after_cursor. */
type ZendeskPosition = { start_time: number } | { cursor: string };

export function readZendeskPosition(stored: string | null): ZendeskPosition {
  return stored ? (JSON.parse(stored) as ZendeskPosition) : { start_time: 0 };
}

export interface ZendeskSyncOptions {
  db: Db;
  zendesk: ZendeskReader;
  mapping: ZendeskMapping;
  now: Date;
  /** Export tickets updated since this moment instead of where the last sync ended. */
  since?: Date;
  onPage?: (progress: { pages: number; counts: Record<string, number> }) => void;
  secrets?: readonly (string | undefined)[];
}

export interface ZendeskSyncResult {
  pages: number;
  counts: Record<string, number>;
  resumedFrom: string | null;
  mapping: string;
}

/**
 * Zendesk tickets into the store through the cursor-based incremental export (DESIGN §13): each
 * page's organisations mapped to accounts (link, external_id, then domain), its tickets written
 * (deleted ones removed) with the export's after_cursor in one transaction. The cursor is kept
 * after the end of the stream, so each sync reads only what changed; a killed one resumes.
 */
export async function syncZendesk(options: ZendeskSyncOptions): Promise<ZendeskSyncResult> {
  const { db, zendesk, mapping, now } = options;
  const keys = await accountKeys(db);
  const links = await syncLinks(db, ZENDESK_SOURCE, 'organization');
  const at = now.toISOString();
  const run = await runPagedSync<ZendeskExportPage>({
    db,
    source: ZENDESK_SOURCE,
    now,
    finish: 'keep',
    secrets: options.secrets,
    ...(options.since
      ? { startAt: JSON.stringify({ start_time: Math.floor(options.since.getTime() / 1000) }) }
      : {}),
    async fetch(stored) {
      const page = await zendesk.exportTickets(readZendeskPosition(stored));
      return {
        page,
        // An empty last page may carry no cursor: keep where the stream ended.
        cursor: page.after_cursor ? JSON.stringify({ cursor: page.after_cursor }) : stored,
        done: page.end_of_stream,
      };
    },
    async write(tx, page) {
      const orgAccounts = new Map<number, string>();
      const newLinks = [];
      for (const org of page.organizations) {
        const match = organizationAccount(org, keys, links.get(String(org.id)) ?? null);
        if (match.accountId === null) continue;
        orgAccounts.set(org.id, match.accountId);
        if (match.via !== 'link')
          newLinks.push({ external_id: String(org.id), account_id: match.accountId, matched_by: match.via });
      }
      const metrics = new Map(page.metric_sets.map((m) => [m.ticket_id, m]));
      const rows: TicketRow[] = [];
      const deleted: string[] = [];
      let unmatched = 0;
      for (const t of page.tickets) {
        if (t.status === 'deleted') {
          deleted.push(`zendesk-${t.id}`);
          continue;
        }
        const accountId =
          t.organization_id === null
            ? undefined
            : (orgAccounts.get(t.organization_id) ?? links.get(String(t.organization_id)));
        if (accountId) rows.push(ticketRow(t, accountId, metrics.get(t.id), mapping));
        else unmatched++;
      }
      await saveSyncLinks(tx, ZENDESK_SOURCE, 'organization', newLinks, at);
      await upsertTickets(tx, rows);
      const removed = await deleteTickets(tx, deleted);
      for (const l of newLinks) links.set(l.external_id, l.account_id);
      return { tickets: rows.length, tickets_deleted: removed, tickets_without_account: unmatched };
    },
    onPage: options.onPage,
  });
  return { pages: run.pages, counts: run.counts, resumedFrom: run.resumedFrom, mapping: mapping.version };
}

export interface ZendeskPreviewRecord {
  ticket: number;
  organization: number | null;
  account: string | null;
  via: string;
  severity: string | null;
  status: string;
  csat: number | null;
}

/** The first `count` tickets of the export and how a sync would map them; writes nothing. */
export async function previewZendesk(
  options: Pick<ZendeskSyncOptions, 'db' | 'zendesk' | 'mapping' | 'since'> & { count?: number },
): Promise<ZendeskPreviewRecord[]> {
  const { db, zendesk, mapping } = options;
  const keys = await accountKeys(db);
  const links = await syncLinks(db, ZENDESK_SOURCE, 'organization');
  const page = await zendesk.exportTickets({
    start_time: Math.floor((options.since?.getTime() ?? 0) / 1000),
  });
  const orgs = new Map(page.organizations.map((o) => [o.id, o]));
  const metrics = new Map(page.metric_sets.map((m) => [m.ticket_id, m]));
  return page.tickets.slice(0, options.count ?? 5).map((t) => {
    const org = t.organization_id === null ? undefined : orgs.get(t.organization_id);
    const match = org
      ? organizationAccount(org, keys, links.get(String(org.id)) ?? null)
      : { accountId: null, via: 'unmatched' as const };
    const row = ticketRow(t, match.accountId ?? '', metrics.get(t.id), mapping);
    return {
      ticket: t.id,
      organization: t.organization_id,
      account: match.accountId,
      via: org ? match.via : 'no organisation',
      severity: row.severity,
      status: row.status,
      csat: row.csat,
    };
  });
}
