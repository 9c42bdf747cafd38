import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import {
  copyStatement,
  countingRows,
  type Db,
  encodeCopyChunks,
  type Queryable,
  type Row,
  TYPE_PARSERS,
} from './db.ts';
import { pgliteTemplateFile } from './pglite-template.ts';
import { lockStore } from './store-lock.ts';
import { unpackTarGz } from './unpack-tar.ts';

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function pgliteQueryable(target: PgliteLike): Queryable {
  return {
    async exec(sql) {
      await target.exec(sql);
    },
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async copyRows(table, columns, rows) {
      const counted = countingRows(rows);
      const chunks = [...encodeCopyChunks(counted.rows)];
      if (counted.count() === 0) return 0;
      // PGlite reads COPY input from a virtual file, /dev/blob, supplied with the query.
      await target.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(chunks) });
      return counted.count();
    },
  };
}

/**
 * PostgreSQL's buffer cache inside the embedded store. PGlite's default (128 MB) is allocated and
 * touched at every start: a smaller cache opens in about two thirds of the time at half the
 * memory, and the operating system's file cache still holds the data files.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

/**
 * A new (empty) data directory starts from the build's initialised one when there is one; PGlite
 * runs initdb otherwise. It is unpacked beside and renamed into place, so a process stopped
 * half-way leaves no half-made store behind.
 */
function startFromTemplate(dir: string): void {
  if (readdirSync(dir).length > 0) return;
  const template = pgliteTemplateFile();
  if (!existsSync(template)) return;
  const staging = `${dir}.unpacking`;
  rmSync(staging, { recursive: true, force: true });
  unpackTarGz(readFileSync(template), staging);
  rmdirSync(dir);
  renameSync(staging, dir);
}

/**
 * Embedded PostgreSQL (PGlite, Postgres 18 in WebAssembly) with pgvector, persisted in a data
 * directory. A new directory starts from the build's packed initdb output (store/pglite-template.ts),
 * or runs initdb when there is none (several seconds); later opens take well under a second.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  const dir = resolve(dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  const release = lockStore(resolve(dataDir), dataDir);
  let pg: PGlite;
  try {
    startFromTemplate(dir);
    pg = await PGlite.create(dir, {
      extensions: { vector },
      parsers: TYPE_PARSERS,
      // UTC sessions, as on PostgreSQL (store/pg-driver.ts): answers never depend on a time zone.
      startParams: [
        ...PGlite.defaultStartParams,
        '-c',
        `shared_buffers=${PGLITE_SHARED_BUFFERS}`,
        '-c',
        'TimeZone=UTC',
      ],
    });
  } catch (error) {
    release();
    throw error;
  }
  const base = pgliteQueryable(pg);
  return {
    driver: 'pglite',
    location: dir,
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(pgliteQueryable(tx))),
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        release();
      }
    },
  };
}
