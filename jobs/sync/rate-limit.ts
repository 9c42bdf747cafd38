/** What a vendor's 429 says: how long to wait, when it says so. */
export interface RateLimited {
  retryAfterSeconds: number | null;
}

export interface RetryOptions {
  /** Reads a thrown error: a 429 (with its Retry-After) or anything else (null: not retried). */
  rateLimited: (error: unknown) => RateLimited | null;
  maxAttempts?: number;
  /** Waits; injectable so a test never sleeps. */
  wait?: (ms: number) => Promise<void>;
}

const defaultWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn` again after a 429, waiting what the vendor's Retry-After asks, else an exponential
 * backoff (1 s, 2 s, 4 s … capped at 60 s); other errors and the last attempt's 429 are thrown.
 * Shared by every connector.
 */
export async function withRateLimitRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.maxAttempts ?? 5;
  const wait = options.wait ?? defaultWait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const limited = options.rateLimited(error);
      if (!limited || attempt >= attempts) throw error;
      const seconds = limited.retryAfterSeconds ?? Math.min(60, 2 ** (attempt - 1));
      await wait(Math.max(0, seconds) * 1000);
    }
  }
}
