import { every } from '../core/every.ts';
import type { Logger } from '../core/logger.ts';
import { pendingSlaChecks } from '../records/feedback-notices.ts';
import { markDead, unfinishedFeedback } from '../records/feedback-processing.ts';
import { type FeedbackLoopDeps, type ProcessOutcome, processFeedback } from './process-feedback.ts';
import type { JobQueue } from './queue.ts';

/** What happens after an item is routed, and when its SLA comes due (Slack notifications). */
export interface FeedbackNotifier {
  routed(feedbackId: string, outcome: Extract<ProcessOutcome, { status: 'processed' }>): Promise<void>;
  slaDue(feedbackId: string): Promise<void>;
}

export interface FeedbackWorkerOptions extends FeedbackLoopDeps {
  queue: JobQueue;
  logger: Logger;
  concurrency?: number;
  notifier?: FeedbackNotifier | null;
  /** Called after each item this worker processed (progress output). */
  onProcessed?: (feedbackId: string, outcome: ProcessOutcome) => void;
  /** The process clock, in epoch milliseconds: SLA timers are set against it. */
  now: () => number;
}

/** After an item is processed: notify its owner, start its SLA timer, report progress. */
export async function afterProcessing(
  options: FeedbackWorkerOptions,
  feedbackId: string,
  outcome: ProcessOutcome,
): Promise<void> {
  if (outcome.status === 'processed' && options.notifier) {
    await options.notifier.routed(feedbackId, outcome);
    const delayMs = Math.max(1, Date.parse(outcome.slaDueAt) - options.now());
    await options.queue.add('feedback_sla_check', { feedbackId }, { delayMs });
  }
  options.onProcessed?.(feedbackId, outcome);
}

/**
 * Registers the feedback loop's handlers on a queue: process an item (then notify its owner and
 * start its SLA timer), and check an SLA when it comes due. Failures retry with backoff; after the
 * last attempt the item is marked dead (visible in `cse feedback export`).
 */
export function runFeedbackWorker(options: FeedbackWorkerOptions): void {
  options.queue.work(
    'process_feedback',
    async ({ feedbackId }) => {
      await afterProcessing(options, feedbackId, await processFeedback(options, feedbackId));
    },
    {
      concurrency: options.concurrency ?? 4,
      onDead: async ({ feedbackId }, error) => {
        options.logger.error(
          { feedbackId, err: error.message },
          'feedback item failed every attempt; marked dead',
        );
        await markDead(options.db, feedbackId, error.message);
      },
    },
  );
  options.queue.work(
    'feedback_sla_check',
    async ({ feedbackId }) => {
      await options.notifier?.slaDue(feedbackId);
    },
    { concurrency: 1, onDead: async () => undefined },
  );
}

/** Queues every item accepted but not processed yet (after a crash or a restart). Returns how many. */
export async function requeueUnfinished(
  options: Pick<FeedbackWorkerOptions, 'db' | 'queue'>,
): Promise<number> {
  const ids = await unfinishedFeedback(options.db);
  await options.queue.addMany(
    'process_feedback',
    ids.map((feedbackId) => ({ feedbackId })),
  );
  return ids.length;
}

/**
 * Re-arms the SLA timers of open, notified requests (after a restart; the in-process queue keeps
 * its timers in memory). Idempotent: an escalation happens once whatever fires it. Returns how many.
 */
export async function rearmSlaChecks(
  options: Pick<FeedbackWorkerOptions, 'db' | 'queue' | 'notifier' | 'now'>,
): Promise<number> {
  if (!options.notifier) return 0;
  const now = options.now();
  const pending = await pendingSlaChecks(options.db);
  for (const p of pending)
    await options.queue.add(
      'feedback_sla_check',
      { feedbackId: p.feedback_id },
      { delayMs: Math.max(1, Date.parse(p.sla_due_at) - now) },
    );
  return pending.length;
}

/** How often the re-drive looks for items the queue never got, and how old such an item must be. */
export const REDRIVE_EVERY_MS = 15_000;
const REDRIVE_AFTER_MS = 10_000;

/**
 * The database is the source of truth: every REDRIVE_EVERY_MS, items still `new` after
 * REDRIVE_AFTER_MS (stored while the queue was down, or lost with a process) are queued again.
 * Processing claims an item once, so a second job for it does nothing. Returns the stop function.
 */
export function startRedrive(
  options: Pick<FeedbackWorkerOptions, 'db' | 'queue' | 'logger' | 'now'>,
  everyMs = REDRIVE_EVERY_MS,
): () => void {
  return every(
    everyMs,
    async () => {
      const cutoff = new Date(options.now() - REDRIVE_AFTER_MS).toISOString();
      const ids = await unfinishedFeedback(options.db, cutoff);
      if (ids.length === 0) return;
      await options.queue.addMany(
        'process_feedback',
        ids.map((feedbackId) => ({ feedbackId })),
      );
      options.logger.info({ items: ids.length }, 'queued items that were stored but never queued');
    },
    (error) => options.logger.warn({ err: error.message }, 'feedback re-drive failed; will try again'),
  );
}
