import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packagePath } from '../core/package-root.ts';

/**
 * Where the build keeps a freshly initialised PGlite data directory, packed (`npm run build`
 * makes it, scripts/pglite-template.mjs): one per PGlite version, since the files belong to it.
 */
export function pgliteTemplateFile(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return packagePath('dist', 'pglite-template', `pglite-${version}.tar.gz`);
}
