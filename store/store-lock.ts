import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CseError, ErrorCode } from '../core/errors.ts';

interface LockOwner {
  pid: number;
  command: string;
  since: string;
}

/** Whether a process with this pid is running (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number'
      ? { pid: owner.pid, command: String(owner.command ?? 'cse'), since: String(owner.since ?? '') }
      : null;
  } catch {
    return null;
  }
}

/** The command line this process runs as, for the message another process shows ("cse serve"). */
function thisCommand(): string {
  const sub = process.argv.slice(2).find((a) => !a.startsWith('-'));
  return sub ? `cse ${sub}` : 'cse';
}

/**
 * An exclusive lock on an embedded store's folder: PGlite is one process's database, and a second
 * process opening the same files can lose writes. The lock file names its owner; one left by a
 * process that has died is taken over. Returns the release function.
 */
export function lockStore(dataDir: string, shownAs: string): () => void {
  const path = join(dataDir, 'cse.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const owner: LockOwner = { pid: process.pid, command: thisCommand(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner && alive(owner.pid)) {
        throw new CseError(
          ErrorCode.StoreInUse,
          `the store in ${shownAs} is in use by pid ${owner.pid} (${owner.command})`,
          {
            hint: 'Stop it, or set DATABASE_URL to share a PostgreSQL between processes',
            details: { pid: owner.pid, command: owner.command, since: owner.since },
          },
        );
      }
      // Left by a process that is gone (or half written): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new CseError(ErrorCode.StoreInUse, `the store in ${shownAs} is being opened by another process`, {
    hint: 'Try again in a moment, or set DATABASE_URL to share a PostgreSQL between processes',
  });
}
