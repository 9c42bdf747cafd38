import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import { maskUrl } from '../core/logger.ts';

/** Whether each Redis (by its masked URL) is known to be down: one line when it goes, one when it is back. */
const down = new Map<string, boolean>();

/**
 * A Redis connection as BullMQ needs it (`maxRetriesPerRequest: null`), whose connection errors
 * are said once per outage in our own words (never ioredis's raw "Unhandled error event"): while
 * Redis is away, ioredis reconnects by itself, the scheduler and the queue wait for it, and
 * accepted feedback waits in the database.
 */
export function redisConnection(url: string, logger?: Logger): Redis {
  const where = maskUrl(url);
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  connection.on('error', (error: Error & { code?: string }) => {
    if (down.get(where)) return;
    down.set(where, true);
    logger?.warn(
      { redis: where, err: error.code ?? error.message },
      'Redis is unreachable: the scheduler and the queue wait for it and reconnect by themselves; feedback is stored and processed once it is back',
    );
  });
  connection.on('ready', () => {
    if (!down.get(where)) return;
    down.set(where, false);
    logger?.info({ redis: where }, 'Redis is back');
  });
  return connection;
}

/** How long closing BullMQ objects may take before their connections are cut (Redis may be away). */
const CLOSE_WITHIN_MS = 3_000;

/**
 * Closes BullMQ's objects, then their connections: politely while Redis answers, and at once when
 * it does not, so a server stopped during an outage exits instead of waiting for Redis.
 */
export async function closeRedisUsers(
  connections: readonly Redis[],
  close: () => Promise<unknown>,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const reachable = connections.every((c) => c.status === 'ready');
  if (!reachable) for (const c of connections) c.disconnect();
  await Promise.race([
    close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WITHIN_MS);
    }),
  ]);
  clearTimeout(timer);
  await Promise.all(
    connections.map((c) => (c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect())),
  );
}
