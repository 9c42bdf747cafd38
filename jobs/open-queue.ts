import type { Config } from '../core/config';
import { BullMqQueue } from './bullmq-queue';
import { InProcessQueue } from './in-process-queue';
import type { JobQueue } from './queue';

/** The queue the configuration selects: BullMQ when REDIS_URL is set, else in-process. */
export function openQueue(config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX'>): JobQueue {
  return config.REDIS_URL ? new BullMqQueue(config.REDIS_URL, config.QUEUE_PREFIX) : new InProcessQueue();
}
