// Makes the embedded store's starting point once per PGlite version: a freshly initialised
// PostgreSQL data directory, packed. A new store is unpacked from it instead of running initdb,
// which takes seconds and, inside WebAssembly, several hundred megabytes of memory.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteTemplateFile } from '../dist/store/pglite-template.js';

const file = pgliteTemplateFile();
if (!existsSync(file)) {
  const pg = await PGlite.create();
  const packed = await pg.dumpDataDir('gzip');
  await pg.close();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await packed.arrayBuffer()));
}
