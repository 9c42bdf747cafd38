/** What a vendor's 429 says: how long to wait, when it says so. */
export interface RateLimited {
  retryAfterSeconds: number | null;
}

/** The longest a sync waits on a Retry-After by default (CSE_SYNC_MAX_WAIT_SECONDS). */
export const MAX_WAIT_SECONDS = 300;

/**
 * A vendor asked to wait longer than a sync waits: the sync stops here (its cursor kept) and is
 * run again by its own job once the wait is over, so the day's other work does not wait with it.
 */
export class SyncDeferred extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `the vendor asked to wait ${retryAfterSeconds} s before the next request: the sync is deferred until then`,
    );
    this.name = 'SyncDeferred';
  }
}

export interface RetryOptions {
  /** Reads a thrown error: a 429 (with its Retry-After) or anything else (null: not retried). */
  rateLimited: (error: unknown) => RateLimited | null;
  maxAttempts?: number;
  /** A Retry-After longer than this defers the sync (SyncDeferred) instead of waiting. */
  maxWaitSeconds?: number;
  /** Waits; injectable so a test never sleeps. */
  wait?: (ms: number) => Promise<void>;
}

const defaultWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn` again after a 429, waiting what the vendor's Retry-After asks, else an exponential
 * backoff (1 s, 2 s, 4 s … capped at 60 s); other errors and the last attempt's 429 are thrown,
 * and a Retry-After over `maxWaitSeconds` is not waited: SyncDeferred. Shared by every connector.
 */
export async function withRateLimitRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.maxAttempts ?? 5;
  const wait = options.wait ?? defaultWait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const limited = options.rateLimited(error);
      if (!limited) throw error;
      if ((limited.retryAfterSeconds ?? 0) > (options.maxWaitSeconds ?? MAX_WAIT_SECONDS))
        throw new SyncDeferred(limited.retryAfterSeconds ?? 0);
      if (attempt >= attempts) throw error;
      const seconds = limited.retryAfterSeconds ?? Math.min(60, 2 ** (attempt - 1));
      await wait(Math.max(0, seconds) * 1000);
    }
  }
}
