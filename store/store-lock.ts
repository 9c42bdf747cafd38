import { randomUUID } from 'node:crypto';
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { CseError, ErrorCode } from '../core/errors.ts';

interface LockOwner {
  pid: number;
  /** Unique to the process that wrote the lock: a pid can come back (a container's pid 1), this cannot. */
  token: string | null;
  /** The process's start, in clock ticks since boot (/proc/<pid>/stat): a reused pid starts later. */
  started: string | null;
  command: string;
  since: string;
}

/** This process's own token, for the lock files it writes. */
const TOKEN = randomUUID();

/** When a process started (Linux: field 22 of /proc/<pid>/stat), or null where that cannot be read. */
function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether the process that wrote a lock still runs: its pid answers, it is not this process under
 * an old lock (a pid reused after a restart), and it started when the lock says it did.
 */
function holds(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return owner.token === TOKEN;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = owner.started ? startOf(owner.pid) : null;
  return started === null || started === owner.started;
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number'
      ? {
          pid: owner.pid,
          token: typeof owner.token === 'string' ? owner.token : null,
          started: typeof owner.started === 'string' ? owner.started : null,
          command: String(owner.command ?? 'cse'),
          since: String(owner.since ?? ''),
        }
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

const ownLock = (): string =>
  JSON.stringify({
    pid: process.pid,
    token: TOKEN,
    started: startOf(process.pid),
    command: thisCommand(),
    since: new Date().toISOString(),
  } satisfies LockOwner);

/** A take-over marker older than this belongs to a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Replaces a lock left by a process that is gone, atomically: one process at a time holds the
 * take-over marker, checks the lock is still the one it judged stale, and renames its own lock
 * over it. Null when another process is taking over or got there first.
 */
function takeOver(path: string, stale: string): (() => void) | null {
  const marker = `${path}.takeover`;
  try {
    const fd = openSync(marker, 'wx');
    // When it was made, by this process's clock (the same clock that later judges it stale).
    writeSync(fd, String(Date.now()));
    closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      const made = Number(readFileSync(marker, 'utf8')) || statSync(marker).mtimeMs;
      if (Date.now() - made > TAKEOVER_STALE_MS) rmSync(marker, { force: true });
    } catch {
      // Gone meanwhile: the next attempt sees.
    }
    return null;
  }
  try {
    let current: string | null = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = null;
    }
    if (current !== null && current !== stale) return null;
    const mine = `${path}.${TOKEN}`;
    writeFileSync(mine, ownLock());
    renameSync(mine, path);
    return releaseOf(path);
  } finally {
    rmSync(marker, { force: true });
  }
}

/** Removes the lock at exit, if it is still this process's. */
function releaseOf(path: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readOwner(path)?.token === TOKEN) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return release;
}

/**
 * An exclusive lock on an embedded store's folder: PGlite is one process's database, and a second
 * process opening the same files can lose writes. The lock file names its owner (pid, a token of
 * its own and its start time, so a reused pid is not mistaken for it); one left by a process that
 * has died is taken over atomically. Returns the release function.
 */
export function lockStore(dataDir: string, shownAs: string): () => void {
  const path = join(dataDir, 'cse.lock');
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, ownLock());
      closeSync(fd);
      return releaseOf(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // released meanwhile: try again
    }
    const owner = readOwner(path);
    if (owner && holds(owner)) {
      throw new CseError(
        ErrorCode.StoreInUse,
        `the store in ${shownAs} is in use by pid ${owner.pid} (${owner.command})`,
        {
          hint: 'Stop it, or set DATABASE_URL to share a PostgreSQL between processes',
          details: { pid: owner.pid, command: owner.command, since: owner.since },
        },
      );
    }
    // Left by a process that is gone (or half written): take it over, one process at a time.
    const release = takeOver(path, text);
    if (release) return release;
  }
  throw new CseError(ErrorCode.StoreInUse, `the store in ${shownAs} is being opened by another process`, {
    hint: 'Try again in a moment, or set DATABASE_URL to share a PostgreSQL between processes',
  });
}
