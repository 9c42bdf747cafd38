import {
  advanceCursor,
  markSyncFailed,
  markSyncFinished,
  markSyncStarted,
  type QuarantinedRecord,
  quarantineRecords,
  syncSource,
} from '../../records/sync.ts';
import { type Db, inSavepoint, type Queryable } from '../../store/db.ts';
import { cleanRecord } from '../../tools/text/clean-text.ts';

export type { QuarantinedRecord };

/** One page a source returned: its records, the cursor after it, and whether the source is drained. */
export interface FetchedPage<P> {
  page: P;
  /** Where the next page starts; stored with the page's rows. */
  cursor: string | null;
  done: boolean;
  /** Records of the page that could not be mapped, with why: quarantined, the rest written. */
  quarantined?: QuarantinedRecord[];
}

/** Puts records that cannot be stored aside (in the page's transaction), with their reason. */
export type Quarantine = (records: readonly QuarantinedRecord[]) => void;

/** One record of a page as a page of its own: what the safety net writes alone when the page fails. */
export interface PageRecord<P> {
  kind: string;
  external_id: string;
  record: unknown;
  page: P;
}

export interface PagedSyncOptions<P> {
  db: Db;
  source: string;
  now: Date;
  /** The next page after `cursor` (null: the source's start). */
  fetch(cursor: string | null): Promise<FetchedPage<P>>;
  /**
   * Writes one page's rows inside its transaction; returns what it wrote, by kind, for `cse
   * sources`. A record it cannot map goes to `quarantine`, with its reason, and the rest is written.
   */
  write(tx: Queryable, page: P, quarantine: Quarantine): Promise<Record<string, number>>;
  /**
   * The page's records, each as a page of one: when the database refuses the page's data (a value
   * the mapping let through), each is written on its own and the one refused is quarantined.
   */
  split?(page: P): PageRecord<P>[];
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
      // A NUL anywhere in a record cannot be stored: gone before the page is written.
      const page = cleanRecord(fetched.page);
      const counts = await writePage(options, { ...fetched, page });
      options.committed?.(page);
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

/** The database refused a value or a constraint (SQLSTATE classes 22 and 23): the data's fault, not the store's. */
function refusedData(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * One page in one transaction with its cursor and its quarantined records. When the database
 * refuses the page's data and the source can split it, each record is written on its own (a
 * savepoint each) and the ones refused are quarantined with the database's reason: the cursor
 * moves on either way.
 */
async function writePage<P>(
  options: PagedSyncOptions<P>,
  fetched: FetchedPage<P>,
): Promise<Record<string, number>> {
  const { db, source } = options;
  const at = options.now.toISOString();
  const finish = async (tx: Queryable, written: Record<string, number>, held: QuarantinedRecord[]) => {
    // Kept as received, but without the NULs the database cannot store.
    await quarantineRecords(tx, source, cleanRecord(held), at);
    const counts =
      held.length > 0 ? { ...written, quarantined: (written.quarantined ?? 0) + held.length } : written;
    await advanceCursor(tx, source, fetched.cursor, counts);
    return counts;
  };
  try {
    return await db.transaction(async (tx) => {
      const held = [...(fetched.quarantined ?? [])];
      const written = await options.write(tx, fetched.page, (r) => held.push(...r));
      return finish(tx, written, held);
    });
  } catch (error) {
    if (!options.split || !refusedData(error)) throw error;
    const parts = options.split(fetched.page);
    return db.transaction(async (tx) => {
      const held = [...(fetched.quarantined ?? [])];
      const written: Record<string, number> = {};
      for (const part of parts) {
        const own: QuarantinedRecord[] = [];
        try {
          const counts = await inSavepoint(tx, () => options.write(tx, part.page, (r) => own.push(...r)));
          for (const [k, n] of Object.entries(counts)) written[k] = (written[k] ?? 0) + n;
          held.push(...own);
        } catch (partError) {
          if (!refusedData(partError)) throw partError;
          held.push({
            kind: part.kind,
            external_id: part.external_id,
            reason: `the database refused it: ${secretFree(partError, options.secrets)}`,
            record: part.record,
          });
        }
      }
      return finish(tx, written, held);
    });
  }
}
