import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, stamped on every answer's provenance. */
export const VERSION: string = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
