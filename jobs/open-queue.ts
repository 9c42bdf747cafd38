import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { BullMqQueue } from './bullmq-queue.ts';
import { InProcessQueue } from './in-process-queue.ts';
import type { JobQueue } from './queue.ts';

/** The queue the configuration selects: BullMQ when REDIS_URL is set, else in-process. */
export function openQueue(config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX'>, logger?: Logger): JobQueue {
  return config.REDIS_URL
    ? new BullMqQueue(config.REDIS_URL, config.QUEUE_PREFIX, logger)
    : new InProcessQueue();
}
