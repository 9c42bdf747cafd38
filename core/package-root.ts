import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package's root folder, whether this code runs from the TypeScript sources or from the
 * JavaScript built into dist/: the nearest folder upwards that holds package.json. Data files
 * (knowledge/, store/migrations/) are read from there, so dist/ holds code only.
 */
function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT: string = findPackageRoot(import.meta.dirname);

/** A path inside the package, from its root. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
