import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadDemo } from '../../demo/load-demo.ts';
import { localDetector, scanSignals } from '../../jobs/customer-signals.ts';
import type { Db } from '../../store/db.ts';
import { openDb } from '../../store/open-db.ts';

export interface TestStore {
  db: Db;
  /** Environment that points a `cse` child process at the same store. */
  env: Record<string, string>;
  /** Which driver the tests run on: PostgreSQL when DATABASE_URL is set, else PGlite. */
  driver: 'postgres' | 'pglite';
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated store for one test file: a private schema on PostgreSQL when DATABASE_URL is
 * set (CI), otherwise a copy of the PGlite template data dir. Same tests, both drivers.
 */
export async function openTestStore(): Promise<TestStore> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const db = await openDb({ DATABASE_URL: url, CSE_DATA_DIR: '' }, { schema });
    return {
      db,
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
      driver: 'postgres',
      async cleanup() {
        await db.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cse-test-'));
  cpSync(join(inject('pgliteTemplate'), 'pgdata'), join(dir, 'pgdata'), { recursive: true });
  const db = await openDb({ DATABASE_URL: undefined, CSE_DATA_DIR: dir });
  return {
    db,
    env: { CSE_DATA_DIR: dir },
    driver: 'pglite',
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every data table: a fingerprint to show that a failed import changed nothing. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'accounts',
    'contacts',
    'revenue',
    'usage',
    'tickets',
    'feedback',
    'touchpoints',
    'goals',
    'events',
    'invoices',
    'users',
    'roadmap_items',
    'roadmap_links',
    'product_revenue',
    'product_usage',
    'customer_channels',
    'customer_messages',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/**
 * A store for `cse` child processes only: the environment that points at it, and cleanup.
 * (PGlite allows one process per data dir, so the test itself keeps no connection open.)
 */
export async function cliTestStore(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const store = await openTestStore();
  if (store.driver === 'pglite') await store.db.close();
  return { env: store.env, cleanup: () => store.cleanup() };
}

/**
 * A fresh store holding the demo portfolio (200 accounts, seed 42 unless told otherwise), its
 * customer texts read for signals as the daily run reads them.
 */
export async function openDemoStore(asOf: string, accounts = 200, seed = 42): Promise<TestStore> {
  const store = await openTestStore();
  await loadDemo(store.db, { accounts, seed, asOf });
  await scanSignals(store.db, `${asOf}T06:00:00.000Z`, localDetector());
  return store;
}
