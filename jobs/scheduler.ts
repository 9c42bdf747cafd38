import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { every } from '../core/every.ts';
import { alertDelivery } from '../knowledge/alert-rules.ts';
import { type DailyParts, schedulerPass } from './daily-run.ts';
import { closeRedisUsers, redisConnection } from './redis-connection.ts';

const QUEUE = 'cse_scheduler';
const SCHEDULER_ID = 'daily-jobs';

/** A running scheduler: it passes every few minutes by itself; `passNow` runs one pass and waits for it. */
export interface Scheduler {
  readonly driver: 'bullmq' | 'in-process';
  passNow(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The scheduler of `cse serve` and `cse worker` (DESIGN §11): a pass every `tick_every_minutes`.
 * With REDIS_URL, a BullMQ job scheduler makes the passes (one job per interval, taken by one of
 * the workers); in-process otherwise. Either way each day's jobs and each send are claimed in the
 * database, so a day runs once and a digest goes out once across workers and restarts.
 */
export async function startScheduler(
  parts: DailyParts,
  options: {
    redisUrl?: string | undefined;
    prefix: string;
    everyMs?: number;
    /** Pass at once on start (catching up missed days); default true. */
    passOnStart?: boolean;
    onError: (error: Error) => void;
  },
): Promise<Scheduler> {
  const everyMs = options.everyMs ?? alertDelivery().tick_every_minutes * 60_000;
  const passOnStart = options.passOnStart ?? true;
  // One pass at a time in this process: a pass asked for while one runs waits for it, then runs.
  let chain: Promise<void> = Promise.resolve();
  const pass = () => {
    const next = chain.then(async () => {
      await schedulerPass(parts);
    });
    chain = next.catch(() => undefined);
    return next;
  };
  if (!options.redisUrl) {
    const stop = every(everyMs, pass, options.onError);
    if (passOnStart) void pass().catch(options.onError);
    return {
      driver: 'in-process',
      passNow: pass,
      close: async () => {
        stop();
        await chain;
      },
    };
  }
  const connection = redisConnection(options.redisUrl, parts.logger);
  const workerConnection = redisConnection(options.redisUrl, parts.logger);
  const eventsConnection = redisConnection(options.redisUrl, parts.logger);
  const queue = new Queue(QUEUE, { connection, prefix: options.prefix });
  const events = new QueueEvents(QUEUE, { connection: eventsConnection, prefix: options.prefix });
  const worker = new Worker(QUEUE, pass, {
    connection: workerConnection,
    prefix: options.prefix,
    concurrency: 1,
    lockDuration: 120_000,
  });
  worker.on('failed', (_job, error) => options.onError(error));
  // Connection errors are said once by redisConnection; Redis down at start is waited for, not fatal.
  worker.on('error', () => undefined);
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  // Redis may be down at start: the scheduler is set up when it answers, and this returns at once,
  // so a server listens (and /healthz says degraded) while it waits.
  const ready = (async () => {
    await queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: everyMs, ...(passOnStart ? {} : { startDate: Date.now() + everyMs }) },
      { name: 'pass', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    await events.waitUntilReady();
  })();
  ready.catch((error: Error) => options.onError(error));
  return {
    driver: 'bullmq',
    async passNow() {
      await ready;
      const job = await queue.add(
        'pass',
        {},
        { jobId: `pass-${randomUUID()}`, removeOnComplete: 100, removeOnFail: 100 },
      );
      await job.waitUntilFinished(events, 600_000);
    },
    async close() {
      await closeRedisUsers([connection, workerConnection, eventsConnection], async () => {
        await worker.close(true);
        await events.close();
        await queue.close();
      });
    },
  };
}
