import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CseError, ErrorCode } from '../core/errors';
import { maskUrl } from '../core/logger';
import {
  copyStatement,
  countingRows,
  type Db,
  encodeCopyChunks,
  type Queryable,
  type Row,
  TYPE_PARSERS,
} from './db';

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

/** PostgreSQL 15+ with pgvector, over a connection pool. */
export async function openPostgres(options: PgDriverOptions): Promise<Db> {
  const searchPath = options.schema ? `-c search_path=${options.schema},public` : undefined;
  if (options.schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(options.schema)}`);
    } finally {
      await admin.end();
    }
  }
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
    ...(searchPath ? { options: searchPath } : {}),
  });
  // An idle connection that the server drops (a restart, a failover) errors on the pool: without a
  // handler that would crash the process. The pool discards the client and opens a new one on demand.
  pool.on('error', (error) => options.onPoolError?.(error));
  // Fail fast with a clear error rather than on the first query.
  const probe = await pool.connect();
  probe.release();

  async function withClient<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return guarded(async () => {
      const client = await pool.connect();
      try {
        return await fn(clientQueryable(client));
      } finally {
        client.release();
      }
    });
  }

  return {
    driver: 'postgres',
    location: maskUrl(options.url) + (options.schema ? ` (schema ${options.schema})` : ''),
    exec: (sql) => withClient((q) => q.exec(sql)),
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await guarded(() => pool.query(sql, params as unknown[]));
      return result.rows as T[];
    },
    copyRows: (table, columns, rows) => withClient((q) => q.copyRows(table, columns, rows)),
    transaction: (fn) =>
      guarded(async () => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await fn(clientQueryable(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollback: Error) => {
            broken = rollback;
          });
          throw error;
        } finally {
          // A client whose connection broke is destroyed, not returned to the pool.
          client.release(broken);
        }
      }),
    async close() {
      await pool.end();
    },
  };
}
