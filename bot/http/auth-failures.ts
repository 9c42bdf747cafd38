import type { Logger } from '../../core/logger.ts';
import { appendAudit } from '../../records/audit.ts';
import type { Db } from '../../store/db.ts';

const MINUTE_MS = 60_000;

/** One source's failed authentications in one minute. */
interface Window {
  start: number;
  /** Answered 401 (counted against the limit). */
  attempts: number;
  /** Answered 429: over the limit, refused before any check or write. */
  refused: number;
  paths: Set<string>;
  intent: string;
  reason: string;
}

/**
 * Failed authentications on the HTTP API, per source (the peer's address): over `limit` a minute,
 * a source's further failures are answered 429 before anything is written; each source's failures
 * are kept as one audit row per minute (attempts, refusals, paths, the reason), written when the
 * minute is over (on the source's next failure, on `flush`, which a timer calls every minute, and
 * on `close`). A valid token is never held back by someone else's failures from the same address.
 */
export interface AuthFailureLog {
  /** Counts a failed attempt; 0 when it may be answered 401, else the seconds to wait (429). */
  fail(source: string, what: { path: string; intent: string; reason: string }): Promise<number>;
  /** Writes the rows of every minute that is over (all of them with `all`). */
  flush(all?: boolean): Promise<void>;
  close(): Promise<void>;
}

export function authFailureLog(deps: {
  db: Db;
  logger: Logger;
  limit: number;
  now: () => number;
  /** No timer (tests call flush). */
  manual?: boolean;
}): AuthFailureLog {
  const windows = new Map<string, Window>();
  const minuteOf = (t: number) => t - (t % MINUTE_MS);

  const write = (source: string, w: Window) =>
    appendAudit(deps.db, {
      actor: 'api:unauthenticated',
      surface: 'http',
      text: [...w.paths].map((p) => `POST ${p}`).join(', '),
      intent: w.intent,
      args: {
        source,
        attempts: w.attempts,
        refused: w.refused,
        window_start: new Date(w.start).toISOString(),
      },
      outcome: 'error',
      error_code: 'unauthorized',
      detail: `${w.attempts} failed authentication${w.attempts === 1 ? '' : 's'} from ${source} in the minute from ${new Date(w.start).toISOString()} (${w.reason})${w.refused > 0 ? `; ${w.refused} more answered 429 over the limit` : ''}`,
      at: new Date(w.start).toISOString(),
    }).catch((error) => deps.logger.error({ err: (error as Error).message }, 'audit log write failed'));

  const flush = async (all = false) => {
    const now = minuteOf(deps.now());
    for (const [source, w] of [...windows]) {
      if (!all && w.start >= now) continue;
      windows.delete(source);
      await write(source, w);
    }
  };
  const timer = deps.manual ? null : setInterval(() => void flush(), MINUTE_MS);
  timer?.unref();

  return {
    async fail(source, what) {
      const start = minuteOf(deps.now());
      const open = windows.get(source);
      if (open && open.start !== start) {
        windows.delete(source);
        await write(source, open);
      }
      const w = windows.get(source) ?? {
        start,
        attempts: 0,
        refused: 0,
        paths: new Set<string>(),
        intent: what.intent,
        reason: what.reason,
      };
      windows.set(source, w);
      w.paths.add(what.path);
      if (w.attempts >= deps.limit) {
        w.refused++;
        return Math.max(1, Math.ceil((start + MINUTE_MS - deps.now()) / 1000));
      }
      w.attempts++;
      w.reason = what.reason;
      return 0;
    },
    flush,
    async close() {
      if (timer) clearInterval(timer);
      await flush(true);
    },
  };
}
