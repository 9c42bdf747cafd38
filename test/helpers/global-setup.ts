import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../store/migrate.ts';
import { openPglite } from '../../store/pglite-driver.ts';

/**
 * PGlite runs initdb on a new data dir (several seconds). Build one migrated template per test
 * run; each test file copies it (see test-db.ts).
 */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'cse-template-'));
  if (!process.env.DATABASE_URL) {
    const db = await openPglite(root);
    await migrate(db);
    await db.close();
  }
  project.provide('pgliteTemplate', root);
  return () => rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
