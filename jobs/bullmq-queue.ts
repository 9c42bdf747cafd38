import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import {
  type AddOptions,
  JOB_ATTEMPTS,
  type JobData,
  type JobName,
  type JobQueue,
  RETRY_DELAY_MS,
  type WorkOptions,
} from './queue.ts';
import { closeRedisUsers, redisConnection } from './redis-connection.ts';

const JOB_NAMES: readonly JobName[] = ['process_feedback', 'feedback_sla_check'];

/** BullMQ job ids may not contain ':'; one id per item and kind, so a waiting job is never added twice. */
const jobId = (name: JobName, data: JobData, delayed: boolean) =>
  `${name}-${data.feedbackId}${delayed ? '-delayed' : ''}`.replaceAll(':', '_');

/**
 * The BullMQ driver (Redis at REDIS_URL). One shared connection for the queues — with
 * `maxRetriesPerRequest: null`, as BullMQ requires for shared connections — and workers with their
 * own blocking connections. Retries use BullMQ's exponential backoff; a job that fails its last
 * attempt calls `onDead`.
 */
export class BullMqQueue implements JobQueue {
  readonly driver = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queues = new Map<JobName, Queue>();
  private readonly workers: Worker[] = [];
  /** Connections made for workers: BullMQ leaves connections it was given open, so they are closed here. */
  private readonly workerConnections: Redis[] = [];

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {
    this.connection = redisConnection(url, logger);
  }

  private queue(name: JobName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: RETRY_DELAY_MS },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      });
      q.on('error', () => undefined); // connection errors: said once by redisConnection
      this.queues.set(name, q);
    }
    return q;
  }

  async add(name: JobName, data: JobData, options: AddOptions = {}): Promise<void> {
    const delayed = Boolean(options.delayMs && options.delayMs > 0);
    await this.queue(name).add(name, data, {
      jobId: jobId(name, data, delayed),
      ...(delayed ? { delay: options.delayMs } : {}),
    });
  }

  async addMany(name: JobName, items: readonly JobData[]): Promise<void> {
    const chunk = 500;
    for (let i = 0; i < items.length; i += chunk)
      await this.queue(name).addBulk(
        items.slice(i, i + chunk).map((data) => ({ name, data, opts: { jobId: jobId(name, data, false) } })),
      );
  }

  work(name: JobName, handler: (data: JobData) => Promise<void>, options: WorkOptions): void {
    const connection = redisConnection(this.url, this.logger);
    this.workerConnections.push(connection);
    const worker = new Worker(name, async (job: Job<JobData>) => handler(job.data), {
      connection,
      prefix: this.prefix,
      concurrency: options.concurrency,
      // Jobs take milliseconds: a worker that died is noticed within seconds, not the default half minute.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        void options.onDead(job.data, error).catch(() => undefined);
    });
    worker.on('error', () => undefined); // connection errors: ioredis reconnects; logged by the caller's logger
    this.workers.push(worker);
  }

  /** Resolves when none of this installation's queues has waiting, active or retrying jobs. */
  async idle(): Promise<void> {
    for (;;) {
      let busy = 0;
      for (const name of JOB_NAMES) {
        // Retries of a processing job wait as delayed jobs; SLA timers are delayed too but not work in hand.
        const states = name === 'process_feedback' ? (['delayed'] as const) : [];
        const counts = await this.queue(name).getJobCounts('waiting', 'active', 'prioritized', ...states);
        busy += Object.values(counts).reduce((n, c) => n + (c ?? 0), 0);
      }
      if (busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    const status = this.connection.status;
    return { ok: status === 'ready', detail: `redis ${status}` };
  }

  async close(): Promise<void> {
    await closeRedisUsers([...this.workerConnections, this.connection], async () => {
      await Promise.all(this.workers.map((w) => w.close()));
      await Promise.all([...this.queues.values()].map((q) => q.close()));
    });
  }
}
