import type { Clock } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { personNames } from '../facts/contacts.ts';
import { feedbackLoopSettings } from '../knowledge/feedback-loop.ts';
import { feedbackThemes } from '../knowledge/feedback-themes.ts';
import { embedderFor } from '../llm/embeddings.ts';
import { createLlmGateway } from '../llm/gateway.ts';
import { feedbackStatusCounts, unfinishedAmong, unfinishedFeedback } from '../records/feedback-processing.ts';
import type { Db } from '../store/db.ts';
import {
  afterProcessing,
  type FeedbackNotifier,
  type FeedbackWorkerOptions,
  runFeedbackWorker,
} from './feedback-worker.ts';
import { openQueue } from './open-queue.ts';
import { processFeedbackBatch } from './process-feedback.ts';
import type { JobQueue } from './queue.ts';

/** Items per transaction on the in-process fast path. */
const BATCH = 200;

export interface FeedbackRuntime {
  queue: JobQueue;
  options: FeedbackWorkerOptions;
}

/** The feedback loop as the configuration selects it: queue driver, embedder, taxonomy, settings. */
export function feedbackRuntime(
  rt: { db: Db; config: Config; logger: Logger; clock: Clock },
  extra: Partial<Pick<FeedbackWorkerOptions, 'notifier' | 'onProcessed' | 'concurrency'>> & {
    queue?: JobQueue;
  } = {},
): FeedbackRuntime {
  const queue = extra.queue ?? openQueue(rt.config, rt.logger);
  const options: FeedbackWorkerOptions = {
    db: rt.db,
    embedder: embedderFor(rt.config, () => personNames(rt.db)),
    llm: createLlmGateway(rt.config, rt.logger, () => personNames(rt.db)),
    taxonomy: feedbackThemes(),
    settings: feedbackLoopSettings(),
    queue,
    logger: rt.logger,
    now: () => rt.clock.now().getTime(),
    ...(extra.notifier !== undefined ? { notifier: extra.notifier } : {}),
    ...(extra.onProcessed ? { onProcessed: extra.onProcessed } : {}),
    ...(extra.concurrency ? { concurrency: extra.concurrency } : {}),
  };
  return { queue, options };
}

/**
 * Processes items that wait (all of them, or the ones given) and returns when none of them is
 * `new` any more: in this process with the in-process queue, or through Redis with BullMQ (this
 * process works too, so it finishes even when no `cse worker` runs). Reports progress.
 */
export async function processWaitingFeedback(
  rt: { db: Db; config: Config; logger: Logger; clock: Clock },
  ids: readonly string[] | null,
  onProgress: (done: number, total: number) => void,
  notifier: FeedbackNotifier | null = null,
): Promise<{ processed: number; dead: number }> {
  const waiting = ids ?? (await unfinishedFeedback(rt.db));
  if (waiting.length === 0) return { processed: 0, dead: 0 };
  let done = 0;
  const { queue, options } = feedbackRuntime(rt, {
    notifier,
    onProcessed: () => {
      done++;
      if (done % 250 === 0) onProgress(done, waiting.length);
    },
  });
  try {
    runFeedbackWorker(options);
    let queued = waiting;
    if (queue.driver === 'in-process') {
      // Fast path: batches in one transaction each; whatever a batch could not do goes through the
      // queue one by one (retries, then the dead letter).
      for (let k = 0; k < waiting.length; k += BATCH) {
        try {
          const outcomes = await processFeedbackBatch(options, waiting.slice(k, k + BATCH));
          for (const [id, outcome] of outcomes) await afterProcessing(options, id, outcome);
        } catch (error) {
          rt.logger.warn(
            { err: (error as Error).message },
            'feedback batch failed; processing its items one by one',
          );
        }
      }
      queued = await unfinishedAmong(rt.db, waiting);
    }
    await queue.addMany(
      'process_feedback',
      queued.map((feedbackId) => ({ feedbackId })),
    );
    await queue.idle();
    const counts = await feedbackStatusCounts(rt.db, waiting);
    onProgress(waiting.length - (counts.new ?? 0), waiting.length);
    return { processed: waiting.length - (counts.new ?? 0) - (counts.dead ?? 0), dead: counts.dead ?? 0 };
  } finally {
    await queue.close();
  }
}
