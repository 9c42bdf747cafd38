import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CseError, ErrorCode } from '../core/errors.ts';
import { maskUrl } from '../core/logger.ts';
import {
  copyStatement,
  countingRows,
  type Db,
  encodeCopyChunks,
  type Queryable,
  type Row,
  TYPE_PARSERS,
} from './db.ts';

export interface PgDriverOptions {
  url: string;
  /** Isolates all tables in this schema (tests); created if missing. */
  schema?: string;
  max?: number;
  /** Where pool errors (a connection dropped while idle) are reported; they never crash the process. */
  onPoolError?: (error: Error) => void;
}

/** A connection that cannot be made in this long counts as the database being down. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** No statement runs longer; a server that accepts and never answers cannot hang a question. */
export const STATEMENT_TIMEOUT_MS = 60_000;
/** Waits between connection attempts while the server cannot be reached (about 3.5 s in all). */
const CONNECT_RETRIES = [250, 500, 1_000, 1_750] as const;
/** A transaction left idle this long is ended by the server. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
/** Idle pooled connections are closed after this long. */
const IDLE_TIMEOUT_MS = 30_000;

/** SQLSTATE classes and socket errors that mean "the server is gone or not answering", not a bad query. */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** True when an error says the database cannot be reached now (restart, outage, timeout). */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|terminating connection/i.test(
    e?.message ?? '',
  );
}

/**
 * The server said no at once (refused, starting up or shutting down): worth another try in a
 * moment. A connection that timed out is not retried, so a server that never answers costs one
 * connect timeout, not several.
 */
function refusedNow(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P03' || code === '57P01';
}

/** The one answer during an outage: clear, and what to do. */
export function unavailable(error: unknown): CseError {
  return new CseError(ErrorCode.StoreUnavailable, 'The database is unavailable', {
    hint: 'Try again in a minute; if it lasts, check that PostgreSQL is running and DATABASE_URL is right',
    cause: error,
  });
}

/** Runs a database call; an outage becomes `store_unavailable` instead of a raw driver error. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isUnavailable(error) ? unavailable(error) : error;
  }
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    const parser = TYPE_PARSERS[oid];
    if (parser && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function clientQueryable(client: pg.PoolClient): Queryable {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async copyRows(table, columns, rows) {
      const counted = countingRows(rows);
      const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
      await pipeline(Readable.from(encodeCopyChunks(counted.rows)), stream);
      return counted.count();
    },
  };
}

/** Every session runs in UTC (DESIGN §14), whatever the server or the database is set to. */
export const SESSION_TIME_ZONE = '-c TimeZone=UTC';

/** Creates the schema a store lives in (tests and benchmarks keep theirs apart). */
async function ensureSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  } finally {
    await admin.end();
  }
}

/** The pool, with its timeouts and every session's options (UTC, the schema). */
function openPool(options: PgDriverOptions): pg.Pool {
  // Answers never depend on the server's time zone: `date + 1` windows and date casts read UTC.
  const sessionOptions = [
    SESSION_TIME_ZONE,
    ...(options.schema ? [`-c search_path=${options.schema},public`] : []),
  ];
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    types: typeParsers,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAlive: true,
    options: sessionOptions.join(' '),
  });
  // An idle connection that the server drops (a restart, a failover) errors on the pool: without a
  // handler that would crash the process. The pool discards the client and opens a new one on demand.
  pool.on('error', (error) => options.onPoolError?.(error));
  return pool;
}

/**
 * A connection from the pool. While the server restarts, connecting fails for a second or two
 * (refused, "starting up"): nothing was sent yet, so trying again is safe for any statement.
 */
async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await pool.connect();
    } catch (error) {
      if (attempt >= CONNECT_RETRIES.length || !refusedNow(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRIES[attempt]));
    }
  }
}

/**
 * Runs `fn` on a client checked out of the pool. A checked-out client that the server drops (a
 * restart) emits 'error', which with no listener would crash the process: it is caught here,
 * and a client whose connection broke is destroyed rather than returned to the pool.
 */
function checkedOut<T>(
  pool: pg.Pool,
  onPoolError: PgDriverOptions['onPoolError'],
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return guarded(async () => {
    const client = await connect(pool);
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
      onPoolError?.(error);
    };
    client.on('error', onError);
    try {
      return await fn(client);
    } catch (error) {
      if (isUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  });
}

/** PostgreSQL 15+ with pgvector, over a connection pool. */
export async function openPostgres(options: PgDriverOptions): Promise<Db> {
  if (options.schema) await ensureSchema(options.url, options.schema);
  const pool = openPool(options);
  // Fail fast with a clear error rather than on the first query.
  const probe = await pool.connect();
  probe.release();
  const onClient = <T>(fn: (client: pg.PoolClient) => Promise<T>) =>
    checkedOut(pool, options.onPoolError, fn);
  const withClient = <T>(fn: (q: Queryable) => Promise<T>): Promise<T> =>
    onClient((client) => fn(clientQueryable(client)));
  return {
    driver: 'postgres',
    location: maskUrl(options.url) + (options.schema ? ` (schema ${options.schema})` : ''),
    exec: (sql) => withClient((q) => q.exec(sql)),
    query: <T = Row>(sql: string, params: readonly unknown[] = []) =>
      withClient((q) => q.query<T>(sql, params)),
    copyRows: (table, columns, rows) => withClient((q) => q.copyRows(table, columns, rows)),
    transaction: (fn) =>
      onClient(async (client) => {
        await client.query('BEGIN');
        try {
          const result = await fn(clientQueryable(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // A rollback that fails means the connection is gone; checkedOut destroys the client.
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    async close() {
      await pool.end();
    },
  };
}
