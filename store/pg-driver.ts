import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
    ...(searchPath ? { options: searchPath } : {}),
  });
  // Fail fast with a clear error rather than on the first query.
  const probe = await pool.connect();
  probe.release();

  async function withClient<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await fn(clientQueryable(client));
    } finally {
      client.release();
    }
  }

  return {
    driver: 'postgres',
    location: maskUrl(options.url) + (options.schema ? ` (schema ${options.schema})` : ''),
    exec: (sql) => withClient((q) => q.exec(sql)),
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    copyRows: (table, columns, rows) => withClient((q) => q.copyRows(table, columns, rows)),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
