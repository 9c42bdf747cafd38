import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.ts';

/** The package version, stamped on every answer's provenance. */
export const VERSION: string = (
  JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }
).version;
