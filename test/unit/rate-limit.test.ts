import { describe, expect, it } from 'vitest';
import { withRateLimitRetry } from '../../jobs/sync/rate-limit.ts';

const limited = (retryAfter: number | null) => Object.assign(new Error('429'), { retryAfter });
const rateLimited = (e: unknown) =>
  (e as { retryAfter?: number | null }).retryAfter !== undefined
    ? { retryAfterSeconds: (e as { retryAfter: number | null }).retryAfter }
    : null;

describe('honouring 429s', () => {
  it('waits what Retry-After asks, else backs off exponentially, then succeeds', async () => {
    const waits: number[] = [];
    const answers = [limited(7), limited(null), limited(null), 'page'];
    const result = await withRateLimitRetry(
      async () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      { rateLimited, wait: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('page');
    expect(waits).toEqual([7000, 2000, 4000]);
  });

  it('gives up after the last attempt, and never retries another error', async () => {
    let calls = 0;
    await expect(
      withRateLimitRetry(
        async () => {
          calls++;
          throw limited(0);
        },
        { rateLimited, maxAttempts: 3, wait: async () => {} },
      ),
    ).rejects.toThrow('429');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withRateLimitRetry(
        async () => {
          calls++;
          throw new Error('bad request');
        },
        { rateLimited, wait: async () => {} },
      ),
    ).rejects.toThrow('bad request');
    expect(calls).toBe(1);
  });
});
