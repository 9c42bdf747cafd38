import type { ZendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import { accountKeys } from '../../records/billing.ts';
import { saveSyncLinks, syncLinks } from '../../records/sync.ts';
import { deleteTickets, upsertTickets } from '../../records/tickets.ts';
import type { Db } from '../../store/db.ts';
import { mapExportPage, ticketRow } from '../../tools/support/zendesk-ticket.ts';
import { cleanRecord } from '../../tools/text/clean-text.ts';
import { runPagedSync } from './paged-sync.ts';
import type { ZendeskReader } from './zendesk-client.ts';

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
  const run = await runPagedSync<ReturnType<typeof mapExportPage>>({
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
      const mapped = mapExportPage(cleanRecord(page), keys, links, mapping);
      return {
        page: mapped,
        // An empty last page may carry no cursor: keep where the stream ended.
        cursor: page.after_cursor ? JSON.stringify({ cursor: page.after_cursor }) : stored,
        done: page.end_of_stream,
        quarantined: mapped.tickets.flatMap((t) =>
          t.problem
            ? [{ kind: 'ticket', external_id: String(t.ticket.id), reason: t.problem, record: t.ticket }]
            : [],
        ),
      };
    },
    split: (page) =>
      page.tickets.map((t) => ({
        kind: 'ticket',
        external_id: String(t.ticket.id),
        record: t.ticket,
        page: { tickets: [t], newLinks: page.newLinks },
      })),
    async write(tx, { tickets, newLinks }) {
      const rows = tickets.flatMap((t) => (t.row ? [t.row] : []));
      const deleted = tickets
        .filter((t) => t.ticket.status === 'deleted')
        .map((t) => `zendesk-${t.ticket.id}`);
      await saveSyncLinks(tx, ZENDESK_SOURCE, 'organization', newLinks, at);
      await upsertTickets(tx, rows);
      const removed = await deleteTickets(tx, deleted);
      return {
        tickets: rows.length,
        tickets_deleted: removed,
        tickets_without_account: tickets.filter((t) => t.ticket.status !== 'deleted' && t.accountId === null)
          .length,
      };
    },
    committed({ newLinks }) {
      for (const l of newLinks) links.set(l.external_id, l.account_id);
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
  return mapExportPage(page, keys, links, mapping)
    .tickets.slice(0, options.count ?? 5)
    .map(({ ticket, accountId, via }) => {
      const row = ticketRow(ticket, accountId ?? '', undefined, mapping);
      return {
        ticket: ticket.id,
        organization: ticket.organization_id,
        account: accountId,
        via,
        severity: row.severity,
        status: row.status,
        csat: row.csat,
      };
    });
}
