import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../core/config.ts';
import type { Db } from './db.ts';
import { openDb } from './open-db.ts';

/** A throwaway store on the configured driver: a temp data dir, or a temp PostgreSQL schema. */
export async function scratchStore(
  config: Config,
): Promise<{ open: () => Promise<Db>; dispose: () => Promise<void>; env: Record<string, string> }> {
  if (config.DATABASE_URL) {
    const url = config.DATABASE_URL;
    const schema = `cse_bench_${randomBytes(4).toString('hex')}`;
    return {
      open: () => openDb({ DATABASE_URL: url, CSE_DATA_DIR: '' }, { schema }),
      async dispose() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cse-bench-'));
  return {
    open: () => openDb({ DATABASE_URL: undefined, CSE_DATA_DIR: dir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
    env: { CSE_DATA_DIR: dir },
  };
}
