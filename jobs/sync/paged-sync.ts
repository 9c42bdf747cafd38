import type { Db, Queryable } from '../../store/db.ts';
import {
  advanceCursor,
  markSyncFailed,
  markSyncFinished,
  markSyncStarted,
  syncSource,
} from '../../store/repositories/sync-sources.ts';

/** One page a source returned: its records, the cursor after it, and whether the source is drained. */
export interface FetchedPage<P> {
  page: P;
  /** Where the next page starts; stored with the page's rows. */
  cursor: string | null;
  done: boolean;
}

export interface PagedSyncOptions<P> {
  db: Db;
  source: string;
  now: Date;
  /** The next page after `cursor` (null: the source's start). */
  fetch(cursor: string | null): Promise<FetchedPage<P>>;
  /** Writes one page's rows inside its transaction; returns what it wrote, by kind, for `cse sources`. */
  write(tx: Queryable, page: P): Promise<Record<string, number>>;
  /** Runs after a page's transaction commits (e.g. to remember the accounts it created). */
  committed?(page: P): void;
  /**
   * What a finished pass leaves: 'clear' makes the next sync a full pass again (snapshots such as
   * live subscriptions); 'keep' leaves the last cursor, so the next sync is incremental.
   */
  finish: 'clear' | 'keep';
  /** Start here instead of the stored cursor (`--since`, or a first incremental run). */
  startAt?: string | null;
  onPage?(progress: { pages: number; counts: Record<string, number> }): void;
  /** The source's credentials: never written into the stored last error. */
  secrets?: readonly (string | undefined)[];
}

/**
 * An error's message fit to store and show: with its network cause ("fetch failed" says little;
 * "fetch failed (ECONNREFUSED)" says what to check), credentials and authorization values masked.
 */
export function secretFree(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e?.cause?.code ?? e?.cause?.message;
  const message = `${e?.message ?? String(error)}${cause && !e?.message?.includes(cause) ? ` (${cause})` : ''}`;
  let out = message.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]');
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.replaceAll(secret, '[redacted]');
  return out;
}

export interface PagedSyncResult {
  pages: number;
  counts: Record<string, number>;
  /** The stored cursor the sync started from: a killed run's last committed page, or the last sync's end. */
  resumedFrom: string | null;
  cursor: string | null;
}

/**
 * The sync machinery every connector shares: page by page, each page's rows and its cursor in one
 * transaction, so a killed sync resumes after its last committed page with nothing lost and
 * nothing twice. The start, the end and the last error are stamped for `cse sources`; an error
 * keeps the cursor and is rethrown.
 */
export async function runPagedSync<P>(options: PagedSyncOptions<P>): Promise<PagedSyncResult> {
  const { db, source, now } = options;
  await markSyncStarted(db, source, now.toISOString());
  const stored = (await syncSource(db, source))?.cursor ?? null;
  const resumedFrom = options.startAt === undefined ? stored : null;
  let cursor = options.startAt === undefined ? stored : options.startAt;
  const result: PagedSyncResult = { pages: 0, counts: {}, resumedFrom, cursor };
  try {
    for (;;) {
      const fetched = await options.fetch(cursor);
      const counts = await db.transaction(async (tx) => {
        const written = await options.write(tx, fetched.page);
        await advanceCursor(tx, source, fetched.cursor, written);
        return written;
      });
      options.committed?.(fetched.page);
      cursor = fetched.cursor;
      result.pages++;
      for (const [k, n] of Object.entries(counts)) result.counts[k] = (result.counts[k] ?? 0) + n;
      options.onPage?.({ pages: result.pages, counts: result.counts });
      if (fetched.done) break;
    }
    result.cursor = options.finish === 'clear' ? null : cursor;
    await markSyncFinished(db, source, now.toISOString(), result.cursor);
    return result;
  } catch (error) {
    await markSyncFailed(db, source, secretFree(error, options.secrets), now.toISOString());
    throw error;
  }
}
