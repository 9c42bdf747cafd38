import type { Config } from '../core/config.ts';
import { CseError, ErrorCode } from '../core/errors.ts';
import { type Logger, maskUrl } from '../core/logger.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';

export interface OpenDbOptions {
  /** Isolate tables in this PostgreSQL schema (overrides DATABASE_SCHEMA). */
  schema?: string;
  /** Where a dropped idle connection is reported (PostgreSQL); the pool replaces it on demand. */
  logger?: Pick<Logger, 'warn'>;
}

/**
 * Opens the store the configuration selects — PostgreSQL when DATABASE_URL is set, embedded
 * PGlite under CSE_DATA_DIR otherwise — and applies pending migrations.
 */
export async function openDb(
  config: Pick<Config, 'DATABASE_URL' | 'CSE_DATA_DIR'> & Partial<Pick<Config, 'DATABASE_SCHEMA'>>,
  options: OpenDbOptions = {},
): Promise<Db> {
  let db: Db;
  const schema = options.schema ?? config.DATABASE_SCHEMA;
  try {
    // Each driver loads only when chosen: a PostgreSQL install never loads PGlite's WebAssembly.
    db = config.DATABASE_URL
      ? await (await import('./pg-driver.ts')).openPostgres({
          url: config.DATABASE_URL,
          ...(schema ? { schema } : {}),
          onPoolError: (error) =>
            options.logger?.warn(
              { err: error.message },
              'a database connection dropped; the pool will reconnect',
            ),
        })
      : await (await import('./pglite-driver.ts')).openPglite(config.CSE_DATA_DIR);
  } catch (error) {
    if (error instanceof CseError) throw error;
    const where = config.DATABASE_URL ? maskUrl(config.DATABASE_URL) : config.CSE_DATA_DIR;
    throw new CseError(
      ErrorCode.StoreUnavailable,
      `Cannot open the database at ${where}: ${(error as Error).message}`,
      {
        hint: config.DATABASE_URL
          ? 'Check that PostgreSQL is running and DATABASE_URL is right, or unset DATABASE_URL to use the embedded store'
          : 'Check that the data directory is writable and not in use by another cse process (set CSE_DATA_DIR or --data-dir to use another)',
        cause: error,
      },
    );
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw new CseError(ErrorCode.StoreUnavailable, `Database migration failed: ${(error as Error).message}`, {
      hint: config.DATABASE_URL
        ? 'PostgreSQL needs the pgvector extension (CREATE EXTENSION vector); see docs/architecture.md'
        : 'The data directory may be from a newer cs-engine; point CSE_DATA_DIR at a fresh folder',
      cause: error,
    });
  }
  return db;
}
